"""«Ordliste»: the glossary page and the tooltips where its terms occur.

The data is validated by its schema (macros/schemas.py): unique terms and forms,
and definitions without markup, since Material's tooltips insert them as HTML."""

from __future__ import annotations

import re
from typing import Any

from macros.render import render

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
