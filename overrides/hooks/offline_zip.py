"""MkDocs hook (mkdocs.yml `hooks:`): the whole built site as one zip,
`guide-til-god-ledelse-nettsted.zip`, for seminar rooms without network.

Unpacked, the folder opens from the file system (index.html): relative links
(use_directory_urls: false) and the offline plugin make navigation and search
work, and everything else is in the folder (no request leaves the machine).

- Built only when the PDF plugin is on (mkdocs-pdf.yml, what `make` builds):
  the pack should hold the handbook and the workbook, and `make serve`
  (mkdocs.yml) stays fast.
- Made once, last (mkdocs.yml says why its on_post_build has priority -100):
  after the PDFs, after every hook that rewrites the HTML, and after Material's
  offline plugin writes search/search_index.js.
- Deterministic: entries sorted, timestamps from SOURCE_DATE_EPOCH (else a
  fixed date), fixed permissions; the same site gives the same bytes.
- The front page offers the zip ({{ site_download() }}, data-gl-zip-size). Its
  size is written into the published pages after the zip is made, so it is not
  inside the bytes it measures: the pages in the zip show «ZIP» without a size
  (their link to the zip leads to a file the unpacked folder does not hold).
"""

from __future__ import annotations

import io
import logging
import os
import time
import zipfile
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig

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
    """Write the zip of the site as it stands into `site_dir`, then its size into the
    pages; returns the size label, the number of files, of pages showing the size, and
    the seconds it took."""
    started = time.perf_counter()
    files = site_files(site_dir)
    data = make_zip(files, zip_date())
    (site_dir / SITE_ZIP).write_bytes(data)
    label = size_label(len(data), "ZIP")
    pages = write_size(site_dir, SIZE_PLACEHOLDER, label)
    return label, len(files), pages, time.perf_counter() - started


@plugins.event_priority(-100)  # see mkdocs.yml: after Material's offline plugin (-100) and every hook at 0
def on_post_build(config: MkDocsConfig) -> None:
    if pdf_plugin(config.plugins) is None:
        return
    label, files, pages, seconds = pack(Path(config.site_dir))
    if pages == 0:
        log.warning("No page shows the zip's size: is {{ site_download() }} gone from the front page?")
    log.info("%s: %s, %d files, size shown on %d page(s), %.1f s", SITE_ZIP, label, files, pages, seconds)
