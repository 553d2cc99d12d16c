"""Reading the built site: its pages in navigation order and their main text."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from macros.outputs import PDF_PLUGIN

ROOT = Path(__file__).resolve().parent.parent


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving !ENV and other MkDocs tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_pages(config: Path = ROOT / "mkdocs.yml") -> list[str]:
    """Docs-relative Markdown paths in navigation order."""
    nav = yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoreTags)["nav"]
    pages: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, str):
                pages.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value) if isinstance(value, list) else pages.append(value)

    walk(nav)
    return pages


def pdf_options(config: Path = ROOT / "mkdocs-pdf.yml") -> dict:
    """The to-pdf plugin's options in mkdocs-pdf.yml."""
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoreTags)["plugins"][PDF_PLUGIN]


def pdf_pages(config: Path = ROOT / "mkdocs-pdf.yml") -> list[str]:
    """The pages of the PDF handbook: the navigation less the to-pdf plugin's exclude_pages."""
    options = pdf_options(config)
    excluded = {page.removesuffix(".html") + ".md" for page in options.get("exclude_pages", [])}
    return [page for page in nav_pages() if page not in excluded]


def html_path(site_dir: Path, src: str) -> Path:
    return site_dir / (src[: -len(".md")] + ".html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(page: BeautifulSoup) -> BeautifulSoup:
    """The page's content, without permalink anchors and tag chips."""
    content = page.select_one("article.md-content__inner")
    assert content is not None
    for extra in content.select("a.headerlink, .md-tags, .md-source-file"):
        extra.decompose()
    return content


def content_text(site_dir: Path, *, skip: tuple[str, ...] = ()) -> str:
    """All pages' main text in navigation order, as one string."""
    texts = []
    for src in nav_pages():
        if src in skip:
            continue
        texts.append(article(soup(html_path(site_dir, src))).get_text(""))
    return "\n".join(texts)


FLOATING_COMPONENTS = ".gl-reflection, .gl-archetype, .gl-pull-quote, .gl-see-also"


def floating_texts(site_dir: Path, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Texts of the components the printed layout set beside the body text."""
    return [
        element.get_text("")
        for src in nav_pages()
        if src not in skip
        for element in article(soup(html_path(site_dir, src))).select(FLOATING_COMPONENTS)
    ]


HANDBOOK = pdf_options()["output_path"]  # the handbook's file name, as mkdocs-pdf.yml gives it
