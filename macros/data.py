"""Loading and validating the YAML data files under docs/_data/."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

from macros import schemas
from macros.errors import ComponentError

DATA_DIR_NAME = "_data"
# libyaml's parser when PyYAML has it (it does on the pinned wheels): ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir(docs_dir: str | Path) -> Path:
    """The folder that holds the components' data, beside the pages."""
    return Path(docs_dir) / DATA_DIR_NAME


def load_data(directory: Path, name: str) -> Any:
    """Read `<directory>/<name>.yml`, validated by its schema (macros/schemas.py).

    Fails loudly if the file is missing, malformed or breaks the schema, naming the
    file, the entry, the key and the bad value. Validated files are cached by
    modification time: a build calls the macros dozens of times, and `mkdocs serve`
    still sees every edit (of the file, or of a page it links to: see `_pages_stamp`).
    """
    path = directory / f"{name}.yml"
    if not path.is_file():
        raise ComponentError(f"data file {_shown(path)} is missing")
    stat = path.stat()
    pages = _build_stamps.get(directory.parent)
    if pages is None:
        pages = _pages_stamp(directory.parent)
    return copy.deepcopy(_validated(path, name, stat.st_mtime_ns, stat.st_size, pages))


def _shown(path: Path) -> str:
    """`docs/_data/x.yml`: the path as an editor finds it from the project folder."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


_build_stamps: dict[Path, int] = {}


def start_build(docs_dir: Path) -> None:
    """Take the pages' stamp once for the build now starting (macros.registry, at
    configuration time), not at each of the build's dozens of `load_data` calls: an
    edit under `mkdocs serve` starts a new build, and with it a new stamp."""
    _build_stamps[docs_dir] = _pages_stamp(docs_dir)


def _pages_stamp(docs_dir: Path) -> int:
    """Changes when a page is added, removed or edited (pages are linked from data)."""
    return hash(tuple((p.as_posix(), p.stat().st_mtime_ns) for p in sorted(docs_dir.rglob("*.md"))))


@functools.lru_cache(maxsize=64)
def _validated(path: Path, name: str, mtime_ns: int, size: int, pages: int) -> Any:  # stamps: cache key
    shown = _shown(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # SAFE_LOADER: safe
    except yaml.YAMLError as exc:
        detail = str(exc).replace('"<unicode string>"', shown)
        raise ComponentError(f"data file {shown} is not valid YAML: {detail}") from None
    if data is None:
        raise ComponentError(f"data file {shown} is empty")
    return schemas.validate(name, data, source=shown, docs_dir=path.parent.parent)


def lookup(entries: dict[str, Any], key: Any, *, what: str) -> Any:
    """Return `entries[key]`, or fail with the known keys listed."""
    if not isinstance(key, str) or key not in entries:
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
def _title_of(path: Path, mtime_ns: int) -> str:  # mtime_ns: cache key
    try:
        return schemas.page_title(path)
    except ValueError as exc:
        raise ComponentError(f"page {path.name}: {exc}") from None
