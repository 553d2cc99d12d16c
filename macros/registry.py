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

from macros import calls, components, glossary, notebook, outputs
from macros import pdf_download as download
from macros.data import DATA_FILES, data_dir, load_data, page_title, start_build
from macros.errors import ComponentError
from macros.kept import kept_folder

# Names every page may use besides the macros: mkdocs-macros' own and Jinja's.
CONTEXT_NAMES = {"page", "navigation", "files", "macros", "filters", "filters_builtin",
                 *jinja2.defaults.DEFAULT_NAMESPACE}


def register_components(env: Any) -> None:
    """Register the macros, after checking the data files and every page's macro calls."""
    start_build(Path(env.conf["docs_dir"]), kept=kept_folder(env.conf["config_file_path"], "data"))
    try:
        check_data(env.conf)
        configure_tooltips(env.conf)
    except ComponentError as exc:
        raise PluginError(str(exc)) from None
    docs_dir = Path(env.conf["docs_dir"])
    directory = data_dir(docs_dir)
    places = calls.Scan().places  # box or card -> its page, from the check of every page's calls below

    def current_page() -> str:
        page = getattr(env, "page", None)
        return page.file.src_uri if page is not None else "<no page>"

    def site_page(src_path: str) -> Any:
        """The MkDocs file of the page `src_path` (docs-relative), from the build's own
        file collection (mkdocs-macros' `files`, complete before any page renders)."""
        file = env.variables["files"].get_file_from_path(src_path)
        if file is None or not file.is_documentation_page():
            raise ComponentError(f"the page {src_path!r} is not a page of the site")
        return file

    def link_for(src_path: str) -> dict[str, str]:
        """A link from the page being rendered to the page `src_path`, with its title."""
        return {"url": site_page(src_path).url_relative_to(env.page.file),
                "title": page_title(docs_dir, src_path)}

    def href_to(output: str | None = None) -> str | None:
        """A file the PDF build writes beside the site (the handbook unless `output` names
        another), relative to the page being rendered; None without the PDF plugin."""
        return download.pdf_href(env.conf.get("plugins"), page_url=env.page.url, target=output)

    def chapter_of(page: Any) -> str:
        """The nav chapter (top-level section) that holds `page`, "" outside one."""
        node = getattr(page, "parent", None)
        while node is not None and getattr(node, "parent", None) is not None:
            node = node.parent
        return str(getattr(node, "title", "") or "") if node is not None else ""

    def chapter_title() -> str:
        return chapter_of(getattr(env, "page", None))

    def notebook_chapters() -> list[dict[str, Any]]:
        """Every reflection box, by chapter, linked from the page being rendered."""
        return notebook.notebook_chapters(
            load_data(directory, "reflections"), places["reflection"],
            title_of=lambda src: page_title(docs_dir, src), url_of=lambda src: link_for(src)["url"])

    def repeated_on_page(text: str) -> bool:
        """True when the quoted sentence also stands in the page's body text."""
        markdown = getattr(env, "markdown", "") or ""
        return markdown.count(text) > 1

    registered: dict[str, Callable[..., str]] = {}
    env.gl_pending_errors = []

    def macro(func: Callable[..., str]) -> Callable[..., str]:
        """Register `func` under its name; a trailing _ (`notebook_`) keeps the function
        from shadowing its component's module and is not part of the macro's name."""
        name = func.__name__.removesuffix("_")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            try:
                return func(*args, **kwargs)
            except (ComponentError, TypeError) as exc:
                call = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
                env.gl_pending_errors.append(f"page {current_page()}: macro {name}({call}): {exc}")
                return ""

        env.macro(wrapper, name)
        registered[name] = func
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
        return components.archetype_overview(load_data(directory, "archetypes"), places=places["archetype"],
                                             link_for=link_for, chapter=chapter_title())

    @macro
    def checklist() -> str:
        return components.checklist(load_data(directory, "checklist"))

    @macro
    def see_also(key: str) -> str:
        return components.see_also(load_data(directory, "see_also"), key, link_for=link_for)

    @macro
    def pull_quote(text: str) -> str:
        return components.pull_quote(text, repeated=repeated_on_page(text))

    @macro
    def terrain() -> str:
        return components.terrain()

    @macro
    def corrections() -> str:
        return components.corrections(load_data(directory, "corrections"), link_for=link_for)

    @macro
    def pdf_download() -> str:
        href = href_to()
        return "" if href is None else download.pdf_download(href=href)

    @macro
    def workbook_download() -> str:
        href = href_to(outputs.WORKBOOK)
        return "" if href is None else download.workbook_download(href=href)

    def handout_href(number: int) -> str | None:
        return href_to(download.handout_file(number, download.handout_chapters(docs_dir)))

    @macro
    def chapter_handout(number: int) -> str:
        href = handout_href(number)
        if href is None:
            return ""
        page = download.handout_chapters(docs_dir)[number]["src"]
        questions = any(c["page"] == page and c["boxes"] for c in notebook_chapters())
        return download.chapter_handout(number=number, href=href, questions=questions)

    @macro
    def chapter_handouts() -> str:
        chapters = download.handout_chapters(docs_dir)
        items = [{"number": n, "title": c["title"], "href": handout_href(n)} for n, c in chapters.items()]
        if not items or items[0]["href"] is None:
            return ""
        return download.chapter_handouts(items)

    @macro
    def facilitator() -> str:
        boxes = {chapter["page"]: chapter["boxes"] for chapter in notebook_chapters()}
        chapters = [{"key": posixpath.dirname(c["src"]), "page": c["src"],
                     "title": page_title(docs_dir, c["src"]), "url": link_for(c["src"])["url"],
                     "boxes": boxes.pop(c["src"], []),
                     "handout": {"number": n, "href": handout_href(n)} if handout_href(n) else None}
                    for n, c in download.handout_chapters(docs_dir).items()]
        if boxes:
            raise ComponentError(f"reflection boxes outside the chapters: {sorted(boxes)}")
        for chapter in chapters:  # the title the boxes' own Storskjerm buttons show
            chapter["nav_title"] = chapter_of(site_page(chapter["page"]).page) or chapter["title"]
        return download.facilitator(chapters, workbook_href=href_to(outputs.WORKBOOK),
                                    label=components.REFLECTION_LABEL)

    @macro
    def site_download() -> str:
        href = href_to(outputs.SITE_ZIP)
        return "" if href is None else download.site_download(href=href)

    @macro
    def notebook_() -> str:
        return notebook.notebook(notebook_chapters(), checklist=load_data(directory, "checklist"))

    @macro
    def glossary_() -> str:
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
    for macro_name, found in scan.places.items():
        places[macro_name].update(found)


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
    for name in DATA_FILES:
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
    `glossary()` fails loudly on the missing file)."""
    directory = data_dir(Path(conf["docs_dir"]))
    if not (directory / "glossary.yml").is_file():
        return
    if "abbr" not in conf["markdown_extensions"]:
        raise ComponentError("the glossary's tooltips need the `abbr` Markdown extension in mkdocs.yml")
    terms = glossary.abbreviations(load_data(directory, "glossary"))
    conf["mdx_configs"].setdefault("abbr", {})["glossary"] = terms
