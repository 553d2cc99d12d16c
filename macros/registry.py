"""Wiring: registers each component on mkdocs-macros with its data and page context.

Errors an editor can cause stop the build as a `PluginError`, which MkDocs prints as
a few lines without a Python traceback:

- at configuration time, every data file is validated (macros/schemas.py) and every
  page's macro calls are checked (macros/calls.py), so each error names the file and
  entry, or the page, line and call, and the bad value;
- an error while a page renders is kept and raised once the page is rendered
  (`raise_pending`), naming the page, the macro and its arguments. Raised inside the
  macro, mkdocs-macros would print it with a traceback.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from macros import calls, components, glossary, notebook, schemas
from macros import pdf_download as download
from macros.data import data_dir, load_data, page_title, start_build
from macros.errors import ComponentError

# Names every page may use besides the macros: mkdocs-macros' own and Jinja's.
CONTEXT_NAMES = {"page", "navigation", "files", "macros", "filters", "filters_builtin",
                 *jinja2.defaults.DEFAULT_NAMESPACE}


def register_components(env: Any) -> None:
    """Register the macros, after checking the data files and every page's macro calls."""
    start_build(Path(env.conf["docs_dir"]))
    try:
        check_data(env.conf)
        configure_tooltips(env.conf)
    except ComponentError as exc:
        raise PluginError(str(exc)) from None
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

    registered: dict[str, Callable[..., str]] = {}
    env.gl_pending_errors = []
    # Where each reflection box stands, from the scan of every page below (before any page
    # is rendered): the notebook and the facilitator's page need not parse them all again.
    located: dict[str, str] = {}

    def macro(func: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            try:
                return func(*args, **kwargs)
            except (ComponentError, TypeError) as exc:
                call = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
                env.gl_pending_errors.append(f"page {current_page()}: macro {func.__name__}({call}): {exc}")
                return ""

        env.macro(wrapper, func.__name__)
        registered[func.__name__] = func
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
        return components.see_also(load_data(directory, "see_also"), key, link_for=link_for)

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

    def handout_href(number: int) -> str | None:
        return download.pdf_href(env.conf.get("plugins"), page_src=current_page(),
                                 use_directory_urls=use_directory_urls,
                                 target=download.handout_file(number, download.handout_chapters(docs_dir)))

    @macro
    def chapter_handout(number: int) -> str:
        href = handout_href(number)
        return "" if href is None else download.chapter_handout(number=number, href=href)

    @macro
    def chapter_handouts() -> str:
        chapters = download.handout_chapters(docs_dir)
        items = [{"number": n, "title": c["title"], "href": handout_href(n)} for n, c in chapters.items()]
        if not items or items[0]["href"] is None:
            return ""
        return download.chapter_handouts(items)

    @macro
    def facilitator_overview() -> str:
        chapters = notebook.notebook_chapters(
            load_data(directory, "reflections"),
            dict(located),
            title_of=lambda src: page_title(docs_dir, src),
            url_of=lambda src: link_for(src)["url"],
        )
        boxes = {chapter["page"]: chapter["boxes"] for chapter in chapters}
        chapters = [{"key": posixpath.dirname(c["src"]), "page": c["src"],
                     "title": page_title(docs_dir, c["src"]), "url": link_for(c["src"])["url"],
                     "boxes": boxes.pop(c["src"], []),
                     "handout": {"number": n, "href": handout_href(n)} if handout_href(n) else None}
                    for n, c in download.handout_chapters(docs_dir).items()]
        if boxes:
            raise ComponentError(f"reflection boxes outside the chapters: {sorted(boxes)}")
        for chapter in chapters:  # the title the boxes' own Storskjerm buttons show
            chapter["nav_title"] = nav_chapter_of(chapter["page"]) or chapter["title"]
        workbook = download.pdf_href(env.conf.get("plugins"), page_src=current_page(),
                                     use_directory_urls=use_directory_urls, target=download.WORKBOOK)
        return download.facilitator(chapters, workbook_href=workbook, label=components.REFLECTION_LABEL)

    def nav_chapter_of(src: str) -> str:
        """The title of the top-level nav section that holds page `src` (mkdocs.yml nav)."""
        def holds(items: Any) -> bool:
            if isinstance(items, str):
                return items == src
            if isinstance(items, list):
                return any(holds(item) for item in items)
            if isinstance(items, dict):
                return any(holds(value) for value in items.values())
            return False

        for item in env.conf.get("nav") or []:
            if isinstance(item, dict):
                for title, children in item.items():
                    if isinstance(children, list) and holds(children):
                        return str(title)
        return ""

    @macro
    def site_download() -> str:
        href = download.pdf_href(env.conf.get("plugins"), page_src=current_page(),
                                 use_directory_urls=use_directory_urls, target=download.SITE_ZIP)
        return "" if href is None else download.site_download(href=href)

    @macro
    def reflection_notebook() -> str:
        chapters = notebook.notebook_chapters(
            load_data(directory, "reflections"),
            dict(located),
            title_of=lambda src: page_title(docs_dir, src),
            url_of=lambda src: link_for(src)["url"],
        )
        return notebook.notebook(chapters)

    @macro
    def glossary_list() -> str:
        return glossary.glossary(load_data(directory, "glossary"))

    known = {*env.variables, *env.macros, *env.filters, *env.conf.get("extra", {}), *CONTEXT_NAMES}
    try:
        scan = calls.check(docs_dir, macros=registered, known_names=known,
                    data=lambda name: load_data(directory, name),
                    render_by_default=bool(env.config.get("render_by_default", True)),
                    jinja_options={key[3:]: value for key, value in env.config.items()
                                   if key.startswith("j2_") and value})
    except ComponentError as exc:
        raise PluginError(str(exc)) from None
    located.update(scan.locations)


def raise_pending(env: Any) -> None:
    """Stop the build with the errors the macros met on the page just rendered."""
    errors = getattr(env, "gl_pending_errors", [])
    if errors:
        message = "\n".join(errors)
        errors.clear()
        raise PluginError(message)


def check_data(conf: Any) -> None:
    """Validate every data file there is, whether a page uses it yet or not."""
    directory = data_dir(Path(conf["docs_dir"]))
    problems = []
    for name in schemas.SCHEMAS:
        if (directory / f"{name}.yml").is_file():
            try:
                load_data(directory, name)
            except ComponentError as exc:
                problems.append(str(exc))
    if problems:
        raise ComponentError("\n".join(problems))


def configure_tooltips(conf: Any) -> None:
    """Give the `abbr` extension the glossary's terms: tooltips wherever they occur.

    A project without docs/_data/glossary.yml has no tooltips (and no glossary page:
    `glossary_list()` fails loudly on the missing file)."""
    directory = data_dir(Path(conf["docs_dir"]))
    if not (directory / "glossary.yml").is_file():
        return
    if "abbr" not in conf["markdown_extensions"]:
        raise ComponentError("the glossary's tooltips need the `abbr` Markdown extension in mkdocs.yml")
    terms = glossary.abbreviations(load_data(directory, "glossary"))
    conf["mdx_configs"].setdefault("abbr", {})["glossary"] = terms
