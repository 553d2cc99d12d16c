"""The components as plain functions: validated data in, escaped HTML out."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros import schemas
from macros.components import archetype, checklist, notebook, pull_quote, reflection, see_also, terrain
from macros.errors import ComponentError
from macros.outputs import PDF_PLUGIN, PDF_SIZE
from sitepages import HANDBOOK

ARCHETYPES = {
    key: {
        "name": key.capitalize(),
        "orientation": "Oppgaveorientering",
        "summary": f"Om {key}.",
        "traits": [f"Trekk ved {key}."],
    }
    for key in archetype.ARCHETYPE_IDS
}


def valid(name: str, data: object) -> object:
    """Data as the macros get it: validated by its schema (pages not looked up)."""
    return schemas.validate(name, data, source=f"docs/_data/{name}.yml")


def questions(key: str, *texts: str) -> list[dict[str, str]]:
    """Questions as the data writes them, each with its id (`verdier-1`, …)."""
    return [{"id": f"{key}-{n}", "text": text} for n, text in enumerate(texts, start=1)]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_reflection_lists_every_question_under_its_label() -> None:
    data = {"verdier": {"questions": questions("verdier", "Første?", "Andre?")}}
    html = reflection.reflection(valid("reflections", data),
                                 "verdier")
    box = soup(html).select_one("section.gl-reflection")
    assert box is not None
    assert box.h2.get_text() == "Til refleksjon"
    assert box["aria-labelledby"] == box.h2["id"]
    assert [q.get_text(strip=True) for q in box.select(".gl-reflection__text")] == ["Første?", "Andre?"]


def test_reflection_questions_carry_the_ids_answers_are_stored_under() -> None:
    """The ids are made once (reflection.reflection_questions): the box and «Mine
    refleksjoner» write the same `data-gl-question`, which reflection.js prefixes
    with `gl-refleksjon:`; a change here would hide readers' stored answers."""
    data = valid("reflections", {"verdier": {"questions": questions("verdier", "Første?", "Andre?")}})
    box = soup(reflection.reflection(data, "verdier")).select_one("section.gl-reflection")
    assert box["id"] == "refleksjon-verdier"
    assert box["data-gl-reflection"] == "verdier"
    assert not box.has_attr("data-reflection")
    items = box.select("[data-gl-question]")
    assert [i["data-gl-question"] for i in items] == ["verdier-1", "verdier-2"]
    assert [i["id"] for i in items] == ["refleksjon-verdier-1", "refleksjon-verdier-2"]
    chapters = notebook.notebook_chapters(data, {"verdier": "kap/verdier.md"},
                                          title_of=lambda src: src, url_of=lambda src: src)
    page = soup(notebook.notebook(chapters))
    assert [i["data-gl-question"] for i in page.select("[data-gl-question]")] == ["verdier-1", "verdier-2"]
    assert page.select_one(".gl-notebook__source a")["href"] == "kap/verdier.md#refleksjon-verdier"


def test_reflection_escapes_markup_from_data() -> None:
    data = valid("reflections", {"x": {"questions": questions("x", "<script>alert(1)</script>")}})
    html = reflection.reflection(data, "x")
    assert "<script>" not in html
    assert soup(html).select_one(".gl-reflection__text").get_text() == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verdier": {"questions": []}}, "entry 'verdier': questions: List should have at least 1 item"),
        ({"verdier": {"questions": questions("verdier", "ok", "  ")}},
         "entry 'verdier': questions[1].text: String should have"),
        ({"verdier": ["ok"]}, "entry 'verdier': Input should be a mapping (key: …), got ['ok']"),
        ({"verdier": {"questions": questions("verdier", "ok"), "sporsmal": ["x"]}},
         "entry 'verdier': unknown key 'sporsmal'"),
        ([{"questions": ["ok"]}], "reflections.yml: the file should be a mapping (key: …), got a list"),
        ({"Verdier 2": {"questions": questions("v", "ok")}}, "entry 'Verdier 2': a key is lowercase letters"),
    ],
)
def test_reflections_schema_names_entry_key_and_value(data: object, message: str) -> None:
    with pytest.raises(schemas.DataError, match=re.escape(message)):
        valid("reflections", data)


def test_reflection_rejects_unknown_key_listing_the_known() -> None:
    with pytest.raises(ComponentError, match=re.escape("unknown reflection 'roller' (known: verdier)")):
        reflection.reflection(valid("reflections", {"verdier": {"questions": questions("verdier", "ok")}}),
                              "roller")


def test_archetype_card_names_orientation_and_traits() -> None:
    html = archetype.archetype(valid("archetypes", ARCHETYPES), "utforskeren")
    card = soup(html).select_one("section.gl-archetype")
    assert card.h2.get_text() == "«Utforskeren»"
    assert "Oppgaveorientering" in card.select_one(".gl-archetype__kicker").get_text()
    assert [li.get_text() for li in card.select("li")] == ["Trekk ved utforskeren."]
    assert card.select_one("a") is None  # a card in its own section links nowhere


def test_archetype_rejects_unknown_id() -> None:
    with pytest.raises(ComponentError, match="unknown archetype 'sjefen'"):
        archetype.archetype(valid("archetypes", ARCHETYPES), "sjefen")


def test_archetype_overview_shows_all_four_in_guide_order_with_links() -> None:
    html = archetype.archetype_overview(
        valid("archetypes", ARCHETYPES), places=dict.fromkeys(archetype.ARCHETYPE_IDS, "side.md"),
        link_for=lambda page: {"url": f"../{page}", "title": "Siden"},
    )
    cards = soup(html).select("section.gl-archetype")
    assert [c.h2.get_text() for c in cards] == [
        "«Nettverkssmeden»", "«Effektjegeren»", "«Meningsskaperen»", "«Utforskeren»",
    ]
    assert {c.a["href"] for c in cards} == {"../side.md"}


def test_archetype_overview_needs_each_card_placed_on_a_page() -> None:
    places = dict.fromkeys(archetype.ARCHETYPE_IDS[:-1], "side.md")
    with pytest.raises(ComponentError, match="archetype 'utforskeren' stands on no page"):
        archetype.archetype_overview(valid("archetypes", ARCHETYPES), places=places,
                                      link_for=lambda page: {"url": page, "title": "Siden"})


def test_archetypes_are_exactly_the_four() -> None:
    partial = {k: v for k, v in ARCHETYPES.items() if k != "utforskeren"}
    with pytest.raises(schemas.DataError, match="entry 'utforskeren': missing"):
        valid("archetypes", partial)
    with pytest.raises(schemas.DataError, match="unknown entry 'sjefen'"):
        valid("archetypes", {**ARCHETYPES, "sjefen": ARCHETYPES["utforskeren"]})
    renamed = {**ARCHETYPES, "utforskeren": {**ARCHETYPES["utforskeren"], "name": "Oppdageren"}}
    with pytest.raises(schemas.DataError, match="name must be 'Utforskeren', got 'Oppdageren'"):
        valid("archetypes", renamed)


def test_checklist_has_an_empty_box_per_item() -> None:
    data = valid("checklist", {"title": "Viktige suksesskriterier",
                                  "items": [{"id": "1", "text": "A"}, {"id": "2", "text": "B"}]})
    html = checklist.checklist(data)
    items = soup(html).select(".gl-checklist__item")
    assert [i.get_text(strip=True) for i in items] == ["A", "B"]
    assert all(i.select_one(".gl-checklist__box[aria-hidden=true]") for i in items)


def test_checklist_rejects_empty_list() -> None:
    with pytest.raises(schemas.DataError, match="checklist.yml: items: List should have at least 1"):
        valid("checklist", {"title": "T", "items": []})


def test_see_also_reads_as_the_printed_sentence() -> None:
    refs = {"tillit": {"lead": "Se også", "title": "Tillit", "after": "KS Folkevalgtprogram 2015–2019"}}
    text = soup(see_also.see_also(valid("see_also", refs), "tillit")).get_text()
    assert text == "Se også «Tillit» KS Folkevalgtprogram 2015–2019"


def test_see_also_links_title_when_it_has_an_address() -> None:
    refs = {"x": {"lead": "Se også", "title": "10-FAKTOR", "url": "https://www.10faktor.no"}}
    link = soup(see_also.see_also(valid("see_also", refs), "x")).a
    assert link["href"] == "https://www.10faktor.no"
    assert link.get_text() == "«10-FAKTOR»"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "only https:, http:, mailto: or a page"),
        ("data:text/html,x", "only https:, http:, mailto: or a page"),
        ("https:///sti", "an https address needs a host"),
        ("//example.org/", "only https:, http:, mailto: or a page"),
        ("mailto:", "a mailto address needs an e-mail address"),
        ("side.html", "must be a page of the guide"),
        ("../utenfor.md", "must be a page of the guide"),
    ],
)
def test_see_also_url_must_be_safe(url: str, message: str) -> None:
    with pytest.raises(schemas.DataError, match=re.escape(f"entry 'x': url: {message}")):
        valid("see_also", {"x": {"lead": "Se også", "title": "T", "url": url}})


def test_see_also_url_to_a_page_links_relative_to_the_page() -> None:
    refs = valid("see_also", {"x": {"lead": "Se også", "title": "T", "url": "kap/side.md#del"}})
    link = soup(see_also.see_also(refs, "x", link_for=lambda page: {"url": f"../{page[:-3]}.html"})).a
    assert link["href"] == "../kap/side.html#del"


def test_pull_quote_repeat_is_hidden_from_screen_readers_only_when_repeated() -> None:
    assert soup(pull_quote.pull_quote("Tekst.", repeated=True)).figure["aria-hidden"] == "true"
    assert not soup(pull_quote.pull_quote("Tekst.")).figure.has_attr("aria-hidden")


def test_terrain_has_text_alternative_and_all_labels() -> None:
    figure = soup(terrain.terrain()).figure
    svg = figure.svg
    assert svg["role"] == "img"
    labelled_by = [figure.find(id=i) for i in svg["aria-labelledby"].split()]
    assert all(labelled_by)
    assert labelled_by[0].get_text() == "Kart og terreng for kommunal ledelse"
    labels = " ".join(t.get_text() for t in svg.find_all("text"))
    for word in ("OMGIVELSER", "FOLKEVALGTE", "INNBYGGERE", "STATEN", "FRIVILLIG SEKTOR"):
        assert word in labels
    assert figure.figcaption.get_text(strip=True)


def test_corrections_table_rejects_unknown_kind() -> None:
    entry = {"source": "a", "corrected": "b", "kind": "gjetning", "page": "x.md"}
    with pytest.raises(schemas.DataError, match="entry 1 \\('a'\\): kind: Input should be 'orddeling'"):
        valid("corrections", [entry])


# ------------------------------------------------------------------ pdf_download

class _Plugin:
    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.config = {"output_path": HANDBOOK}


def test_pdf_download_links_relative_to_the_page_and_not_without_the_plugin() -> None:
    from macros.components import pdf_download

    plugins = {PDF_PLUGIN: _Plugin(enabled=True)}
    deep = pdf_download.pdf_href(plugins, page_url="a/b/side.html")
    assert deep == f"../../{HANDBOOK}"
    assert pdf_download.pdf_href({PDF_PLUGIN: _Plugin(enabled=False)}, page_url="index.html") is None
    assert pdf_download.pdf_href({}, page_url="index.html") is None
    html = pdf_download.pdf_download(href=deep)
    assert f'href="{deep}"' in html and PDF_SIZE in html and "Last ned hele guiden" in html
