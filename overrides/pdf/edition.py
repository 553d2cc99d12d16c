"""The edition line and the web address, shared by the site footer and both PDFs.

- The edition lines name KS' printed guide of 2015 («Originalutgave: …») and this digital
  edition: its publisher, from `extra.publisher` in mkdocs.yml (none when its name is
  unset), and its date («sist oppdatert …»). The date is `SOURCE_DATE_EPOCH` when set,
  else the last commit's date, never the wall clock: the same commit builds the same
  lines. The commit (`version`) is for editors: «Om denne utgaven» and the HTML's
  `<meta name="version">`, never the lines readers see on every page.
- The web address is `site_url` (`site_url: !ENV SITE_URL` in mkdocs.yml). Without it
  the PDFs carry no address and no QR codes; that is not an error.
- QR codes are SVG from segno, as data: URIs for an <img> with alt text (PDF/UA).

overrides/hooks/handbook.py reads the edition once per build, in on_config, and hands it on
in the build's state (overrides/pdf/build.py) to pdf_event_hook.py and overrides/hooks/workbook.py.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")
ORIGINAL = "Originalutgave: KS – Kommunesektorens organisasjon, 2015"
DIGITAL = "Digital utgave"
# The names by which the publisher is KS itself (the digital edition then says so).
KS_NAMES = ("KS", "KS – Kommunesektorens organisasjon")


@dataclass(frozen=True)
class Publisher:
    """Who publishes this digital edition (mkdocs.yml `extra.publisher`)."""

    name: str
    address: str = ""
    email: str = ""
    phone: str = ""

    @property
    def is_ks(self) -> bool:
        return self.name in KS_NAMES

    @property
    def contact(self) -> str:
        """Address, e-mail and phone as one line («Postboks …, 0114 Oslo · e-post … ·
        telefon …»), each part only when set."""
        parts = [self.address, f"e-post {self.email}" if self.email else "",
                 f"telefon {self.phone}" if self.phone else ""]
        return " · ".join(part for part in parts if part)


def read_publisher(extra: dict | None) -> Publisher | None:
    """`extra.publisher` as a Publisher, or None when it or its name is unset (empty):
    the edition then claims no publisher."""
    found = (extra or {}).get("publisher") or {}
    if not isinstance(found, dict):
        raise ValueError("extra.publisher in mkdocs.yml must be a mapping: name, address, email, phone")
    unknown = set(found) - {"name", "address", "email", "phone"}
    if unknown:
        raise ValueError(f"extra.publisher has unknown keys {sorted(unknown)}: "
                         "it takes name, address, email and phone")

    def text(key: str) -> str:
        value = found.get(key)
        return "" if value is None else " ".join(str(value).split())

    return Publisher(text("name"), text("address"), text("email"), text("phone")) if text("name") else None


@dataclass
class Edition:
    date: datetime | None = None
    commit: str | None = None
    site_url: str | None = None  # always ends with "/" when set
    copyright: str = ""
    publisher: Publisher | None = None

    @property
    def digital(self) -> str:
        """«Digital utgave: <publisher>, sist oppdatert <date>», each part only when known."""
        line = f"{DIGITAL}: {self.publisher.name}" if self.publisher else DIGITAL
        if self.date is not None:
            line += f", sist oppdatert {norwegian_date(self.date)}"
        return line

    @property
    def lines(self) -> list[str]:
        """The edition as readers see it: KS' printed guide, then this digital edition."""
        return [ORIGINAL, self.digital]

    @property
    def line(self) -> str:
        return ". ".join(self.lines) + "."

    @property
    def version(self) -> str | None:
        """The commit the edition was built from, for editors (not in `lines`)."""
        return self.commit

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


def pdf_path_of(url: str) -> str:
    """mkdocs-to-pdf's `data-url` for a page url (its _page_path_for_id, directory style)."""
    path = "." if not url or url == "index.html" else url
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return "/" + path


def norwegian_date(moment: datetime) -> str:
    """«5. desember 2026»; day and month joined by a no-break space, never split at a line end."""
    return f"{moment.day}.\u00a0{MONTHS[moment.month - 1]} {moment.year}"


def _git(project: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True,
                                check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def read_edition(project: Path, site_url: str | None, env: dict[str, str] | None = None,
                 publisher: Publisher | None = None, copyright: str = "") -> Edition:
    env = os.environ if env is None else env
    commit = _git(project, "rev-parse", "--short=7", "HEAD")
    epoch = env.get("SOURCE_DATE_EPOCH") or _git(project, "log", "-1", "--format=%ct")
    date = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.strip().isdigit() else None
    url = (site_url.rstrip("/") + "/") if site_url else None
    return Edition(date=date, commit=commit, site_url=url, publisher=publisher, copyright=copyright)


def file_date(project: Path, path: str) -> datetime | None:
    """The date of the last commit that changed `path` (e.g. the accessibility statement's
    «sist oppdatert»), or None outside git: from the history, so every build agrees."""
    epoch = _git(project, "log", "-1", "--format=%ct", "--", path)
    return datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else None


def qr_data_uri(url: str) -> str:
    """A QR code for `url` as an SVG data: URI (quiet zone included, dark on white)."""
    import segno

    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000", light="#fff")
