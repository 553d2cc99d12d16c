"""«Ordliste»: the glossary page and the tooltips where its terms occur."""

from __future__ import annotations

from typing import Any

from macros.data import require_mapping, require_text, require_text_list
from macros.errors import ComponentError
from macros.render import render


def glossary_entries(data: Any) -> list[dict[str, Any]]:
    """Validated entries, sorted as a Norwegian reader expects (æ, ø, å last)."""
    if not isinstance(data, list) or not data:
        raise ComponentError("glossary must be a non-empty list")
    entries = []
    for i, item in enumerate(data):
        item = require_mapping(item, where=f"glossary[{i}]")
        entries.append({
            "term": require_text(item.get("term"), where=f"glossary[{i}]: term"),
            "forms": require_text_list(item.get("forms"), where=f"glossary[{i}]: forms"),
            "definition": " ".join(require_text(item.get("definition"),
                                                where=f"glossary[{i}]: definition").split()),
        })
    alphabet = "abcdefghijklmnopqrstuvwxyzæøå"
    return sorted(entries, key=lambda e: [alphabet.find(c) if c in alphabet else ord(c)
                                           for c in e["term"].lower()])


def glossary(data: Any) -> str:
    """The glossary page's list of terms and definitions."""
    return render("glossary.html", "glossary", entries=glossary_entries(data))


def abbreviations(data: Any) -> dict[str, str]:
    """Word form → definition, for the `abbr` extension's glossary (Material's tooltips).

    Given to `abbr` once in the configuration rather than appended to every page as
    `*[form]: …` lines, which doubled the time Markdown takes per page."""
    terms: dict[str, str] = {}
    for entry in glossary_entries(data):
        for form in entry["forms"]:
            if form in terms:
                raise ComponentError(f"glossary form {form!r} belongs to two terms")
            terms[form] = entry["definition"]
    return terms
