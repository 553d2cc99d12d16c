"""The field types and messages of the data files' schemas (pydantic, strict, no unknown keys).

Each file's model is the SCHEMA of the component that renders it (macros/components/).

`validate(name, data, ...)` returns the data as plain dicts and lists (what the
components and the workbook read), or raises `DataError` with one line per problem:
`docs/_data/see_also.yml: entry 'tillit': url: … got 'javascript:alert(1)'`.
"""

from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from macros.errors import ComponentError
from macros.pages import read_title

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID_LENGTH = 60
# A character reference such as `&lt;` or `&#60;` becomes `<` in the tooltip's title.
MARKUP_RE = re.compile(r"[<>]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)


class DataError(ComponentError):
    """A data file breaks its schema; the message names file, entry, key and value."""


# --- field types -------------------------------------------------------------------------

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
TextList = Annotated[list[Text], Field(min_length=1)]


def _docs_dir(info: ValidationInfo) -> Path | None:
    return (info.context or {}).get("docs_dir")


def _existing_page(value: str, info: ValidationInfo) -> str:
    """A docs-relative Markdown page that exists and has a `# ` heading."""
    path, _, _ = value.partition("#")
    if not path.endswith(".md") or path.startswith(("/", "_")) or ".." in path.split("/"):
        raise ValueError("must be a page of the guide, a docs-relative path ending in .md")
    docs_dir = _docs_dir(info)
    if docs_dir is not None:
        if not (docs_dir / path).is_file():
            raise ValueError(f"the page {path} does not exist in {docs_dir.name}/")
        try:
            read_title(docs_dir / path)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
    return value


def _safe_url(value: str, info: ValidationInfo) -> str:
    """An address a reader may follow: http(s) with a host, mailto with an address, or a page."""
    if any(c.isspace() for c in value):
        raise ValueError("an address may not hold spaces")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc:
            raise ValueError(f"an {scheme} address needs a host")
        return value
    if scheme == "mailto":
        if "@" not in parts.path:
            raise ValueError("a mailto address needs an e-mail address")
        return value
    if scheme or value.startswith("//"):
        raise ValueError("only https:, http:, mailto: or a page of the guide (….md) may be linked")
    return _existing_page(value, info)


def _no_markup(value: str) -> str:
    # Material's tooltips insert the `abbr` title as HTML: markup here would run in readers' browsers.
    match = MARKUP_RE.search(value)
    if match:
        raise ValueError(f"markup is not allowed in a definition (found {match.group(0)!r}); "
                         "write plain text")
    return " ".join(value.split())


def _checked_keys(entries: dict[str, Any]) -> dict[str, Any]:
    for key in entries:
        if not KEY_RE.match(key):
            raise ValueError(f"entry {key!r}: a key is lowercase letters a–z, digits and -")
    return entries


# On a file of entries by id (`verdier: …`): ids are lowercase a–z, digits and -.
IDS = AfterValidator(_checked_keys)
PagePath = Annotated[Text, AfterValidator(_existing_page)]
Url = Annotated[Text, AfterValidator(_safe_url)]
PlainText = Annotated[Text, AfterValidator(_no_markup)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


def _well_formed_id(value: str) -> str:
    if not KEY_RE.match(value) or len(value) > MAX_ID_LENGTH:
        raise ValueError(f"id {value!r}: an id is lowercase letters a–z, digits and -, "
                         f"at most {MAX_ID_LENGTH} characters")
    return value


# A question's or checklist item's id: the reader's storage key, the anchor, the workbook's
# field name. Kept when the text is reworded, never given to another question (README).
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_well_formed_id)]


def _with_id(value: Any, what: str) -> Any:
    """A question (checklist item) written as bare text has no id: say how to give it one."""
    if isinstance(value, str):
        raise ValueError(f"{what} {_short(value)} has no id: write it as `- id: …` and `text: …`")
    if isinstance(value, dict) and "id" not in value:
        raise ValueError(f"{what} {_short(value.get('text'))} has no id: add `id: …` beside its text")
    return value


class WithId(Strict):
    """A question or checklist item: its text and the id an editor keeps when rewording it
    (the reader's storage key, its anchor, the workbook's field name)."""

    WHAT: typing.ClassVar[str] = "entry"  # what it is called in messages
    id: Id
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _has_id(cls, value: Any) -> Any:
        return _with_id(value, cls.WHAT)


def _unique_ids(entries: list[tuple[str, str, str]]) -> None:
    """`(where, id, text)` for each question or item: no id twice in the file."""
    seen: dict[str, str] = {}
    for where, ident, text in entries:
        if ident in seen:
            raise ValueError(f"{where} ({_short(text)}): id {ident!r} is already the id of {seen[ident]}; "
                             "each question keeps an id of its own, never used for another")
        seen[ident] = f"{where} ({_short(text)})"


# --- the files ---------------------------------------------------------------------------
# Each data file's model is its component's SCHEMA (macros/components/<name>/__init__.py),
# found through the table of components.

def schema_of(name: str) -> type[BaseModel]:
    from macros.components import data_files  # the components import this module's types

    return data_files()[name].module().SCHEMA


def _entries(schema: type[BaseModel]) -> bool:
    """Whether the file's top level is a list or mapping of entries (errors name the entry),
    not one object such as checklist.yml."""
    return issubclass(schema, RootModel) or bool(getattr(schema, "by_entry", False))


# --- messages ----------------------------------------------------------------------------

def validate(name: str, data: Any, *, source: str, docs_dir: Path | None = None) -> Any:
    """`data` read from the file `source`, validated; plain dicts and lists back."""
    schema = schema_of(name)
    try:
        model = schema.model_validate(data, context={"docs_dir": docs_dir})
    except ValidationError as exc:
        lines = [f"{source}: {_describe(schema, data, error)}" for error in exc.errors()]
        raise DataError("\n".join(dict.fromkeys(lines))) from None
    return model.model_dump()


def _describe(schema: type[BaseModel], data: Any, error: dict[str, Any]) -> str:
    loc = [part for part in error["loc"]
           if not (isinstance(part, str) and part.startswith(("function-", "list[", "dict[")))]
    where = _entry_name(data, loc) if _entries(schema) else ""
    path = loc[1:] if where else loc
    message = re.sub(r" or instance of \w+", "", error["msg"].removeprefix("Value error, "))
    message = message.replace(" after validation", "").replace("a valid dictionary", "a mapping (key: …)")
    got = error.get("input")
    if error["type"] == "string_type" and isinstance(got, int | float | bool):
        message += f' (write it in quotes: "{got}")'
    if error["type"] == "extra_forbidden":
        allowed = _allowed_keys(schema, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        what = "entry" if len(loc) == 1 else "key"
        text = f"unknown {what} {loc[-1]!r} (allowed: {', '.join(allowed)}){hint}"
        where, path = ("", []) if len(loc) == 1 else (where, path[:-1])
    elif error["type"] == "missing":
        text = "missing"
    elif not loc:  # the file as a whole
        text = message if error["type"].startswith("value_error") else \
            f"{message.replace('Input', 'the file')}, got a {type(got).__name__}"
    else:
        text = message if isinstance(got, dict) or got is None else f"{message}, got {_short(got)}"
    key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
    return ": ".join(part for part in (where, key, text) if part)


def _entry_name(data: Any, loc: list[Any]) -> str:
    """`entry 'tillit'` for a keyed entry, `entry 3 ('Kommuneloven')` for a list item."""
    if not loc:
        return ""
    first = loc[0]
    if isinstance(first, int) and isinstance(data, list):
        item = data[first] if first < len(data) else None
        label = (item.get("term") or item.get("source")) if isinstance(item, dict) else None
        return f"entry {first + 1}" + (f" ({label!r})" if isinstance(label, str) else "")
    if isinstance(data, dict) and isinstance(first, str):
        return f"entry {first!r}"
    return ""


def _allowed_keys(schema: Any, loc: list[Any]) -> list[str]:
    """The keys the model at `loc` (inside `schema`) accepts."""
    current: Any = schema
    for part in [*loc, None]:
        while True:
            if isinstance(current, type) and issubclass(current, RootModel):
                current = current.model_fields["root"].annotation
            elif typing.get_origin(current) is Annotated:
                current = typing.get_args(current)[0]
            else:
                break
        if part is None:
            break
        if isinstance(current, type) and issubclass(current, BaseModel):
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"
