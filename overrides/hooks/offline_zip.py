"""MkDocs hook (mkdocs.yml `hooks:`): the whole built site as one zip,
`guide-til-god-ledelse-nettsted.zip`, for seminar rooms without network.

Unpacked, the folder opens from the file system (index.html): relative links
(use_directory_urls: false) and the offline plugin make navigation and search
work, and everything else is in the folder (no request leaves the machine).

- Built only when the PDF plugin is on (mkdocs-pdf.yml, what `make` builds):
  the pack should hold the handbook and the workbook, and `make serve`
  (mkdocs.yml) stays fast.
- Runs last (priority -200): after the PDFs are rendered and after every hook
  that rewrites the HTML (PDF sizes at -100, the Content-Security-Policy).
- Deterministic: entries sorted, timestamps from SOURCE_DATE_EPOCH (else a
  fixed date), fixed permissions; the same site gives the same bytes.
- The front page offers the zip ({{ site_download() }}, data-gl-zip-size); its
  size is written into the pages, and so into the zip itself: the zip is made
  again until the size it states is its own (two rounds, rarely three).
"""

from __future__ import annotations

import io
import logging
import os
import re
import time
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ZIP_NAME = "guide-til-god-ledelse-nettsted.zip"
FOLDER = "guide-til-god-ledelse-nettsted"  # the one folder inside the zip
PDF_PLUGIN = "to-pdf"
FIXED_DATE = (2024, 1, 1, 0, 0, 0)  # when SOURCE_DATE_EPOCH is not set
SIZE_PLACEHOLDER = re.compile(r"(<[^>]*\bdata-gl-zip-size\b[^>]*>)[^<]*(<)")
# Already compressed: stored as they are (deflating them again costs time, saves nothing).
STORED = {".pdf", ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip"}

log = logging.getLogger("mkdocs.hooks.offline_zip")


def zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return FIXED_DATE
    stamp = time.gmtime(max(int(epoch), 315532800))  # zip dates start in 1980
    return stamp[:6]


def size_label(size: int) -> str:
    """Norwegian file size: «ZIP, 850 kB», «ZIP, 6,4 MB»."""
    if size < 1_000_000:
        return f"ZIP, {max(1, round(size / 1000))} kB"
    return "ZIP, " + f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def site_files(site_dir: Path) -> list[tuple[str, Path]]:
    """Every file of the built site but the zip itself, as (entry name, path), sorted."""
    files = []
    for path in site_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(site_dir).as_posix()
            if rel != ZIP_NAME:
                files.append((f"{FOLDER}/{rel}", path))
    return sorted(files)


def make_zip(files: list[tuple[str, Path]], date: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=date)
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, whatever builds it
            stored = path.suffix.lower() in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=None if stored else 6)
    return buffer.getvalue()


def write_label(site_dir: Path, label: str) -> int:
    """Write `label` into every page's zip size placeholder; returns how many pages had one."""
    pages = 0
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new, count = SIZE_PLACEHOLDER.subn(rf"\g<1>{label}\g<2>", text)
        if count:
            if new != text:
                path.write_text(new, encoding="utf-8")
            pages += 1
    return pages


def pack(site_dir: Path) -> tuple[str, int, int, float]:
    """Write the zip into `site_dir`, its size into the pages; returns the size label,
    the number of files, of pages showing the size, and the seconds it took."""
    started = time.perf_counter()
    files = site_files(site_dir)
    date = zip_date()
    data = make_zip(files, date)
    label, pages = "", 0
    for _ in range(4):
        label = size_label(len(data))
        pages = write_label(site_dir, label)
        if pages == 0:
            break
        data = make_zip(files, date)
        if size_label(len(data)) == label:
            break
    (site_dir / ZIP_NAME).write_bytes(data)
    return label, len(files), pages, time.perf_counter() - started


@event_priority(-200)  # the very last: after the PDFs and every hook that rewrites HTML
def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get(PDF_PLUGIN)
    if plugin is None or not plugin.enabled:
        return
    label, files, pages, seconds = pack(Path(config.site_dir))
    if pages == 0:
        log.warning("No page shows the zip's size: is {{ site_download() }} gone from the front page?")
    log.info("%s: %s, %d files, size shown on %d page(s), %.1f s", ZIP_NAME, label, files, pages, seconds)
