"""The notebook and glossary components as plain functions."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import glossary, notebook
from macros.errors import ComponentError

REFLECTIONS = {
    "verdier": {"questions": ["Første?"]},
    "roller": {"questions": ["Andre?", "Tredje?"]},
    "omgivelser": {"questions": ["Fjerde?"]},
}
LOCATIONS = {
    "verdier": "kap1/verdier.md",
    "roller": "kap1/roller.md",
    "omgivelser": "kap2/omgivelser.md",
}


def chapters(reflections: dict = REFLECTIONS, locations: dict = LOCATIONS) -> list[dict]:
    return notebook.notebook_chapters(
        reflections, locations, title_of=lambda page: f"Tittel {page}", url_of=lambda page: f"../{page}")


def test_notebook_groups_boxes_by_chapter_in_data_order() -> None:
    result = chapters()
    assert [c["title"] for c in result] == ["Tittel kap1/index.md", "Tittel kap2/index.md"]
    assert [b["key"] for b in result[0]["boxes"]] == ["verdier", "roller"]
    assert result[0]["boxes"][1]["questions"] == ["Andre?", "Tredje?"]


def test_notebook_links_each_box_once_to_its_place() -> None:
    soup = BeautifulSoup(notebook.notebook(chapters()), "html.parser")
    links = [a["href"] for a in soup.select(".gl-notebook__source a")]
    assert links == ["../kap1/verdier.md#refleksjon-verdier", "../kap1/roller.md#refleksjon-roller",
                     "../kap2/omgivelser.md#refleksjon-omgivelser"]
    # Once per box, under its heading, not under every question.
    assert not soup.select(".gl-notebook__question a")


def test_notebook_fails_for_a_box_on_no_page() -> None:
    with pytest.raises(ComponentError, match="'omgivelser' stands on no page"):
        chapters(locations={k: v for k, v in LOCATIONS.items() if k != "omgivelser"})


def test_reflection_locations_finds_calls_and_rejects_a_box_used_twice(tmp_path: Path) -> None:
    (tmp_path / "kap1").mkdir()
    (tmp_path / "kap1" / "a.md").write_text('# A\n\n{{ reflection("verdier") }}\n', encoding="utf-8")
    (tmp_path / "kap1" / "b.md").write_text("# B\n\n{{ reflection('roller') }}\n", encoding="utf-8")
    assert notebook.reflection_locations(tmp_path) == {"verdier": "kap1/a.md", "roller": "kap1/b.md"}
    (tmp_path / "c.md").write_text('{{ reflection("verdier") }}', encoding="utf-8")
    with pytest.raises(ComponentError, match="'verdier' stands on c.md and again on kap1/a.md"):
        notebook.reflection_locations(tmp_path)


GLOSSARY = [
    {"term": "Rådmann", "forms": ["rådmannen"], "definition": "Øverste  administrative\nleder."},
    {"term": "KS", "forms": ["KS"], "definition": "Kommunesektorens organisasjon."},
    {"term": "Omsorgsplikt", "forms": ["omsorgsplikten"], "definition": "Arbeidsgivers <plikt>."},
]


def test_glossary_is_sorted_norwegian_and_escaped() -> None:
    soup = BeautifulSoup(glossary.glossary(GLOSSARY), "html.parser")
    assert [dt.get_text() for dt in soup.select("dt")] == ["KS", "Omsorgsplikt", "Rådmann"]
    assert soup.select("dd")[1].get_text() == "Arbeidsgivers <plikt>."


def test_glossary_abbreviations_cover_every_form() -> None:
    assert glossary.abbreviations(GLOSSARY) == {
        "KS": "Kommunesektorens organisasjon.",
        "omsorgsplikten": "Arbeidsgivers <plikt>.",
        "rådmannen": "Øverste administrative leder.",
    }


def test_glossary_rejects_a_form_in_two_terms() -> None:
    twice = [*GLOSSARY, {"term": "Sjef", "forms": ["KS"], "definition": "Noe annet."}]
    with pytest.raises(ComponentError, match="'KS' belongs to two terms"):
        glossary.abbreviations(twice)


def test_glossary_rejects_entry_without_forms() -> None:
    with pytest.raises(ComponentError, match=r"glossary\[0\]: forms must be a non-empty list"):
        glossary.glossary([{"term": "X", "forms": [], "definition": "Y"}])
