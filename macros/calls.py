"""Checks every page's macro calls before any page is rendered.

mkdocs-macros renders pages one by one, so a bad call on a chapter page could be
reported by another page first (the notebook on «Mine refleksjoner» lists every
reflection box). Reading all pages up front lets each error name the page and
line where the bad call stands, the macro and the bad value.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from mkdocs.utils.meta import get_data

from macros.components import keyed_macros, placed_macros
from macros.errors import ComponentError

# Macros whose first argument is an entry of a data file (the table of components).
KEYED_MACROS = keyed_macros()
# Macros whose entry has one place in the guide, found here (what the notebook and the
# overview of the skills link to): macro -> what the entry is called in messages.
PLACED_MACROS = placed_macros()


@dataclass
class Scan:
    # macro -> {entry: the page it stands on}, for each of PLACED_MACROS
    places: dict[str, dict[str, str]] = field(default_factory=lambda: {m: {} for m in PLACED_MACROS})
    errors: list[str] = field(default_factory=list)

    @property
    def locations(self) -> dict[str, str]:
        """Reflection box -> the page it stands on."""
        return self.places["reflection"]


def pages(docs_dir: Path) -> Iterable[tuple[str, str]]:
    """(docs-relative path, text) of every page; `_data` and other `_…` folders are no pages."""
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if not src.startswith("_"):
            yield src, path.read_text(encoding="utf-8")


def _literal(node: nodes.Node) -> Any:
    try:
        return node.as_const()
    except nodes.Impossible:
        return _UNKNOWN


_UNKNOWN = object()


def _show(call: nodes.Call) -> str:
    def show(node: nodes.Node) -> str:
        value = _literal(node)
        return "…" if value is _UNKNOWN else repr(value)
    name = call.node.name if isinstance(call.node, nodes.Name) else "?"
    args = [*map(show, call.args), *(f"{kw.key}={show(kw.value)}" for kw in call.kwargs)]
    return f"{name}({', '.join(args)})"


def scan(
    docs_dir: Path,
    *,
    macros: dict[str, Callable[..., Any]] | None = None,
    known_names: set[str] | None = None,
    data: Callable[[str], Any] | None = None,
    render_by_default: bool = True,
    jinja_options: dict[str, Any] | None = None,
) -> Scan:
    """Parse every page as Jinja; record where each reflection box and skill card stands.

    With `macros`, check each call's arguments against the macro's signature (and,
    with `data`, that the entry it names exists); with `known_names`, report names
    used on a page that nothing defines (a mistyped macro). Pages mkdocs-macros does not
    render (`render_macros: false`, or not opted in under `render_by_default: false`)
    are skipped; `jinja_options` are the plugin's `j2_…` settings (delimiters)."""
    result = Scan()
    environment = jinja2.Environment(**(jinja_options or {}))
    marks = (environment.variable_start_string, environment.block_start_string,
             environment.comment_start_string)  # as mkdocs-macros' has_j2
    for src, text in pages(docs_dir):
        if not any(mark in text for mark in marks):
            continue
        markdown, front_matter = get_data(text)
        if front_matter.get("render_macros", render_by_default) is not True:
            continue
        offset = text[: len(text) - len(markdown)].count("\n")
        try:
            tree = environment.parse(markdown)
        except jinja2.TemplateSyntaxError as exc:
            line = (exc.lineno or 0) + offset
            result.errors.append(f"page {src}, line {line}: Jinja syntax error: {exc.message}")
            continue
        if known_names is not None:
            defined = known_names | set(front_matter)
            for name in sorted(meta.find_undeclared_variables(tree) - defined):
                line = next(n.lineno for n in tree.find_all(nodes.Name) if n.name == name) + offset
                what = "macro" if any(isinstance(c.node, nodes.Name) and c.node.name == name
                                      for c in tree.find_all(nodes.Call)) else "name"
                hint = f" (macros: {', '.join(sorted(macros))})" if macros and what == "macro" else ""
                result.errors.append(f"page {src}, line {line}: unknown {what} {name!r}{hint}")
        for call in tree.find_all(nodes.Call):
            if not isinstance(call.node, nodes.Name):
                continue
            name = call.node.name
            where = f"page {src}, line {call.lineno + offset}: macro {_show(call)}"
            problem = _check_call(call, name, macros, data)
            if problem:
                result.errors.append(f"{where}: {problem}")
                continue
            if name in PLACED_MACROS and _key_node(call) is not None:
                key = _literal(_key_node(call))
                places = result.places[name]
                if isinstance(key, str):
                    if key in places:
                        result.errors.append(f"{where}: {name} {key!r} stands on {places[key]} and "
                                             f"again on {src}; each {PLACED_MACROS[name]} may stand once")
                    places.setdefault(key, src)
    return result


def _check_call(call: nodes.Call, name: str, macros: dict[str, Callable[..., Any]] | None,
                data: Callable[[str], Any] | None) -> str:
    if macros is None or name not in macros:
        return ""
    if call.dyn_args is not None or call.dyn_kwargs is not None:
        return ""
    func = inspect.unwrap(macros[name])
    try:
        inspect.signature(func).bind(*call.args, **{kw.key: kw.value for kw in call.kwargs})
    except TypeError as exc:
        return str(exc)
    if name in KEYED_MACROS and _key_node(call) is not None:
        key = _literal(_key_node(call))
        if key is _UNKNOWN:
            return ""
        if not isinstance(key, str):
            return f"the id must be a text in quotes, got {key!r}"
        if data is not None:
            entries = data(KEYED_MACROS[name])
            if key not in entries:
                return f"unknown {name} {key!r} (known: {', '.join(sorted(entries))})"
    return ""


def _key_node(call: nodes.Call) -> nodes.Node | None:
    """The id given to a keyed macro, as `reflection("x")` or `reflection(key="x")`."""
    if call.args:
        return call.args[0]
    return next((kw.value for kw in call.kwargs if kw.key == "key"), None)


def check(docs_dir: Path, **kwargs: Any) -> Scan:
    """`scan`, failing with every problem found, one per line."""
    result = scan(docs_dir, **kwargs)
    if result.errors:
        raise ComponentError("\n".join(result.errors))
    return result
