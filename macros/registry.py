"""Wiring: registers each component on mkdocs-macros with its data and page context.

Any error is re-raised naming the page, the macro and the bad value, so that
`on_error_fail: true` stops the build with a message an editor can act on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros import components, glossary, notebook
from macros import pdf_download as download
from macros.data import data_dir, load_data, page_title
from macros.errors import ComponentError


def register_components(env: Any) -> None:
    configure_tooltips(env.conf)
    docs_dir = Path(env.conf["docs_dir"])
    directory = data_dir(docs_dir)
    use_directory_urls = bool(env.conf.get("use_directory_urls", True))

    def current_page() -> str:
        page = getattr(env, "page", None)
        return page.file.src_uri if page is not None else "<no page>"

    def link_for(src_path: str) -> dict[str, str]:
        title = page_title(docs_dir, src_path)
        here = components.page_url(current_page(), use_directory_urls=use_directory_urls)
        target = components.page_url(src_path, use_directory_urls=use_directory_urls)
        return {"url": components.relative_url(target, from_url=here), "title": title}

    def chapter_title() -> str:
        """The nav chapter (top-level section) of the page being rendered, "" outside one."""
        node = getattr(getattr(env, "page", None), "parent", None)
        while node is not None and getattr(node, "parent", None) is not None:
            node = node.parent
        return str(getattr(node, "title", "") or "") if node is not None else ""

    def repeated_on_page(text: str) -> bool:
        """True when the quoted sentence also stands in the page's body text."""
        markdown = getattr(env, "markdown", "") or ""
        return markdown.count(text) > 1

    def macro(func: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            try:
                return func(*args, **kwargs)
            except (ComponentError, TypeError) as exc:
                call = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
                raise ComponentError(
                    f"page {current_page()}: macro {func.__name__}({call}): {exc}"
                ) from exc

        env.macro(wrapper, func.__name__)
        return wrapper

    @macro
    def reflection(key: str) -> str:
        return components.reflection(load_data(directory, "reflections"), key, chapter=chapter_title(),
                                     page_title=page_title(docs_dir, current_page()))

    @macro
    def archetype(key: str) -> str:
        return components.archetype(load_data(directory, "archetypes"), key, chapter=chapter_title())

    @macro
    def archetype_overview() -> str:
        return components.archetype_overview(load_data(directory, "archetypes"), link_for=link_for,
                                             chapter=chapter_title())

    @macro
    def success_criteria() -> str:
        return components.success_criteria(load_data(directory, "success_criteria"))

    @macro
    def see_also(key: str) -> str:
        return components.see_also(load_data(directory, "see_also"), key)

    @macro
    def pull_quote(text: str) -> str:
        return components.pull_quote(text, repeated=repeated_on_page(text))

    @macro
    def kart_og_terreng() -> str:
        return components.kart_og_terreng()

    @macro
    def corrections() -> str:
        return components.corrections(load_data(directory, "corrections"), link_for=link_for)

    @macro
    def pdf_download() -> str:
        href = download.pdf_href(env.conf.get("plugins"), page_src=current_page(),
                                 use_directory_urls=use_directory_urls)
        return "" if href is None else download.pdf_download(href=href)

    @macro
    def workbook_download() -> str:
        href = download.pdf_href(env.conf.get("plugins"), page_src=current_page(),
                                 use_directory_urls=use_directory_urls, target=download.WORKBOOK)
        return "" if href is None else download.workbook_download(href=href)

    @macro
    def site_download() -> str:
        href = download.pdf_href(env.conf.get("plugins"), page_src=current_page(),
                                 use_directory_urls=use_directory_urls, target=download.SITE_ZIP)
        return "" if href is None else download.site_download(href=href)

    @macro
    def reflection_notebook() -> str:
        chapters = notebook.notebook_chapters(
            load_data(directory, "reflections"),
            notebook.reflection_locations(docs_dir),
            title_of=lambda src: page_title(docs_dir, src),
            url_of=lambda src: link_for(src)["url"],
        )
        return notebook.notebook(chapters)

    @macro
    def glossary_list() -> str:
        return glossary.glossary(load_data(directory, "glossary"))


def configure_tooltips(conf: Any) -> None:
    """Give the `abbr` extension the glossary's terms: tooltips wherever they occur.

    A project without docs/_data/glossary.yml has no tooltips (and no glossary page:
    `glossary_list()` fails loudly on the missing file)."""
    directory = data_dir(Path(conf["docs_dir"]))
    if not (directory / "glossary.yml").is_file():
        return
    if "abbr" not in conf["markdown_extensions"]:
        raise ComponentError("the glossary's tooltips need the `abbr` Markdown extension in mkdocs.yml")
    try:
        terms = glossary.abbreviations(load_data(directory, "glossary"))
    except ComponentError as exc:
        raise ComponentError(f"glossary: {exc}") from exc
    conf["mdx_configs"].setdefault("abbr", {})["glossary"] = terms
