"""Loading and validating the YAML data files under docs/_data/.

A file is validated by its schema (macros/schemas.py, pydantic) once per build and kept in
the process by modification time: a build reads each file dozens of times. Each build starts
afresh (`start_build`), so an edit under `mkdocs serve`, to a data file or to a page it
links to, is validated at the next rebuild.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

from macros.errors import ComponentError
from macros.pages import read_title

DATA_DIR_NAME = "_data"
# libyaml's parser when PyYAML has it (it does on the pinned wheels): ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(Exception):
    """A mapping in a data file names the same key twice (YAML would keep the last silently)."""

    def __init__(self, key: Any, first_line: int, second_line: int) -> None:
        super().__init__(key, first_line, second_line)
        self.key, self.first_line, self.second_line = key, first_line, second_line


class UniqueKeyLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, refusing a key written twice in one mapping: two `verdier:` boxes
    would otherwise drop the first box and its questions without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<:` merges: later keys may override on purpose
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: the safe constructor reports it
                continue
            if first != key_node.start_mark.line + 1:
                raise DuplicateKey(key, first, key_node.start_mark.line + 1)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str, *, shown: str) -> Any:
    """`text` (the file `shown`) parsed; a key written twice in a mapping stops the build
    naming the file, the key and both lines."""
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)  # a SafeLoader: safe
    except DuplicateKey as exc:
        raise ComponentError(
            f"data file {shown}: key {exc.key!r} is written twice, on lines {exc.first_line} and "
            f"{exc.second_line}; YAML would keep only the last. Remove or rename one.") from None
    except yaml.YAMLError as exc:
        detail = str(exc).replace('"<unicode string>"', shown)
        raise ComponentError(f"data file {shown} is not valid YAML: {detail}") from None


def data_dir(docs_dir: str | Path) -> Path:
    """The folder that holds the components' data, beside the pages."""
    return Path(docs_dir) / DATA_DIR_NAME


def load_data(directory: Path, name: str) -> Any:
    """Read `<directory>/<name>.yml`, validated by its schema (macros/schemas.py).

    Fails loudly if the file is missing, malformed or breaks the schema, naming the
    file, the entry, the key and the bad value.
    """
    path = directory / f"{name}.yml"
    if not path.is_file():
        raise ComponentError(f"data file {_shown(path)} is missing")
    stat = path.stat()
    return copy.deepcopy(_validated(path, name, stat.st_mtime_ns, stat.st_size))


def _shown(path: Path) -> str:
    """`docs/_data/x.yml`: the path as an editor finds it from the project folder."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def start_build() -> None:
    """Forget what earlier builds in this process validated (macros.registry, at
    configuration time): a data file links pages, which may have changed since."""
    _validated.cache_clear()


@functools.lru_cache(maxsize=64)
def _validated(path: Path, name: str, mtime_ns: int, size: int) -> Any:  # stamps: cache key
    shown = _shown(path)
    data = parse_yaml(path.read_text(encoding="utf-8"), shown=shown)
    if data is None:
        raise ComponentError(f"data file {shown} is empty")
    # Imported here, not at the top: the schemas import macros.components, which imports this module.
    from macros.schemas import validate

    return validate(name, data, source=shown, docs_dir=path.parent.parent)


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
        return read_title(path)
    except ValueError as exc:
        raise ComponentError(f"page {path.name}: {exc}") from None
