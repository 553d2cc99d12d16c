"""«Viktige suksesskriterier i utviklingsarbeid»: the guide's checklist, with tick boxes
the reader's browser keeps (reflection.js)."""

from __future__ import annotations

from typing import Any

from macros.render import render
from macros.schemas import Strict, Text, TextList


class SCHEMA(Strict):
    """docs/_data/checklist.yml: the list's title and its items, in the guide's order."""

    title: Text
    items: TextList


def checklist(data: dict[str, Any]) -> str:
    """The checklist «Viktige suksesskriterier i utviklingsarbeid» with empty tick boxes."""
    return render("checklist.html", "checklist", title=data["title"], items=data["items"])


def macros(site: Any) -> list[Any]:
    def checklist_() -> str:
        return checklist(site.data("checklist"))

    return [checklist_]
