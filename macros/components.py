"""The guide's components as pure functions: validated data in, HTML out.

Every function takes the data it renders as arguments (no MkDocs objects), so
tests can call it directly. `macros.registry` wires them to the pages.
"""

from __future__ import annotations

from typing import Any

from macros.data import lookup
from macros.errors import ComponentError
from macros.render import render

REFLECTION_LABEL = "Til refleksjon"
# The guide's four skills, in its order: the data must hold exactly these (macros/schemas.py).
ARCHETYPE_NAMES = {
    "nettverkssmeden": "Nettverkssmeden",
    "effektjegeren": "Effektjegeren",
    "meningsskaperen": "Meningsskaperen",
    "utforskeren": "Utforskeren",
}
ARCHETYPE_IDS = tuple(ARCHETYPE_NAMES)
CORRECTION_KINDS = {
    "orddeling": "Ord delt av linjeskift",
    "skrivefeil": "Skrivefeil",
    "oppdelt setning": "Setning delt av en boks",
    "typografi": "Typografi",
}


def reflection_anchor(key: str) -> str:
    """The box's id on its page (`refleksjon-verdier`): the target of links from
    «Mine refleksjoner» and «For deg som leder en samling»."""
    return f"refleksjon-{key}"


def reflection_questions(questions: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each question with its ids, made here and nowhere else, from the id in the data.

    `id` (`verdier-1`) names the reader's answer: reflections.js stores it under
    `gl-svar:<id>` (and finds the first release's `gl-refleksjon:<id>` there: the first
    edition's ids are its positional keys), and the workbook names its form field by it;
    `anchor` (`refleksjon-verdier-1`) is the question's id on the page where the box stands."""
    return [{"text": question["text"], "id": question["id"], "anchor": reflection_anchor(question["id"])}
            for question in questions]


def reflection(reflections: dict[str, Any], key: str, *, chapter: str = "", page_title: str = "") -> str:
    """A «Til refleksjon» box with the questions stored under `key` (data validated by load_data).

    `chapter` and `page_title` (the nav chapter and the page the box stands on)
    are shown by «Vis på storskjerm»."""
    entry = lookup(reflections, key, what="reflection")
    return render(
        "reflection.html", "reflection", key=key, anchor=reflection_anchor(key), label=REFLECTION_LABEL,
        questions=reflection_questions(entry["questions"]), chapter=chapter, page_title=page_title,
    )


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


def checklist(data: dict[str, Any]) -> str:
    """The checklist «Viktige suksesskriterier i utviklingsarbeid» with empty tick boxes; each
    item's `id` is its storage key (`gl-avkrysset:<id>`), anchor and workbook field name."""
    return render("checklist.html", "checklist", title=data["title"], items=data["items"])


def see_also(references: dict[str, Any], key: str, *, link_for: Any = None) -> str:
    """A «Se også» pointer to another KS publication or tool, or to a page of the guide
    (a `….md` url, turned into a link relative to the page by `link_for`)."""
    entry = lookup(references, key, what="see_also reference")
    url = entry["url"]
    if url and url.split("#")[0].endswith(".md") and link_for is not None:
        page, _, anchor = url.partition("#")
        url = link_for(page)["url"] + (f"#{anchor}" if anchor else "")
    return render("see_also.html", "see_also", lead=entry["lead"], title=entry["title"],
                  after=entry["after"], url=url)


def pull_quote(text: str, *, repeated: bool = False) -> str:
    """A sentence set large. `repeated` marks a repeat of body text on the same page:
    it is then hidden from screen readers, which already read it in the body."""
    if not isinstance(text, str) or not text.strip():
        raise ComponentError(f"the quote must be a non-empty text, got {text!r}")
    return render("pull_quote.html", "pull_quote", text=text.strip(), repeated=repeated)


def terrain() -> str:
    """The figure «Kart og terreng for kommunal ledelse» as inline, scalable SVG."""
    return render("terrain.html", "terrain")


def corrections(entries: list[dict[str, Any]], *, link_for: Any) -> str:
    """The list of corrections made to the printed text, for editors to review."""
    rows = [{**entry, "kind": CORRECTION_KINDS[entry["kind"]], "link": link_for(entry["page"])}
            for entry in entries]
    return render("corrections.html", "corrections", rows=rows)
