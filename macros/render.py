"""Rendering the components' Jinja templates (macros/components/<name>/<name>.html).

Markup lives in the templates; Python only validates data and passes it in.
Autoescape is on, so text from data can never inject HTML. Every template sees
`outputs` (macros/outputs.py): the downloadable files' names and size attributes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros import outputs
from macros.jinja_cache import use_cache


def template_environment(directory: Path | list[Path]) -> Environment:
    """The project's Jinja settings (also the handbook's templates, overrides/pdf/): output
    escaped, an undefined name an error, block tags leave no blank lines."""
    return Environment(
        loader=FileSystemLoader(directory),
        autoescape=True,  # every template and string (a fixed setting: its compiled code can be kept)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from macros.components import folders  # the components import this module

    # Every component's folder: a template is named by its file (`storskjerm.html`), so
    # one component's template imports another's macros by that name.
    environment = template_environment(folders())
    environment.globals["outputs"] = outputs
    return environment


def keep_compiled(folder: Path) -> None:
    """Keep the components' compiled templates in `folder` (overrides/hooks/template_cache.py)."""
    use_cache(_environment(), folder)


def render(template: str, macro: str, /, **context: object) -> str:
    """Call `{% macro <macro> %}` of `<template>` and return one HTML block.

    Blank lines are removed so that Markdown keeps the output as one raw HTML
    block instead of turning its pieces into paragraphs or code.
    """
    module = _environment().get_template(template).module
    html = str(getattr(module, macro)(**context))
    return "\n".join(line for line in html.splitlines() if line.strip())
