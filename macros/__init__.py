"""Components of «Guide til god ledelse», exposed to mkdocs-macros-plugin.

Only the plugin's entry points live here (`define_env`, `on_pre_page_macros`,
`on_post_page_macros`); each component has its own module with small, pure functions
that tests can call without MkDocs.
"""

from __future__ import annotations

from macros.registry import raise_pending, register_components


def define_env(env) -> None:  # env: the plugin's object, no public type
    """Register every component macro on the mkdocs-macros environment."""
    register_components(env)


def on_post_page_macros(env) -> None:
    """A macro that failed on this page stops the build here, naming page, macro and value."""
    raise_pending(env)


def on_pre_page_macros(env) -> None:
    """A page with no Jinja syntax needs no rendering: skip compiling it as a template.

    mkdocs-macros would compile all 30 pages; the 9 without macros cost the build
    ≈ 0.06 s for nothing. The plugin's own test (`has_j2`: its configured `{{`, `{%`,
    `{#` start strings) decides, and its own switch (`render_macros`) skips the page.
    """
    if not env.has_j2(env.markdown):
        env.page.meta["render_macros"] = False
