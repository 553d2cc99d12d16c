"""The one table of the guide's components.

Each component is a folder beside this file, named for it (`reflection/`), holding
everything it is made of, found by name:

- `__init__.py`: its Python: the macros a page calls (`macros(site)`), pure functions
  from data to HTML, and `SCHEMA`, the pydantic model of its data file, if it has one;
- `<name>.html`: its markup, Jinja `{% macro %}`s (autoescaped);
- `<name>.css`: every rule for it on screen and in print (`@media print`), bundled into
  the site's one stylesheet in this table's order, and read by the PDFs with the page;
- `<name>.book.css`: what only the PDFs (handbook and handouts) need of it, if anything;
- `<name>.js`: its script, bundled into the site's one script in this table's order.

Everything else reads this table: data loading and validation (macros/data.py,
macros/schemas.py), the check of every page's calls (macros/calls.py), the macros
(macros/registry.py), the Jinja loader (macros/render.py), the bundles
(overrides/hooks/bundle.py) and the PDFs (overrides/pdf/pdf_event_hook.py). Adding a
component is one folder and one entry here (dev-docs/components.md).
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent
PREFIX = "gl-"  # the project's class prefix: `.gl-<name>` with - for _


@dataclasses.dataclass(frozen=True)
class Component:
    name: str
    # Its data file, docs/_data/<data>.yml, validated by the folder's SCHEMA.
    data: str | None = None
    # Macros whose first argument is an entry of that data file, checked on every page
    # before any page renders (macros/calls.py).
    keyed: tuple[str, ...] = ()
    # Macros whose entry stands on one page only (what the notebook and the skills'
    # overview link to): macro -> what the entry is called in messages.
    placed: tuple[tuple[str, str], ...] = ()

    @property
    def folder(self) -> Path:
        return HERE / self.name

    @property
    def css_class(self) -> str:
        return PREFIX + self.name.replace("_", "-")

    def module(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.name}")

    def file(self, suffix: str) -> Path | None:
        """`<name><suffix>` in the folder (`.css`, `.book.css`, `.js`), None if it has none."""
        path = self.folder / f"{self.name}{suffix}"
        return path if path.is_file() else None


# The components, in the order their styles and scripts are bundled.
COMPONENTS: tuple[Component, ...] = (
    Component("reflection", data="reflections", keyed=("reflection",), placed=(("reflection", "box"),)),
    Component("archetype", data="archetypes", keyed=("archetype",), placed=(("archetype", "card"),)),
    Component("checklist", data="checklist"),
    Component("see_also", data="see_also", keyed=("see_also",)),
    Component("pull_quote"),
    Component("terrain"),
    Component("corrections", data="corrections"),
    Component("notebook"),
    Component("glossary", data="glossary"),
    Component("editorial"),
    Component("pdf_download"),
    Component("facilitator"),
    Component("storskjerm"),
)


def by_name(name: str) -> Component:
    return next(component for component in COMPONENTS if component.name == name)


def data_files() -> dict[str, Component]:
    """Data file name -> the component whose SCHEMA validates it."""
    return {component.data: component for component in COMPONENTS if component.data}


def keyed_macros() -> dict[str, str]:
    """Macro -> the data file its first argument names an entry of."""
    return {macro: component.data for component in COMPONENTS for macro in component.keyed
            if component.data}


def placed_macros() -> dict[str, str]:
    return {macro: what for component in COMPONENTS for macro, what in component.placed}


def folders() -> list[Path]:
    return [component.folder for component in COMPONENTS]


def files(suffix: str) -> list[Path]:
    """Every component's `<name><suffix>`, in the table's order."""
    return [path for component in COMPONENTS if (path := component.file(suffix)) is not None]
