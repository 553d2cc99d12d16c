"""«Ordliste»: the glossary page and the tooltips where its terms occur.

The data is validated by its schema (SCHEMA below): unique terms and forms,
and definitions without markup, since Material's tooltips insert them as HTML."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import ConfigDict, Field, RootModel, model_validator

from macros.render import render
from macros.schemas import PlainText, Strict, Text, TextList

ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"


def glossary_id(term: str) -> str:
    """The term's anchor on the glossary page: its letters (æ, ø, å kept), words joined by -."""
    return re.sub(r"[^\w]+", "-", term.lower()).strip("-_")


def glossary_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries with their anchor, sorted as a Norwegian reader expects (æ, ø, å last)."""
    return sorted(({**entry, "id": glossary_id(entry["term"])} for entry in entries),
                  key=lambda e: [ALPHABET.find(c) if c in ALPHABET else ord(c) for c in e["term"].lower()])


def glossary(entries: list[dict[str, Any]]) -> str:
    """The glossary page's list of terms and definitions."""
    return render("glossary.html", "glossary", entries=glossary_entries(entries))


def abbreviations(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Word form → definition, for the `abbr` extension's glossary (Material's tooltips).

    Given to `abbr` once in the configuration rather than appended to every page as
    `*[form]: …` lines, which doubled the time Markdown takes per page."""
    return {form: entry["definition"] for entry in entries for form in entry["forms"]}


class GlossaryEntry(Strict):
    term: Text
    forms: TextList
    definition: PlainText


class SCHEMA(RootModel[Annotated[list[GlossaryEntry], Field(min_length=1)]]):
    """docs/_data/glossary.yml: each term, the word forms it is marked by, its definition."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="after")
    def _unique(self) -> SCHEMA:
        terms: dict[str, str] = {}
        forms: dict[str, str] = {}
        for number, entry in enumerate(self.root, start=1):
            where = f"entry {number} ({entry.term!r})"
            ident = glossary_id(entry.term)
            if not ident:
                raise ValueError(f"{where}: the term gives no anchor: it needs a letter or digit")
            if ident in terms:
                raise ValueError(f"{where}: the same term as {terms[ident]} (both get the anchor #{ident})")
            terms[ident] = where
            for form in entry.forms:
                if form in forms:
                    raise ValueError(f"{where}: form {form!r} belongs to two terms, also to {forms[form]}")
                forms[form] = where
        return self


def macros(site: Any) -> list[Any]:
    def glossary_() -> str:
        return glossary(site.data("glossary"))

    return [glossary_]
