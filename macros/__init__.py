"""Components of «Guide til god ledelse», exposed to mkdocs-macros-plugin.

Only `define_env` lives here; each component has its own module with small,
pure functions that tests can call without MkDocs.
"""

from __future__ import annotations

from macros.registry import register_components


def define_env(env) -> None:  # noqa: ANN001 - the plugin's env object has no public type
    """Register every component macro on the mkdocs-macros environment."""
    register_components(env)

