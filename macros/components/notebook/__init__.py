"""«Mine refleksjoner»: every reflection question in the guide's order, grouped by
chapter, each with the page where its box stands."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros import calls
from macros.components.reflection import reflection_anchor, reflection_questions
from macros.errors import ComponentError
from macros.render import render


def reflection_locations(docs_dir: Path) -> dict[str, str]:
    """Which page (docs-relative) shows each reflection box; each box may stand once."""
    return calls.check(docs_dir).locations


def notebook_chapters(
    reflections: dict[str, Any],
    locations: dict[str, str],
    *,
    title_of: Callable[[str], str],
    url_of: Callable[[str], str],
) -> list[dict[str, Any]]:
    """Boxes in data order (the guide's order), grouped by the chapter folder of their page.

    Each box: its `key`, `title`, `url`, `anchor` (its id where it stands) and its
    `questions`, each with the `text` and the ids `reflection_questions` makes
    (the box itself, «Mine refleksjoner» and the workbook all use these)."""
    chapters: list[dict[str, Any]] = []
    for key, entry in reflections.items():
        questions = entry["questions"]  # validated by load_data (macros/schemas.py)
        if key not in locations:
            raise ComponentError(f"reflection {key!r} stands on no page, so the notebook cannot link to it")
        page = locations[key]
        folder = posixpath.dirname(page)
        chapter_page = f"{folder}/index.md" if folder else "index.md"
        if not chapters or chapters[-1]["page"] != chapter_page:
            chapters.append({"key": folder or "forside", "page": chapter_page,
                             "title": title_of(chapter_page), "boxes": []})
        chapters[-1]["boxes"].append({"key": key, "title": title_of(page), "url": url_of(page),
                                      "anchor": reflection_anchor(key),
                                      "questions": reflection_questions(questions)})
    return chapters


def notebook(chapters: list[dict[str, Any]], *, checklist: dict[str, Any] | None = None) -> str:
    """The page's questions by chapter and, when given, the checklist with its ticks: every
    answer and tick the reader's downloads hold stands on the page, by its id."""
    if not chapters:
        raise ComponentError("the notebook has no reflection questions")
    return render("notebook.html", "notebook", chapters=chapters, checklist=checklist)


def macros(site: Any) -> list[Any]:
    def notebook_() -> str:
        # The checklist's ticks too, when the guide has a checklist (a small project may not).
        has_checklist = (site.directory / "checklist.yml").is_file()
        return notebook(site.notebook_chapters(), checklist=site.data("checklist") if has_checklist else None)

    return [notebook_]
