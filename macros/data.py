"""Loading and validating the YAML data files under docs/_data/.

A file is validated by its schema (macros/schemas.py, pydantic) and the result kept twice:

- in the process, by modification time: a build reads each file dozens of times, and
  `mkdocs serve` rebuilds in the same process;
- on disk, in `.cache/data/` beside the configuration (ignored by git, removed by `make
  clean`), by content: the file, every page (the data links pages by path and title), the
  source of macros/ (the schemas and the helpers they call), pydantic's and PyYAML's versions.

A build whose data, pages and code are those of a kept result reads it and never imports
pydantic: importing it, building the schemas' models and validating cost the site build
≈ 0.13 s of CPU (the median of 15 paired builds), about a tenth of it.
Only what passed is kept: a file that breaks its schema is checked again at every build,
and fails it.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import re
from pathlib import Path
from typing import Any

import yaml

from macros.errors import ComponentError
from macros.kept import write_whole

DATA_DIR_NAME = "_data"
# Every data file with a schema (macros/schemas.py SCHEMAS, one model for each name):
# checked at configuration time, whether a page uses it yet or not.
DATA_FILES = ("reflections", "archetypes", "checklist", "see_also", "corrections", "glossary")
# The validation's code: the schemas and the helpers they call (page titles, glossary ids …).
MACROS_DIR = Path(__file__).parent
TITLE_RE = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
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
    file, the entry, the key and the bad value. Validated files are kept (see above):
    `mkdocs serve` still sees every edit, of the file or of a page it links to.
    """
    path = directory / f"{name}.yml"
    if not path.is_file():
        raise ComponentError(f"data file {_shown(path)} is missing")
    stat = path.stat()
    build = _builds.get(directory.parent) or BuildInputs(pages=pages_digest(directory.parent))
    return copy.deepcopy(_validated(path, name, stat.st_mtime_ns, stat.st_size, build))


def _shown(path: Path) -> str:
    """`docs/_data/x.yml`: the path as an editor finds it from the project folder."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclasses.dataclass(frozen=True)
class BuildInputs:
    """What a build's validation depends on besides the data file: the pages' digest, taken
    once per build, and the folder that keeps validated files (None: kept in memory only)."""

    pages: str
    kept: Path | None = None


_builds: dict[Path, BuildInputs] = {}


def start_build(docs_dir: Path, kept: Path | None = None) -> None:
    """Take the pages' digest once for the build now starting (macros.registry, at
    configuration time), not at each of the build's dozens of `load_data` calls: an edit
    under `mkdocs serve` starts a new build, and with it a new digest. `kept`: the folder
    for validated files (`.cache/data/`)."""
    _builds[docs_dir] = BuildInputs(pages=pages_digest(docs_dir), kept=kept)


def pages_digest(docs_dir: Path) -> str:
    """Changes when a page is added, removed or edited (pages are linked from data)."""
    digest = hashlib.sha256()
    for page in sorted(docs_dir.rglob("*.md")):
        digest.update(page.relative_to(docs_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def _validator() -> str:
    """What decides a file's validation besides its content and the pages: the source of
    every module in macros/ (the schemas, and the helpers they call), pydantic's version and
    PyYAML's (the parser)."""
    digest = hashlib.sha256(f"{importlib.metadata.version('pydantic')} {yaml.__version__}".encode())
    for module in sorted(MACROS_DIR.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + hashlib.sha256(module.read_bytes()).digest())
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _validated(path: Path, name: str, mtime_ns: int, size: int,  # stamps: cache key
               build: BuildInputs) -> Any:
    shown = _shown(path)
    text = path.read_text(encoding="utf-8")
    key = hashlib.sha256(json.dumps(
        [name, text, str(path.parent.parent.resolve()), build.pages, _validator()]).encode()).hexdigest()
    kept = _read_kept(build.kept, name, key)
    if kept is not None:
        return kept
    data = parse_yaml(text, shown=shown)
    if data is None:
        raise ComponentError(f"data file {shown} is empty")
    from macros import schemas  # here only: pydantic is imported when a file must be validated

    valid = schemas.validate(name, data, source=shown, docs_dir=path.parent.parent)
    _keep(build.kept, name, key, valid)
    return valid


def _read_kept(folder: Path | None, name: str, key: str) -> Any:
    """The validated content kept under `key`, or None (none kept, or unreadable)."""
    if folder is None:
        return None
    try:
        return json.loads((folder / f"{name}-{key}.json").read_text(encoding="utf-8"))["valid"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep(folder: Path | None, name: str, key: str, valid: Any) -> None:
    """Keep `valid` as `<name>-<key>.json`, replacing the file's older results. Written whole
    (macros/kept.py), so builds side by side share the folder; a folder that cannot be
    written only costs the next build the validation."""
    if folder is None:
        return
    text = json.dumps({"valid": valid}, ensure_ascii=False)
    if json.loads(text)["valid"] != valid:  # not plain JSON (a tuple, a date): not kept
        return
    try:
        write_whole(folder / f"{name}-{key}.json", text.encode())
        for old in folder.glob(f"{name}-*.json"):
            if old.name != f"{name}-{key}.json":
                old.unlink(missing_ok=True)  # another build may be removing it too
    except OSError:
        pass


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


def read_title(path: Path) -> str:
    """The page's `# ` heading; a page without one cannot be linked by name."""
    match = TITLE_RE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError("the page has no '# ' heading to use as link text")
    return match.group(1)
