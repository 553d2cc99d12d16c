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
import time
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from macros.outputs import SITE_ZIP, ZIP_SIZE, pdf_plugin, size_label, size_placeholder, write_size

FOLDER = SITE_ZIP.removesuffix(".zip")  # the one folder inside the zip
FIXED_DATE = (2024, 1, 1, 0, 0, 0)  # when SOURCE_DATE_EPOCH is not set
SIZE_PLACEHOLDER = size_placeholder(ZIP_SIZE)
# Already compressed: stored as they are (deflating them again costs time, saves nothing).
STORED = {".pdf", ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip"}

log = logging.getLogger("mkdocs.hooks.offline_zip")


def zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return FIXED_DATE
    stamp = time.gmtime(max(int(epoch), 315532800))  # zip dates start in 1980
    return stamp[:6]


def site_files(site_dir: Path) -> list[tuple[str, Path]]:
    """Every file of the built site but the zip itself, as (entry name, path), sorted."""
    files = []
    for path in site_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(site_dir).as_posix()
            if rel != SITE_ZIP:
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


def pack(site_dir: Path) -> tuple[str, int, int, float]:
    """Write the zip into `site_dir`, its size into the pages; returns the size label,
    the number of files, of pages showing the size, and the seconds it took."""
    started = time.perf_counter()
    files = site_files(site_dir)
    date = zip_date()
    data = make_zip(files, date)
    label, pages = "", 0
    for _ in range(4):
        label = size_label(len(data), "ZIP")
        pages = write_size(site_dir, SIZE_PLACEHOLDER, label)
        if pages == 0:
            break
        data = make_zip(files, date)
        if size_label(len(data), "ZIP") == label:
            break
    (site_dir / SITE_ZIP).write_bytes(data)
    return label, len(files), pages, time.perf_counter() - started


@event_priority(-200)  # the very last: after the PDFs and every hook that rewrites HTML
def on_post_build(config: MkDocsConfig) -> None:
    if pdf_plugin(config.plugins) is None:
        return
    label, files, pages, seconds = pack(Path(config.site_dir))
    if pages == 0:
        log.warning("No page shows the zip's size: is {{ site_download() }} gone from the front page?")
    log.info("%s: %s, %d files, size shown on %d page(s), %.1f s", SITE_ZIP, label, files, pages, seconds)
