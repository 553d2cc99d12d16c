"""The notebook, glossary and facilitator components as plain functions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import schemas
from macros.components import glossary, notebook
from macros.errors import ComponentError

REFLECTIONS = {
    "verdier": {"questions": [{"id": "verdier-1", "text": "Første?"}]},
    "roller": {"questions": [{"id": "roller-1", "text": "Andre?"}, {"id": "roller-2", "text": "Tredje?"}]},
    "omgivelser": {"questions": [{"id": "omgivelser-1", "text": "Fjerde?"}]},
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
    assert [q["text"] for q in result[0]["boxes"][1]["questions"]] == ["Andre?", "Tredje?"]


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
    {"term": "Stat / kommune", "forms": ["omsorgsplikten"], "definition": "Arbeidsgivers plikt & ansvar."},
]


def valid_glossary(data: list) -> list:
    return schemas.validate("glossary", data, source="docs/_data/glossary.yml")


def test_glossary_is_sorted_norwegian_with_slug_anchors() -> None:
    soup = BeautifulSoup(glossary.glossary(valid_glossary(GLOSSARY)), "html.parser")
    assert [dt.get_text() for dt in soup.select("dt")] == ["KS", "Rådmann", "Stat / kommune"]
    assert [dt["id"] for dt in soup.select("dt")] == ["ks", "rådmann", "stat-kommune"]
    assert soup.select("dd")[2].get_text() == "Arbeidsgivers plikt & ansvar."


def test_glossary_puts_ae_oe_aa_after_z_in_that_order() -> None:
    """«Ærlighet» < «Øvelse» < «Åpenhet», all after «Zebra»: the order of the Norwegian
    alphabet, which code-point order (str.lower: å, æ, ø) gets wrong."""
    terms = ["Åpenhet", "Øvelse", "Zebra", "ærlighet", "Arbeidsgiver", "Ølen", "Åpning"]
    entries = [{"term": term, "forms": [term], "definition": "D."} for term in terms]
    expected = ["Arbeidsgiver", "Zebra", "ærlighet", "Ølen", "Øvelse", "Åpenhet", "Åpning"]
    assert [entry["term"] for entry in glossary.glossary_entries(entries)] == expected
    soup = BeautifulSoup(glossary.glossary(valid_glossary(entries)), "html.parser")
    assert [dt.get_text() for dt in soup.select("dt")] == expected
    assert sorted(terms, key=str.lower) != expected  # negative control: the old test's key


def test_glossary_abbreviations_cover_every_form() -> None:
    assert glossary.abbreviations(valid_glossary(GLOSSARY)) == {
        "KS": "Kommunesektorens organisasjon.",
        "omsorgsplikten": "Arbeidsgivers plikt & ansvar.",
        "rådmannen": "Øverste administrative leder.",
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"term": "Sjef", "forms": ["KS"], "definition": "Noe annet."},
         "entry 4 ('Sjef'): form 'KS' belongs to two terms, also to entry 2 ('KS')"),
        ({"term": "ks", "forms": ["ks"], "definition": "Noe annet."},
         "entry 4 ('ks'): the same term as entry 2 ('KS') (both get the anchor #ks)"),
        ({"term": "Stat kommune", "forms": ["x"], "definition": "Noe annet."},
         "the same term as entry 3 ('Stat / kommune') (both get the anchor #stat-kommune)"),
        ({"term": "X", "forms": [], "definition": "Y"},
         "entry 4 ('X'): forms: List should have at least 1 item"),
        ({"term": "X", "forms": ["x"], "definition": "Y", "defintion": "Z"}, "unknown key 'defintion'"),
        ({"term": "X", "forms": ["x"], "definition": "<img src=x onerror=alert(1)>"},
         "entry 4 ('X'): definition: markup is not allowed in a definition (found '<')"),
        ({"term": "X", "forms": ["x"], "definition": "&lt;img src=x onerror=alert(1)&gt;"},
         "markup is not allowed in a definition (found '&lt;')"),
        ({"term": "X", "forms": ["x"], "definition": "&#60;b&#62;"}, "(found '&#60;')"),
    ],
)
def test_glossary_schema_rejects(extra: dict, message: str) -> None:
    with pytest.raises(schemas.DataError, match=re.escape(message)):
        valid_glossary([*GLOSSARY, extra])


def seminar_chapters() -> list[dict]:
    """The facilitator's chapters: the notebook's, each with a page, a handout or none, and
    a third chapter without boxes (as the guide's chapter 3)."""
    found = chapters()
    for number, chapter in enumerate(found, start=1):
        handout = {"number": number, "href": f"../kapittel-{number}.pdf"} if number == 1 else None
        chapter.update(title=f"{number} Kapittel {number}", url=f"../{chapter['page']}",
                       nav_title=chapter["title"], handout=handout)
    found.append({"key": "kap3", "page": "kap3/index.md", "title": "Tips <og> råd",
                  "url": "../kap3/index.html", "nav_title": "Tips", "boxes": [], "handout": None})
    return found


def test_facilitator_lists_each_chapters_boxes_its_handout_and_the_workbook() -> None:
    from macros.components import facilitator

    html = facilitator.facilitator(seminar_chapters(), workbook_href="../arbeidshefte.pdf",
                                   label="Til refleksjon")
    soup = BeautifulSoup(html, "html.parser")
    headings = [h.get_text() for h in soup.select("h2")]
    assert headings == ["1 Kapittel 1", "2 Kapittel 2", "Tips <og> råd", "Arbeidsheftet"]
    assert "<og>" not in html  # the title escaped
    boxes = soup.select("[data-gl-facilitator-box]")
    assert [b["data-gl-facilitator-box"] for b in boxes] == ["verdier", "roller", "omgivelser"]
    assert boxes[1].a["href"] == "../kap1/roller.md#refleksjon-roller"
    assert "(2 spørsmål)" in boxes[1].get_text()
    assert [q.get_text() for q in boxes[1].select("[data-gl-facilitator-question]")] == ["Andre?", "Tredje?"]
    # Only the chapter with a handout offers one; the chapter without boxes promises none.
    handouts = soup.select(".gl-facilitator__handout a")
    assert [a["href"] for a in handouts] == ["../kapittel-1.pdf"]
    third = soup.select(".gl-facilitator__chapter")[2]
    assert "ingen bokser «Til refleksjon»" in third.get_text()
    assert not third.select("[data-gl-facilitator-box]")
    workbook = soup.select_one("#samling-arbeidshefte").parent
    assert workbook.a["href"] == "../arbeidshefte.pdf"
    assert "refleksjonsspørsmålene fra kapittel 1 og 2," in workbook.get_text()  # not chapter 3's


def test_facilitator_without_the_workbook_offers_none() -> None:
    from macros.components import facilitator

    html = facilitator.facilitator(seminar_chapters(), workbook_href=None, label="Til refleksjon")
    assert "arbeidshefte" not in html and "Arbeidsheftet" not in html
