"""Wiring: registers each component's macros (macros/components/, the table) on
mkdocs-macros, with a `Site` that gives them their data and the page being rendered.

Errors an editor can cause stop the build as a `PluginError`, which MkDocs prints as
a few lines without a Python traceback:

- at configuration time, every data file is validated (its component's SCHEMA) and every
  page's macro calls are checked (macros/calls.py), so each error names the file and
  entry, or the page, line and call, and the bad value;
- an error while a page renders is kept and raised once the page is rendered
  (`raise_pending`), naming the page, the macro and its arguments. Raised inside the
  macro, mkdocs-macros would print it with a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from macros import calls
from macros.components import COMPONENTS, data_files
from macros.components.glossary import abbreviations
from macros.components.notebook import notebook_chapters
from macros.components.pdf_download import handout_chapters, handout_file, pdf_href
from macros.data import data_dir, load_data, page_title, start_build
from macros.errors import ComponentError
from macros.kept import kept_folder

# Names every page may use besides the macros: mkdocs-macros' own and Jinja's.
CONTEXT_NAMES = {"page", "navigation", "files", "macros", "filters", "filters_builtin",
                 *jinja2.defaults.DEFAULT_NAMESPACE}


class Site:
    """What the components' macros may ask of the build and of the page being rendered:
    one object per build, made by `register_components`."""

    def __init__(self, env: Any, places: dict[str, dict[str, str]]) -> None:
        self.env = env
        self.docs_dir = Path(env.conf["docs_dir"])
        self.directory = data_dir(self.docs_dir)
        self.places = places  # box or card -> its page (macros/calls.py)

    def data(self, name: str) -> Any:
        """docs/_data/<name>.yml, validated by its component's SCHEMA."""
        return load_data(self.directory, name)

    def title_of(self, src_path: str) -> str:
        return page_title(self.docs_dir, src_path)

    def current_page(self) -> str:
        page = getattr(self.env, "page", None)
        return page.file.src_uri if page is not None else "<no page>"

    def site_page(self, src_path: str) -> Any:
        """The MkDocs file of the page `src_path` (docs-relative), from the build's own
        file collection (mkdocs-macros' `files`, complete before any page renders)."""
        file = self.env.variables["files"].get_file_from_path(src_path)
        if file is None or not file.is_documentation_page():
            raise ComponentError(f"the page {src_path!r} is not a page of the site")
        return file

    def link_for(self, src_path: str) -> dict[str, str]:
        """A link from the page being rendered to the page `src_path`, with its title."""
        return {"url": self.site_page(src_path).url_relative_to(self.env.page.file),
                "title": self.title_of(src_path)}

    def href_to(self, output: str | None = None) -> str | None:
        """A file the PDF build writes beside the site (the handbook unless `output` names
        another), relative to the page being rendered; None without the PDF plugin."""
        return pdf_href(self.env.conf.get("plugins"), page_url=self.env.page.url, target=output)

    def handout_href(self, number: int) -> str | None:
        return self.href_to(handout_file(number, handout_chapters(self.docs_dir)))

    @staticmethod
    def chapter_of(page: Any) -> str:
        """The nav chapter (top-level section) that holds `page`, "" outside one."""
        node = getattr(page, "parent", None)
        while node is not None and getattr(node, "parent", None) is not None:
            node = node.parent
        return str(getattr(node, "title", "") or "") if node is not None else ""

    def chapter_title(self) -> str:
        return self.chapter_of(getattr(self.env, "page", None))

    def notebook_chapters(self) -> list[dict[str, Any]]:
        """Every reflection box, by chapter, linked from the page being rendered."""
        return notebook_chapters(self.data("reflections"), self.places["reflection"],
                                 title_of=self.title_of, url_of=lambda src: self.link_for(src)["url"])

    def repeated_on_page(self, text: str) -> bool:
        """True when the quoted sentence also stands in the page's body text."""
        markdown = getattr(self.env, "markdown", "") or ""
        return markdown.count(text) > 1


def register_components(env: Any) -> None:
    """Register every component's macros (the table, macros/components/), after checking
    the data files and every page's macro calls."""
    start_build(Path(env.conf["docs_dir"]), kept=kept_folder(env.conf["config_file_path"], "data"))
    try:
        check_data(env.conf)
        configure_tooltips(env.conf)
    except ComponentError as exc:
        raise PluginError(str(exc)) from None
    site = Site(env, calls.Scan().places)
    registered: dict[str, Callable[..., str]] = {}
    env.gl_pending_errors = []

    def macro(func: Callable[..., str]) -> None:
        """Register `func` under its name; a trailing _ (`notebook_`) keeps the function
        from shadowing its component's function and is not part of the macro's name."""
        name = func.__name__.removesuffix("_")
        if name in registered:
            raise PluginError(f"two components define the macro {name!r}")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            try:
                return func(*args, **kwargs)
            except (ComponentError, TypeError) as exc:
                call = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
                env.gl_pending_errors.append(f"page {site.current_page()}: macro {name}({call}): {exc}")
                return ""

        env.macro(wrapper, name)
        registered[name] = func

    for component in COMPONENTS:
        for func in component.module().macros(site):
            macro(func)

    known = {*env.variables, *env.macros, *env.filters, *env.conf.get("extra", {}), *CONTEXT_NAMES}
    try:
        scan = calls.check(site.docs_dir, macros=registered, known_names=known,
                           data=site.data,
                           render_by_default=bool(env.config.get("render_by_default", True)),
                           jinja_options={key[3:]: value for key, value in env.config.items()
                                          if key.startswith("j2_") and value})
    except ComponentError as exc:
        raise PluginError(str(exc)) from None
    for macro_name, found in scan.places.items():
        site.places[macro_name].update(found)


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
    for name in data_files():
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
    terms = abbreviations(load_data(directory, "glossary"))
    conf["mdx_configs"].setdefault("abbr", {})["glossary"] = terms
