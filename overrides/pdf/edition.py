"""The edition line and the web address, shared by the site footer and both PDFs.

- The edition line names KS' 2015 guide, this digital edition's date and the commit it
  was built from. The date is `SOURCE_DATE_EPOCH` when set, else the last commit's date,
  never the wall clock: the same commit builds the same line.
- The web address is `site_url` (`site_url: !ENV SITE_URL` in mkdocs.yml). Without it
  the PDFs carry no address and no QR codes; that is not an error.
- QR codes are SVG from segno, as data: URIs for an <img> with alt text (PDF/UA).

overrides/hooks/handbook.py fills `STATE` in on_config; pdf_event_hook.py and
overrides/hooks/workbook.py read it. All import this module as `overrides.pdf.edition`, so
they share one module object and one `STATE` (read it as `edition.STATE`, never copy it).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")
GUIDE = "Digital utgave av «Guide til god ledelse» (KS, 2015)"


@dataclass
class Edition:
    date: datetime | None = None
    commit: str | None = None
    site_url: str | None = None  # always ends with "/" when set
    docs_dir: Path | None = None
    copyright: str = ""
    tags: dict[str, list[str]] = field(default_factory=dict)  # page url -> front matter tags
    urls: dict[str, str] = field(default_factory=dict)  # mkdocs-to-pdf's data-url -> page url

    @property
    def line(self) -> str:
        parts = [GUIDE]
        if self.date is not None:
            parts.append(norwegian_date(self.date))
        if self.commit:
            parts.append(f"versjon {self.commit}")
        return ", ".join(parts)

    @property
    def address(self) -> str | None:
        """The site's address as a reader types it: no scheme, no trailing slash."""
        if not self.site_url:
            return None
        return self.site_url.split("://", 1)[-1].rstrip("/")

    def url_of(self, page_url: str) -> str | None:
        if not self.site_url:
            return None
        return self.site_url + page_url.lstrip("/")


STATE = Edition()


def pdf_path_of(url: str) -> str:
    """mkdocs-to-pdf's `data-url` for a page url (its _page_path_for_id, directory style)."""
    path = "." if not url or url == "index.html" else url
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return "/" + path


def norwegian_date(moment: datetime) -> str:
    return f"{moment.day}. {MONTHS[moment.month - 1]} {moment.year}"


def _git(project: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True,
                                check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def read_edition(project: Path, site_url: str | None, env: dict[str, str] | None = None) -> Edition:
    env = os.environ if env is None else env
    commit = _git(project, "rev-parse", "--short=7", "HEAD")
    epoch = env.get("SOURCE_DATE_EPOCH") or _git(project, "log", "-1", "--format=%ct")
    date = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.strip().isdigit() else None
    url = (site_url.rstrip("/") + "/") if site_url else None
    return Edition(date=date, commit=commit, site_url=url)


def qr_data_uri(url: str) -> str:
    """A QR code for `url` as an SVG data: URI (quiet zone included, dark on white)."""
    import segno

    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000", light="#fff")
