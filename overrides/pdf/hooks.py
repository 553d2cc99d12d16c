"""MkDocs hook for the printable handbook (mkdocs.yml `hooks:`).

- Puts this folder on sys.path, where mkdocs-to-pdf looks for `pdf_event_hook`.
- Marks external links whose text is not their address (`data-gl-address`), so
  that print.css can print the address after them, on paper and in the PDF.
- After the PDF is rendered, writes its size into the pages that offer it
  ({{ pdf_download() }} leaves a placeholder marked `data-gl-pdf-size`).
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HERE = Path(__file__).resolve().parent
PDF_PLUGIN = "to-pdf"
SIZE_PLACEHOLDER = re.compile(r"(<[^>]*\bdata-gl-pdf-size\b[^>]*>)[^<]*(<)")
EXTERNAL_LINK = re.compile(
    r'<a (?P<attrs>[^>]*\bhref="(?P<href>(?:https?://|mailto:)[^"]+)"[^>]*)>(?P<text>[^<]+)</a>')

log = logging.getLogger("mkdocs.hooks.handbook")


@event_priority(100)  # before mkdocs-to-pdf's on_config imports pdf_event_hook
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return config


def address(href: str) -> str:
    """A link target as a reader would type it: no scheme, no trailing slash."""
    return re.sub(r"^(https?://|mailto:)", "", href).rstrip("/")


def mark_external_links(content: str) -> str:
    def mark(match: re.Match[str]) -> str:
        shown = address(html.unescape(match["href"]))
        if html.unescape(match["text"]).strip() == shown or "data-gl-address" in match["attrs"]:
            return match[0]
        return f'<a data-gl-address="{html.escape(shown)}" {match["attrs"]}>{match["text"]}</a>'

    return EXTERNAL_LINK.sub(mark, content)


def on_page_content(content: str, **kwargs: object) -> str:
    return mark_external_links(content)


def size_label(size: int) -> str:
    """Norwegian file size: «PDF, 850 kB», «PDF, 1,4 MB»."""
    if size < 1_000_000:
        return f"PDF, {max(1, round(size / 1000))} kB"
    return "PDF, " + f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def write_size(site_dir: Path, placeholder: re.Pattern[str], label: str) -> int:
    """Write `label` into every element `placeholder` finds; returns how many pages had one.
    Also used for the workbook (overrides/pdf/workbook.py)."""
    pages = 0
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new, count = placeholder.subn(rf"\g<1>{label}\g<2>", text)
        if count:
            path.write_text(new, encoding="utf-8")
            pages += 1
    return pages


@event_priority(-100)  # after mkdocs-to-pdf has rendered the PDF
def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get(PDF_PLUGIN)
    if plugin is None or not plugin.enabled:
        return
    pdf = Path(config.site_dir) / plugin.config["output_path"]
    if not pdf.is_file():
        raise PluginError(f"{PDF_PLUGIN} is enabled but {pdf} was not written")
    label = size_label(pdf.stat().st_size)
    pages = write_size(Path(config.site_dir), SIZE_PLACEHOLDER, label)
    if pages == 0:
        log.warning("No page shows the PDF's size: is {{ pdf_download() }} gone from the front page?")
    log.info("%s: %s, size shown on %d page(s)", pdf.name, label, pages)
