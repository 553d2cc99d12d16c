"""The guide's four skills («Nettverkssmeden» …) as cards where the guide places them,
and an overview of all four linking to those places."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import model_validator

from macros.data import lookup
from macros.errors import ComponentError
from macros.render import render
from macros.schemas import OptionalText, Strict, Text, TextList

# The guide's four skills, in its order: the data must hold exactly these.
ARCHETYPE_NAMES = {
    "nettverkssmeden": "Nettverkssmeden",
    "effektjegeren": "Effektjegeren",
    "meningsskaperen": "Meningsskaperen",
    "utforskeren": "Utforskeren",
}
ARCHETYPE_IDS = tuple(ARCHETYPE_NAMES)


class Archetype(Strict):
    name: Text
    orientation: Text
    summary: OptionalText = ""
    traits: TextList


class SCHEMA(Strict):
    """docs/_data/archetypes.yml: exactly the guide's four skills, in its order; no fifth."""

    by_entry: ClassVar[bool] = True  # errors name the skill (macros/schemas.py)
    nettverkssmeden: Archetype
    effektjegeren: Archetype
    meningsskaperen: Archetype
    utforskeren: Archetype

    @model_validator(mode="after")
    def _names(self) -> SCHEMA:
        for key, name in ARCHETYPE_NAMES.items():
            if getattr(self, key).name != name:
                raise ValueError(f"entry {key!r}: name must be {name!r}, got {getattr(self, key).name!r}")
        return self


def archetype_entry(archetypes: dict[str, Any], key: str) -> dict[str, Any]:
    """One skill's data (also used by the workbook, macros/workbook.py)."""
    return {"key": key, **lookup(archetypes, key, what="archetype")}


def archetype(archetypes: dict[str, Any], key: str, *, chapter: str = "") -> str:
    """The skill card («Nettverkssmeden» …) where the guide places it; `chapter`
    (the page's nav chapter) is shown by «Vis på storskjerm»."""
    card = {**archetype_entry(archetypes, key), "chapter": chapter}
    return render("archetype.html", "card", archetype=card, link=None)


def archetype_overview(archetypes: dict[str, Any], *, places: dict[str, str], link_for: Any,
                       chapter: str = "") -> str:
    """All four skill cards, each linking to the page where it stands.

    `places` maps each card to the docs-relative page that calls `archetype(…)` for it
    (macros/calls.py finds them); `link_for(src_path)` turns such a path into a link.
    """
    cards = [archetype_entry(archetypes, key) for key in ARCHETYPE_IDS]
    for card in cards:
        if card["key"] not in places:
            raise ComponentError(f"archetype {card['key']!r} stands on no page, so the overview "
                                 "cannot link to it")
        card["link"] = link_for(places[card["key"]])
        card["chapter"] = chapter
    return render("archetype.html", "overview", archetypes=cards)


def macros(site: Any) -> list[Any]:
    def archetype_(key: str) -> str:
        return archetype(site.data("archetypes"), key, chapter=site.chapter_title())

    def archetype_overview_() -> str:
        return archetype_overview(site.data("archetypes"), places=site.places["archetype"],
                                  link_for=site.link_for, chapter=site.chapter_title())

    return [archetype_, archetype_overview_]
