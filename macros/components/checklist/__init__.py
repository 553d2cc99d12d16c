"""«Viktige suksesskriterier i utviklingsarbeid»: the guide's checklist, with tick boxes
the reader's browser keeps (reflection.js)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from macros.render import render
from macros.schemas import Strict, Text, WithId, _unique_ids


class ChecklistItem(WithId):
    """An item and its id: the reader's tick's storage key, its anchor, the workbook's box."""

    WHAT = "item"


class SCHEMA(Strict):
    """docs/_data/checklist.yml: the list's title and its items, in the guide's order."""

    title: Text
    items: Annotated[list[ChecklistItem], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> SCHEMA:
        _unique_ids([(f"item {number}", item.id, item.text)
                     for number, item in enumerate(self.items, start=1)])
        return self


def checklist(data: dict[str, Any]) -> str:
    """The checklist «Viktige suksesskriterier i utviklingsarbeid» with empty tick boxes; each
    item's `id` is its storage key (`gl-avkrysset:<id>`), anchor and workbook field name."""
    return render("checklist.html", "checklist", title=data["title"], items=data["items"])


def macros(site: Any) -> list[Any]:
    def checklist_() -> str:
        return checklist(site.data("checklist"))

    return [checklist_]
