"""The seminar workbook's data: every reflection question by chapter, the four skills
and the checklist, validated by the same code as the site's components.

overrides/hooks/workbook.py renders it into arbeidshefte.pdf."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.components import archetype, checklist, notebook
from macros.components.pdf_download import chapters_phrase
from macros.data import data_dir, load_data, page_title


def workbook_context(docs_dir: Path) -> dict[str, Any]:
    """The workbook template's data: "chapters", "archetypes", "checklist" and "asked"
    («kapittel 1 og 2»: the chapters the questions come from)."""
    directory = data_dir(docs_dir)
    chapters = notebook.notebook_chapters(
        load_data(directory, "reflections"), notebook.reflection_locations(docs_dir),
        title_of=lambda src: page_title(docs_dir, src), url_of=lambda src: src)
    archetype_data = load_data(directory, "archetypes")
    archetypes = [archetype.archetype_entry(archetype_data, key) for key in archetype.ARCHETYPE_IDS]
    checklist_data = load_data(directory, "checklist")
    checklist.checklist(checklist_data)  # validates, fails loudly
    return {"chapters": chapters, "archetypes": archetypes, "checklist": checklist_data,
            "asked": chapters_phrase([chapter["title"] for chapter in chapters])}
