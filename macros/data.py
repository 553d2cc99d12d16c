"""Loading and validating the YAML data files under docs/_data/."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from macros.errors import ComponentError

DATA_DIR_NAME = "_data"
TITLE_RE = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
# libyaml's parser when PyYAML has it (it does on the pinned wheels): ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir(docs_dir: str | Path) -> Path:
    """The folder that holds the components' data, beside the pages."""
    return Path(docs_dir) / DATA_DIR_NAME


def load_data(directory: Path, name: str) -> Any:
    """Read `<directory>/<name>.yml`, failing loudly if it is missing or malformed.

    Parsed files are cached by modification time: a build calls the macros
    dozens of times, and `mkdocs serve` still sees every edit.
    """
    path = directory / f"{name}.yml"
    if not path.is_file():
        raise ComponentError(f"data file {path} is missing")
    stat = path.stat()
    return copy.deepcopy(_parse(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _parse(path: Path, mtime_ns: int, size: int) -> Any:  # noqa: ARG001 - cache key
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ComponentError(f"data file {path} is not valid YAML: {exc}") from exc
    if data is None:
        raise ComponentError(f"data file {path} is empty")
    return data


def require_mapping(value: Any, *, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ComponentError(f"{where} must be a mapping, got {type(value).__name__}")
    return value


def require_text(value: Any, *, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ComponentError(f"{where} must be a non-empty text, got {value!r}")
    return value.strip()


def require_text_list(value: Any, *, where: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ComponentError(f"{where} must be a non-empty list, got {value!r}")
    return [require_text(item, where=f"{where}[{i}]") for i, item in enumerate(value)]


def lookup(entries: dict[str, Any], key: str, *, what: str) -> Any:
    """Return `entries[key]`, or fail with the known keys listed."""
    if key not in entries:
        known = ", ".join(sorted(entries))
        raise ComponentError(f"unknown {what} {key!r} (known: {known})")
    return entries[key]


def page_title(docs_dir: Path, src_path: str) -> str:
    """A page's h1 as written in its Markdown; cached by modification time."""
    path = docs_dir / src_path
    if not path.is_file():
        raise ComponentError(f"linked page {src_path!r} does not exist in {docs_dir}")
    return _title_of(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _title_of(path: Path, mtime_ns: int) -> str:  # noqa: ARG001 - cache key
    match = TITLE_RE.search(path.read_text(encoding="utf-8"))
    return match.group(1) if match else path.name
