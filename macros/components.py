"""The guide's components as pure functions: validated data in, HTML out.

Every function takes the data it renders as arguments (no MkDocs objects), so
tests can call it directly. `macros.registry` wires them to the pages.
"""

from __future__ import annotations

import posixpath
from typing import Any

from macros.data import lookup, require_mapping, require_text, require_text_list
from macros.errors import ComponentError
from macros.render import render

REFLECTION_LABEL = "Til refleksjon"
ARCHETYPE_IDS = ("nettverkssmeden", "effektjegeren", "meningsskaperen", "utforskeren")
CORRECTION_KINDS = {
    "orddeling": "Ord delt av linjeskift",
    "skrivefeil": "Skrivefeil",
    "oppdelt setning": "Setning delt av en boks",
    "typografi": "Typografi",
}


def page_url(src_path: str, *, use_directory_urls: bool) -> str:
    """The site URL (relative to the site root) of a docs-relative Markdown file."""
    stem, _ = posixpath.splitext(src_path)
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_url(target: str, *, from_url: str) -> str:
    """A link from the page at `from_url` to `target` (both site-root relative)."""
    base = posixpath.dirname(from_url) or "."
    rel = posixpath.relpath(target or ".", start=base)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def reflection(reflections: dict[str, Any], key: str, *, chapter: str = "", page_title: str = "") -> str:
    """A «Til refleksjon» box with the questions stored under `key`.

    `chapter` and `page_title` (the nav chapter and the page the box stands on)
    are shown by «Vis på storskjerm»."""
    entry = require_mapping(lookup(reflections, key, what="reflection"), where=f"reflection {key!r}")
    questions = require_text_list(entry.get("questions"), where=f"reflection {key!r}: questions")
    return render(
        "reflection.html", "reflection", key=key, label=REFLECTION_LABEL, questions=questions,
        chapter=chapter, page_title=page_title,
    )


def archetype_entry(archetypes: dict[str, Any], key: str) -> dict[str, Any]:
    """One skill's validated data (also used by the workbook, overrides/pdf/workbook.py)."""
    entry = require_mapping(lookup(archetypes, key, what="archetype"), where=f"archetype {key!r}")
    return {
        "key": key,
        "name": require_text(entry.get("name"), where=f"archetype {key!r}: name"),
        "orientation": require_text(entry.get("orientation"), where=f"archetype {key!r}: orientation"),
        "summary": entry.get("summary") or "",
        "page": require_text(entry.get("page"), where=f"archetype {key!r}: page"),
        "traits": require_text_list(entry.get("traits"), where=f"archetype {key!r}: traits"),
    }


def archetype(archetypes: dict[str, Any], key: str, *, chapter: str = "") -> str:
    """The skill card («Nettverkssmeden» …) where the guide places it; `chapter`
    (the page's nav chapter) is shown by «Vis på storskjerm»."""
    card = {**archetype_entry(archetypes, key), "chapter": chapter}
    return render("archetype.html", "card", archetype=card, link=None)


def archetype_overview(archetypes: dict[str, Any], *, link_for: Any, chapter: str = "") -> str:
    """All four skill cards, each linking to the page where it stands.

    `link_for(src_path)` turns a docs-relative Markdown path into a link.
    """
    missing = [key for key in ARCHETYPE_IDS if key not in archetypes]
    if missing:
        raise ComponentError(f"archetype data lacks {', '.join(missing)}")
    cards = [archetype_entry(archetypes, key) for key in ARCHETYPE_IDS]
    for card in cards:
        card["link"] = link_for(card["page"])
        card["chapter"] = chapter
    return render("archetype.html", "overview", archetypes=cards)


def success_criteria(data: dict[str, Any]) -> str:
    """The checklist «Viktige suksesskriterier i utviklingsarbeid» with empty tick boxes."""
    data = require_mapping(data, where="success criteria")
    title = require_text(data.get("title"), where="success criteria: title")
    items = require_text_list(data.get("items"), where="success criteria: items")
    return render("success_criteria.html", "checklist", title=title, items=items)


def see_also(references: dict[str, Any], key: str) -> str:
    """A «Se også» pointer to another KS publication or tool."""
    entry = require_mapping(lookup(references, key, what="see_also reference"), where=f"see_also {key!r}")
    return render(
        "see_also.html",
        "see_also",
        lead=require_text(entry.get("lead"), where=f"see_also {key!r}: lead"),
        title=require_text(entry.get("title"), where=f"see_also {key!r}: title"),
        after=(entry.get("after") or "").strip(),
        url=entry.get("url"),
    )


def pull_quote(text: str, *, repeated: bool = False) -> str:
    """A sentence set large. `repeated` marks a repeat of body text on the same page:
    it is then hidden from screen readers, which already read it in the body."""
    return render("pull_quote.html", "pull_quote", text=require_text(text, where="pull_quote text"),
                  repeated=repeated)


def kart_og_terreng() -> str:
    """The figure «Kart og terreng for kommunal ledelse» as inline, scalable SVG."""
    return render("figure.html", "kart_og_terreng")


def corrections(entries: list[dict[str, Any]], *, link_for: Any) -> str:
    """The list of corrections made to the printed text, for editors to review."""
    if not isinstance(entries, list) or not entries:
        raise ComponentError("corrections must be a non-empty list")
    rows = []
    for i, entry in enumerate(entries):
        entry = require_mapping(entry, where=f"corrections[{i}]")
        kind = require_text(entry.get("kind"), where=f"corrections[{i}]: kind")
        if kind not in CORRECTION_KINDS:
            raise ComponentError(f"corrections[{i}]: unknown kind {kind!r}")
        page = require_text(entry.get("page"), where=f"corrections[{i}]: page")
        rows.append({
            "source": require_text(entry.get("source"), where=f"corrections[{i}]: source"),
            "corrected": require_text(entry.get("corrected"), where=f"corrections[{i}]: corrected"),
            "kind": CORRECTION_KINDS[kind],
            "page": page,
            "link": link_for(page),
        })
    return render("corrections.html", "corrections", rows=rows)
