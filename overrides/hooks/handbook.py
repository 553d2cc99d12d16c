"""MkDocs hook for the printable handbook and the edition line.

- Reads the edition (publisher, date, commit) and the web address once (overrides/pdf/edition.py)
  for the site footer (`config.extra.edition`) and the PDFs, and starts the build's state
  (overrides/pdf/build.py), which carries it, each page's topic tags (for the PDF's
  «Stikkordregister») and the chapter handouts to the later steps. Gives the theme the
  handbook's file name (`config.extra.handbook_pdf`, None without the PDF plugin) for
  «Last ned PDF».
- Hands mkdocs-to-pdf each page without what the book leaves out (links to web-only
  pages, tag chips, download boxes); the website keeps its pages as they are. Binds the
  build's state around the plugin's rendering, for its event hook (overrides/pdf/pdf_event_hook.py).
- After the PDF is rendered (mkdocs-to-pdf, a plugin, runs before this hook), writes its
  size into the pages that offer it ({{ pdf_download() }} leaves a placeholder,
  macros/outputs.py), then renders the chapter handouts (overrides/pdf/handouts.py) and
  writes their sizes likewise.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros import outputs
from macros.outputs import pdf_plugin, size_label, size_placeholder, write_size
from overrides.pdf import build as build_state
from overrides.pdf import edition, handouts, pdf_links

log = logging.getLogger("mkdocs.hooks.handbook")
STATEMENT = "docs/tilgjengelighetserklaering.md"  # dated by its own last commit


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).resolve().parent
    try:
        publisher = edition.read_publisher(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    found = edition.read_edition(project, config.site_url, publisher=publisher,
                                 copyright=config.copyright or "")
    build_state.start(config, found)
    # The statement's «sist oppdatert»: its file's last commit, else the edition's date.
    statement = edition.file_date(project, STATEMENT) or found.date
    config.extra["edition"] = {
        "lines": found.lines, "line": found.line, "address": found.address, "version": found.version,
        "publisher": publisher, "date": edition.norwegian_date(found.date) if found.date else "",
        "statement_updated": edition.norwegian_date(statement) if statement else ""}
    # The pages' <meta name="author">: the edition's publisher, or none.
    config.site_author = publisher.name if publisher else None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Give the theme the handbook's file name (overrides/partials/pdf-link.html), and
    hand mkdocs-to-pdf each page without links to the pages the book leaves out
    (exclude_pages): the tag chips to «Emner», links to «Mine refleksjoner», and
    without the download boxes. The website keeps its pages as they are.

    Not in on_config: the PDF plugin counts as enabled only once its own on_config ran."""
    config.extra["handbook_pdf"] = outputs.handbook(config.plugins)
    plugin = pdf_plugin(config.plugins)
    build = build_state.of(config)
    if plugin is not None and not build.edition.site_url:
        log.info("SITE_URL is not set: the PDFs carry no web address and no QR codes "
                 "(set it to publish them, e.g. SITE_URL=https://example.no/guide/ make)")
    generator = getattr(plugin, "generator", None)
    if plugin is None or generator is None:
        return
    patterns = [re.compile(p if p.startswith("^") else f"^{p}") for p in plugin.config["exclude_pages"]]
    collect = generator.on_post_page
    bundled = config.extra.get("bundled_css")  # overrides/hooks/bundle.py

    def on_post_page(output_content: str, page: object, pdf_path: str) -> str:
        html = unbundled_css(output_content, bundled) if bundled else output_content
        collect(print_version(html, page.url, patterns), page, pdf_path)
        return output_content

    generator.on_post_page = on_post_page
    render = generator.on_post_build

    def on_post_build(*args: object, **kwargs: object) -> None:
        with build_state.rendering(build):  # pdf_event_hook.pre_pdf_render reads it
            render(*args, **kwargs)

    generator.on_post_build = on_post_build


def unbundled_css(content: str, bundled: dict[str, object]) -> str:
    """The page with the site's stylesheets one by one instead of their bundle: the PDF
    is rendered from them (pdf_event_hook swaps fonts.css and reads terrain.css)."""
    name = re.escape(bundled["bundle"])
    link = re.compile(rf'<link rel="stylesheet" href="(?P<prefix>[^"]*?){name}">')
    found = link.search(content)
    if found is None:
        raise PluginError(f"a page does not link the stylesheet bundle {bundled['bundle']}")
    prefix = found["prefix"]
    sources = "".join(f'<link rel="stylesheet" href="{prefix}{path}">' for path in bundled["sources"])
    return content[:found.start()] + sources + content[found.end():]


def print_version(content: str, page_url: str, excluded: list[re.Pattern[str]]) -> str:
    from bs4 import BeautifulSoup  # only with the PDF plugin: a site-only build never loads it

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


def on_page_markdown(markdown: str, page: object, config: MkDocsConfig, **kwargs: object) -> str:
    build = build_state.of(config)
    build.tags[page.url] = [str(tag) for tag in (page.meta.get("tags") or [])]
    build.urls[edition.pdf_path_of(page.url)] = page.url
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    plugin = pdf_plugin(config.plugins)
    if plugin is None:
        return
    pdf = Path(config.site_dir) / plugin.config["output_path"]
    if not pdf.is_file():
        raise PluginError(f"{plugin.config['output_path']} was not written, though the PDF plugin is on")
    label = size_label(pdf.stat().st_size)
    pages = write_size(Path(config.site_dir), size_placeholder(outputs.PDF_SIZE), label)
    if pages == 0:
        log.warning("No page shows the PDF's size: is {{ pdf_download() }} gone from the front page?")
    log.info("%s: %s, size shown on %d page(s)", pdf.name, label, pages)
    write_handouts(Path(config.site_dir), build_state.of(config).handouts)


def write_handouts(site_dir: Path, collected: list[handouts.Handout]) -> None:
    """The chapter handouts (overrides/pdf/handouts.py), rendered after the handbook,
    and their sizes on the pages that offer them ({{ chapter_handout(N) }})."""
    if not collected:
        raise PluginError("the handbook was rendered but no chapter handout was collected")
    start = time.perf_counter()
    for item, output in handouts.write(site_dir, collected):
        label = size_label(output.stat().st_size)
        pages = write_size(site_dir, size_placeholder(outputs.HANDOUT_SIZE, str(item.number)), label)
        if pages == 0:
            call = f"{{{{ chapter_handout({item.number}) }}}}"
            raise PluginError(f"no page offers {item.filename}: is {call} gone?")
        log.info("%s: %s, offered on %d page(s)", item.filename, label, pages)
    log.info("Chapter handouts written in %.1f s", time.perf_counter() - start)
