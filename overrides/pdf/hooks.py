"""MkDocs hook for the printable handbook (mkdocs.yml `hooks:`).

- Puts this folder on sys.path, where mkdocs-to-pdf looks for `pdf_event_hook`.
- Marks external links whose text is not their address (`data-gl-address`), so
  that print.css can print the address after them, on paper and in the PDF.
- After the PDF is rendered, writes its size into the pages that offer it
  ({{ pdf_download() }} leaves a placeholder marked `data-gl-pdf-size`), then renders
  the chapter handouts (handouts.py) and writes their sizes likewise.
- Reads the edition (date, commit) and the web address once (overrides/pdf/edition.py)
  for the site footer (`config.extra.edition`) and the PDFs, and records each page's
  topic tags for the PDF's «Stikkordregister».
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

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
    import edition

    project = Path(config.config_file_path).resolve().parent
    found = edition.read_edition(project, config.site_url)
    found.docs_dir = Path(config.docs_dir)
    found.copyright = config.copyright or ""
    edition.STATE = found
    config.extra["edition"] = {"line": found.line, "address": found.address}
    if PDF_PLUGIN in config.plugins and not found.site_url:
        log.info("SITE_URL is not set: the PDFs carry no web address and no QR codes "
                 "(set it to publish them, e.g. SITE_URL=https://example.no/guide/ make)")
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Hand mkdocs-to-pdf each page without links to the pages the book leaves out
    (exclude_pages): the tag chips to «Emner», links to «Mine refleksjoner», and
    without the download boxes. The
    website keeps its pages as they are."""
    plugin = config.plugins.get(PDF_PLUGIN)
    generator = getattr(plugin, "generator", None)
    if plugin is None or not plugin.enabled or generator is None:
        return
    patterns = [re.compile(p if p.startswith("^") else f"^{p}") for p in plugin.config["exclude_pages"]]
    collect = generator.on_post_page
    bundled = config.extra.get("bundled_css")  # overrides/hooks/bundle.py

    def on_post_page(output_content: str, page: object, pdf_path: str) -> str:
        html = unbundled_css(output_content, bundled) if bundled else output_content
        collect(print_version(html, page.url, patterns), page, pdf_path)
        return output_content

    generator.on_post_page = on_post_page


def unbundled_css(content: str, bundled: dict[str, object]) -> str:
    """The page with the site's stylesheets one by one instead of their bundle: the PDF
    is rendered from them (pdf_event_hook swaps fonts.css and reads figure.css)."""
    name = re.escape(bundled["bundle"])
    link = re.compile(rf'<link rel="stylesheet" href="(?P<prefix>[^"]*?){name}">')
    found = link.search(content)
    if found is None:
        raise PluginError(f"a page does not link the stylesheet bundle {bundled['bundle']}")
    prefix = found["prefix"]
    sources = "".join(f'<link rel="stylesheet" href="{prefix}{path}">' for path in bundled["sources"])
    return content[:found.start()] + sources + content[found.end():]


def print_version(content: str, page_url: str, excluded: list[re.Pattern[str]]) -> str:
    import pdf_links  # beside this file, on sys.path since on_config
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(content, "html.parser")
    for chips in soup.select("article .md-tags"):
        chips.decompose()
    # Download boxes are the website's: mkdocs-to-pdf would report their links to
    # the PDFs as missing pages.
    for box in soup.select("article .gl-pdf-download"):
        box.decompose()
    for link in soup.select("article a[href]"):
        href = link["href"]
        if urlparse(href).scheme or href.startswith("#"):
            continue
        target = urljoin(page_url, urlparse(href).path)
        if not any(p.match(target) for p in excluded):
            continue
        pdf_links.drop_link(link)
    return str(soup)


def on_page_markdown(markdown: str, page: object, **kwargs: object) -> str:
    import edition

    edition.STATE.tags[page.url] = [str(tag) for tag in (page.meta.get("tags") or [])]
    edition.STATE.urls[edition.pdf_path_of(page.url)] = page.url
    return markdown


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
    write_handouts(Path(config.site_dir))


def write_handouts(site_dir: Path) -> None:
    """The chapter handouts (overrides/pdf/handouts.py), rendered after the handbook,
    and their sizes on the pages that offer them ({{ chapter_handout(N) }})."""
    import time

    import handouts

    if not handouts.PENDING:
        raise PluginError("the handbook was rendered but no chapter handout was collected")
    start = time.perf_counter()
    for item, output in handouts.write(site_dir):
        label = size_label(output.stat().st_size)
        pages = write_size(site_dir, handouts.size_placeholder(item.number), label)
        if pages == 0:
            call = f"{{{{ chapter_handout({item.number}) }}}}"
            raise PluginError(f"no page offers {item.filename}: is {call} gone?")
        log.info("%s: %s, offered on %d page(s)", item.filename, label, pages)
    log.info("Chapter handouts written in %.1f s", time.perf_counter() - start)
