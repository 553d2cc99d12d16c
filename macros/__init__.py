"""Components of «Guide til god ledelse», exposed to mkdocs-macros-plugin.

Only the plugin's entry points live here (`define_env`, and
`on_post_page_macros` for the glossary's tooltips); each component has its own module with small,
pure functions that tests can call without MkDocs.
"""

from __future__ import annotations

from macros.registry import append_abbreviations, register_components


def define_env(env) -> None:  # noqa: ANN001 - the plugin's env object has no public type
    """Register every component macro on the mkdocs-macros environment."""
    register_components(env)


def on_post_page_macros(env) -> None:  # noqa: ANN001
    """After the macros ran on a page: add the glossary's tooltips to it."""
    append_abbreviations(env)
