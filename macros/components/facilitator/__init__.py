"""«For deg som leder en samling»: for a seminar leader, every chapter's reflection boxes
with their Storskjerm buttons, the chapter handouts and the workbook."""

from __future__ import annotations

import posixpath
from typing import Any

from macros import outputs
from macros.components.pdf_download import chapters_phrase, handout_chapters
from macros.components.reflection import REFLECTION_LABEL
from macros.errors import ComponentError
from macros.render import render


def facilitator(chapters: list[dict[str, Any]], *, workbook_href: str | None, label: str) -> str:
    """«For deg som leder en samling»: notebook chapters, each with its "nav_title" and
    "handout" ({"number", "href"} or None), and the workbook. `label` is the boxes' own
    («Til refleksjon»), for the Storskjerm view's title."""
    asked = chapters_phrase([c["title"] for c in chapters if c["boxes"]])
    return render("facilitator.html", "facilitator", chapters=chapters, workbook_href=workbook_href,
                  label=label, asked=asked)


def macros(site: Any) -> list[Any]:
    def facilitator_() -> str:
        boxes = {chapter["page"]: chapter["boxes"] for chapter in site.notebook_chapters()}
        chapters = [{"key": posixpath.dirname(c["src"]), "page": c["src"],
                     "title": site.title_of(c["src"]), "url": site.link_for(c["src"])["url"],
                     "boxes": boxes.pop(c["src"], []),
                     "handout": ({"number": n, "href": site.handout_href(n)}
                                 if site.handout_href(n) else None)}
                    for n, c in handout_chapters(site.docs_dir).items()]
        if boxes:
            raise ComponentError(f"reflection boxes outside the chapters: {sorted(boxes)}")
        for chapter in chapters:  # the title the boxes' own Storskjerm buttons show
            chapter["nav_title"] = site.chapter_of(site.site_page(chapter["page"]).page) or chapter["title"]
        return facilitator(chapters, workbook_href=site.href_to(outputs.WORKBOOK), label=REFLECTION_LABEL)

    return [facilitator_]
