"""MkDocs hook: every link and image in a rendered page must lead somewhere, and no
tooltip may hold markup.

MkDocs validates Markdown links, but not raw HTML (`<a href>` written in a page, or
put there by a macro's template), and a missing image in raw HTML passed the site
build only to stop the PDF build with «1 error(s) … occurred while generating PDF».
This hook reads each page's HTML after Markdown (`on_page_content`), resolves every
`<a href>` and `<img src>` relative to the page, and stops the build naming the page,
the tag and the bad address.

Material's tooltips (`content.tooltips`) insert an element's `title` as HTML, so a
title holding `<` would run as markup when a reader hovers it. The glossary's schema
rejects markup in definitions; this catches the same in a page's own `*[…]: …`
abbreviations or any other title. It is listed under `hooks:` in mkdocs.yml and in the
fixture projects' tests/fixtures/base-mkdocs.yml.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

from macros.components.pdf_download import handout_chapters
from macros.outputs import SITE_ZIP, WORKBOOK, handbook, handout

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# Written after the pages, only with the PDF plugin: the handbook, the workbook, the
# chapter handouts and the offline zip (macros/outputs.py names them).
_generated: set[str] = set()
_site_files: set[str] = set()


class _Targets(HTMLParser):
    """(tag, attribute, value) for each `<a href>` and `<img src>`, and titles holding markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self.marked_titles: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.found.append((tag, name, value))
            if name == "title" and value is not None and "<" in value:  # value is decoded
                self.marked_titles.append((tag, value))


def on_config(config: Any) -> Any:
    _generated.clear()
    handbook_file = handbook(config.plugins)
    if handbook_file is not None:
        _generated.update({handbook_file, WORKBOOK, SITE_ZIP})
        _generated.update(handout(number) for number in handout_chapters(Path(config.docs_dir)))
    return config


def on_files(files: Any, config: Any) -> Any:
    _site_files.clear()
    _site_files.update(f.dest_uri for f in files)
    return files


def problem(tag: str, value: str, *, page_dest: str, site_files: set[str]) -> str:
    """Why `value` (from `<a href>` or `<img src>` on the page written to `page_dest`) leads
    nowhere, or "" when it is fine."""
    address = value.strip()
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    if tag == "img" and scheme == "data":
        return ""
    if scheme:
        if tag == "a" and scheme in LINK_SCHEMES:
            return ""
        if tag == "img" and scheme in ("http", "https"):
            return "an image from another host (the site loads nothing from other hosts)"
        return f"the scheme {scheme}: is not allowed"
    if address.startswith("//"):
        return "an address on another host without https:"
    path = unquote(parts.path)
    if not path:
        return "" if tag == "a" else "an empty image address"
    if path.startswith("/"):
        return "a root-absolute address (breaks under a sub-path and from the file system)"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_dest), path))
    if target.startswith("../") or target == "..":
        return f"leads outside the site ({target})"
    candidates = {target, posixpath.join(target, "index.html")}
    if candidates & site_files:
        return ""
    hint = " (raw HTML links are not rewritten: link to the .html page, or use a Markdown link)" \
        if path.endswith(".md") else ""
    return f"no such file in the site: {target}{hint}"


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    parser = _Targets()
    parser.feed(html)
    known = _site_files | _generated
    problems = []
    for tag, attribute, value in parser.found:
        why = problem(tag, value, page_dest=page.file.dest_uri, site_files=known)
        if why:
            what = "image" if tag == "img" else "link"
            problems.append(f"page {page.file.src_uri}: {what} <{tag} {attribute}=\"{value}\">: {why}")
    for tag, title in parser.marked_titles:
        problems.append(f"page {page.file.src_uri}: <{tag} title={title!r}>: markup in a title would run "
                        "as HTML in the tooltip; write plain text")
    if problems:
        raise PluginError("\n".join(dict.fromkeys(problems)))
    return html
