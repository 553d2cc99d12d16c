"""Jinja's bytecode cache, made safe to keep between builds and to share a folder with.

Jinja can keep compiled templates (`FileSystemBytecodeCache`). It reads a kept file only
if the template's source has the same SHA-1 and Python the same version as when it was
written; it does not check its own version or the environment's settings
(pallets/jinja#1738, open). So `use_cache` names the folder after both: the settings that
change compiled code (delimiters, whitespace handling, autoescape, extensions …) and
Jinja's version. Code compiled under other settings lands in another folder and is never
read; a new folder replaces the older ones. Writes are atomic (Jinja writes a temporary
file and renames it), so builds side by side share the folder safely. A cache that cannot
be written (a read-only checkout, a full disk) only makes the build slower.

Used by overrides/hooks/template_cache.py for the theme's templates and the components'
(macros/render.py).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import jinja2

# The Environment attributes the compiled code depends on (the rest is read at run time).
COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
    "autoescape", "is_async",
)


def settings_key(env: jinja2.Environment) -> str | None:
    """A name for `env`'s compile-time settings and Jinja's version, or None when a setting
    cannot be named (autoescape as a function decides per template: such an environment
    is not cached)."""
    if callable(env.autoescape):
        return None
    settings = {name: getattr(env, name) for name in COMPILE_SETTINGS}
    settings["extensions"] = sorted(env.extensions)
    settings["finalize"] = env.finalize is not None
    settings["newstyle_gettext"] = getattr(env, "newstyle_gettext", None)  # i18n: parse time
    settings["jinja"] = jinja2.__version__
    return hashlib.sha256(repr(sorted(settings.items())).encode()).hexdigest()[:16]


class BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache, except that failing to write a template's code is not an error."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # compiled again next time


def use_cache(env: jinja2.Environment, cache: Path) -> Path | None:
    """Give `env` a bytecode cache in `cache/<settings key>/`, removing the folders of other
    keys; returns the folder (None: not cached, see settings_key, or the folder cannot be made)."""
    key = settings_key(env)
    if key is None:
        return None
    folder = cache / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for old in cache.iterdir():
        if old != folder and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)  # another build may be removing it too
    env.bytecode_cache = BytecodeCache(str(folder))
    return folder
