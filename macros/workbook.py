"""The seminar workbook's data: every reflection question by chapter, the four skills
and the checklist, validated by the same code as the site's components.

overrides/hooks/workbook.py renders it into arbeidshefte.pdf."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros import components, notebook
from macros.data import data_dir, load_data, page_title
from macros.pdf_download import chapters_phrase


def workbook_context(docs_dir: Path) -> dict[str, Any]:
    """The workbook template's data: "chapters", "archetypes", "checklist" and "asked"
    («kapittel 1 og 2»: the chapters the questions come from)."""
    directory = data_dir(docs_dir)
    chapters = notebook.notebook_chapters(
        load_data(directory, "reflections"), notebook.reflection_locations(docs_dir),
        title_of=lambda src: page_title(docs_dir, src), url_of=lambda src: src)
    archetype_data = load_data(directory, "archetypes")
    archetypes = [components.archetype_entry(archetype_data, key) for key in components.ARCHETYPE_IDS]
    checklist = load_data(directory, "checklist")
    components.checklist(checklist)  # validates, fails loudly
    return {"chapters": chapters, "archetypes": archetypes, "checklist": checklist,
            "asked": chapters_phrase([chapter["title"] for chapter in chapters])}
