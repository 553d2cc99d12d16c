"""MkDocs hook: the search patch still fits the Material it was written for.

`overrides/assets/javascripts/lunr/min/lunr.no.min.js` is Material's file of the same
name, byte for byte, with our patch appended (the stemmed twins and every typed word
required, see the comment in the file). Material's search worker loads it with
`importScripts`, so the patch reaches into the worker's lunr (`Index.prototype.query`,
`TokenSet.fromClause`) as bundled in one worker build. On every build this hook checks
that Material's own `lunr.no.min.js` is still the copy above the patch and that the
worker is the one the patch was tested with, and stops the build with what to do if
either changed (a Material upgrade), instead of shipping a search that silently
stops stemming or ranking.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

PATCHED = Path("assets", "javascripts", "lunr", "min", "lunr.no.min.js")
# Where Material's file ends and ours begins in the patched copy.
PATCH_START = b"\n/*\n * Guide til god ledelse:"
# The worker of Material 9.8.2 (lunr 2.3.9) the patch was written and tested against.
WORKER = Path("assets", "javascripts", "workers", "search.a7633da7.min.js")
WORKER_SHA256 = "da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def check(custom_dir: Path, material_templates: Path = MATERIAL_TEMPLATES) -> None:
    """Raise PluginError when Material's lunr.no.min.js or search worker is not the patched one."""
    version = getattr(material, "__version__", "?")
    ours = (custom_dir / PATCHED).read_bytes()
    upstream = (material_templates / PATCHED).read_bytes()
    start = ours.find(PATCH_START)
    if start < 0:
        raise PluginError(f"search_worker hook: {custom_dir / PATCHED} has no patch "
                          f"(no line starting {PATCH_START.decode().strip()!r})")
    if ours[:start] != upstream:
        raise PluginError(
            f"search_worker hook: Material {version}'s {PATCHED.as_posix()} is not the copy in "
            f"{custom_dir / PATCHED}: copy Material's file there, append our patch again "
            "(from «Guide til god ledelse» on) and run tests/test_search.py")
    worker = material_templates / WORKER
    digest = hashlib.sha256(worker.read_bytes()).hexdigest() if worker.is_file() else None
    if digest != WORKER_SHA256:
        raise PluginError(
            f"search_worker hook: Material {version}'s search worker is not {WORKER.as_posix()} "
            f"(SHA-256 {WORKER_SHA256[:12]}…), which the search patch in {custom_dir / PATCHED} "
            "was tested with: check that the worker still parses queries with lunr 2.3.9's "
            "Index.prototype.query and TokenSet.fromClause, then update WORKER and WORKER_SHA256 "
            "in this hook and run tests/test_search.py")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check(Path(config.theme.custom_dir))
    return config
