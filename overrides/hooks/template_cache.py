"""MkDocs hook: the theme's and the components' templates compiled once and kept.

Every build – `make`, each test build, each `make serve` rebuild after an edit – makes a
new Jinja environment for the theme and compiles Material's templates and the overrides
again: about 40 templates, a fifth of the site build's CPU time; a new build process also
compiles the components' templates (macros/templates/, ≈ 0.06 s). This hook gives both
environments Jinja's own bytecode cache, each in its folder under `.cache/jinja/` beside
the configuration file (ignored by git, removed by `make clean`): `theme/` and
`components/`. macros/jinja_cache.py says what keeps a kept template from being stale.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from macros.jinja_cache import use_cache
from macros.kept import kept_folder
from macros.render import keep_compiled


def cache_folder(config: MkDocsConfig) -> Path:
    return kept_folder(config.config_file_path, "jinja")


@event_priority(100)  # before mkdocs-macros renders the first page
def on_config(config: MkDocsConfig) -> None:
    keep_compiled(cache_folder(config) / "components")


@event_priority(100)  # before any hook or plugin renders a template
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    use_cache(env, cache_folder(config) / "theme")
    return env
