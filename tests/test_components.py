"""The components as plain functions: validated data in, escaped HTML out."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros import components, schemas
from macros.errors import ComponentError

ARCHETYPES = {
    key: {
        "name": key.capitalize(),
        "orientation": "Oppgaveorientering",
        "summary": f"Om {key}.",
        "page": "side.md",
        "traits": [f"Trekk ved {key}."],
    }
    for key in components.ARCHETYPE_IDS
}


def valid(name: str, data: object) -> object:
    """Data as the macros get it: validated by its schema (pages not looked up)."""
    return schemas.validate(name, data, source=f"docs/_data/{name}.yml")


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_reflection_lists_every_question_under_its_label() -> None:
    html = components.reflection(valid("reflections", {"verdier": {"questions": ["Første?", "Andre?"]}}),
                                 "verdier")
    box = soup(html).select_one("section.gl-reflection")
    assert box is not None
    assert box.h2.get_text() == "Til refleksjon"
    assert box["aria-labelledby"] == box.h2["id"]
    assert [q.get_text(strip=True) for q in box.select(".gl-reflection__text")] == ["Første?", "Andre?"]


def test_reflection_escapes_markup_from_data() -> None:
    data = valid("reflections", {"x": {"questions": ["<script>alert(1)</script>"]}})
    html = components.reflection(data, "x")
    assert "<script>" not in html
    assert soup(html).select_one(".gl-reflection__text").get_text() == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verdier": {"questions": []}}, "entry 'verdier': questions: List should have at least 1 item"),
        ({"verdier": {"questions": ["ok", "  "]}}, "entry 'verdier': questions[1]: String should have"),
        ({"verdier": ["ok"]}, "entry 'verdier': Input should be a mapping (key: …), got ['ok']"),
        ({"verdier": {"questions": ["ok"], "sporsmal": ["x"]}}, "entry 'verdier': unknown key 'sporsmal'"),
        ([{"questions": ["ok"]}], "reflections.yml: the file should be a mapping (key: …), got a list"),
        ({"Verdier 2": {"questions": ["ok"]}}, "entry 'Verdier 2': a key is lowercase letters"),
    ],
)
def test_reflections_schema_names_entry_key_and_value(data: object, message: str) -> None:
    with pytest.raises(schemas.DataError, match=re.escape(message)):
        valid("reflections", data)


def test_reflection_rejects_unknown_key_listing_the_known() -> None:
    with pytest.raises(ComponentError, match=re.escape("unknown reflection 'roller' (known: verdier)")):
        components.reflection(valid("reflections", {"verdier": {"questions": ["ok"]}}), "roller")


def test_archetype_card_names_orientation_and_traits() -> None:
    html = components.archetype(valid("archetypes", ARCHETYPES), "utforskeren")
    card = soup(html).select_one("section.gl-archetype")
    assert card.h2.get_text() == "«Utforskeren»"
    assert "Oppgaveorientering" in card.select_one(".gl-archetype__kicker").get_text()
    assert [li.get_text() for li in card.select("li")] == ["Trekk ved utforskeren."]
    assert card.select_one("a") is None  # a card in its own section links nowhere


def test_archetype_rejects_unknown_id() -> None:
    with pytest.raises(ComponentError, match="unknown archetype 'sjefen'"):
        components.archetype(valid("archetypes", ARCHETYPES), "sjefen")


def test_archetype_overview_shows_all_four_in_guide_order_with_links() -> None:
    html = components.archetype_overview(
        valid("archetypes", ARCHETYPES), link_for=lambda page: {"url": f"../{page}", "title": "Siden"}
    )
    cards = soup(html).select("section.gl-archetype")
    assert [c.h2.get_text() for c in cards] == [
        "«Nettverkssmeden»", "«Effektjegeren»", "«Meningsskaperen»", "«Utforskeren»",
    ]
    assert {c.a["href"] for c in cards} == {"../side.md"}


def test_archetypes_are_exactly_the_four() -> None:
    partial = {k: v for k, v in ARCHETYPES.items() if k != "utforskeren"}
    with pytest.raises(schemas.DataError, match="entry 'utforskeren': missing"):
        valid("archetypes", partial)
    with pytest.raises(schemas.DataError, match="unknown entry 'sjefen'"):
        valid("archetypes", {**ARCHETYPES, "sjefen": ARCHETYPES["utforskeren"]})
    renamed = {**ARCHETYPES, "utforskeren": {**ARCHETYPES["utforskeren"], "name": "Oppdageren"}}
    with pytest.raises(schemas.DataError, match="name must be 'Utforskeren', got 'Oppdageren'"):
        valid("archetypes", renamed)


def test_success_criteria_has_an_empty_box_per_item() -> None:
    html = components.success_criteria(valid("success_criteria",
                                                {"title": "Viktige suksesskriterier", "items": ["A", "B"]}))
    items = soup(html).select(".gl-checklist__item")
    assert [i.get_text(strip=True) for i in items] == ["A", "B"]
    assert all(i.select_one(".gl-checklist__box[aria-hidden=true]") for i in items)


def test_success_criteria_rejects_empty_list() -> None:
    with pytest.raises(schemas.DataError, match="success_criteria.yml: items: List should have at least 1"):
        valid("success_criteria", {"title": "T", "items": []})


def test_see_also_reads_as_the_printed_sentence() -> None:
    refs = {"tillit": {"lead": "Se også", "title": "Tillit", "after": "KS Folkevalgtprogram 2015–2019"}}
    text = soup(components.see_also(valid("see_also", refs), "tillit")).get_text()
    assert text == "Se også «Tillit» KS Folkevalgtprogram 2015–2019"


def test_see_also_links_title_when_it_has_an_address() -> None:
    refs = {"x": {"lead": "Se også", "title": "10-FAKTOR", "url": "https://www.10faktor.no"}}
    link = soup(components.see_also(valid("see_also", refs), "x")).a
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
    link = soup(components.see_also(refs, "x", link_for=lambda page: {"url": f"../{page[:-3]}.html"})).a
    assert link["href"] == "../kap/side.html#del"


def test_pull_quote_repeat_is_hidden_from_screen_readers_only_when_repeated() -> None:
    assert soup(components.pull_quote("Tekst.", repeated=True)).figure["aria-hidden"] == "true"
    assert not soup(components.pull_quote("Tekst.")).figure.has_attr("aria-hidden")


def test_figure_has_text_alternative_and_all_labels() -> None:
    figure = soup(components.kart_og_terreng()).figure
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


@pytest.mark.parametrize(
    ("target", "here", "expected"),
    [
        ("a/b.html", "index.html", "a/b.html"),
        ("a/b.html", "a/c.html", "b.html"),
        ("x.html", "a/b/c.html", "../../x.html"),
    ],
)
def test_relative_url(target: str, here: str, expected: str) -> None:
    assert components.relative_url(target, from_url=here) == expected


def test_page_url_follows_use_directory_urls() -> None:
    assert components.page_url("a/index.md", use_directory_urls=False) == "a/index.html"
    assert components.page_url("a/b.md", use_directory_urls=True) == "a/b/"
    assert components.page_url("a/index.md", use_directory_urls=True) == "a/"


# ------------------------------------------------------------------ pdf_download

PDF_NAME = "guide-til-god-ledelse.pdf"


class _Plugin:
    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.config = {"output_path": PDF_NAME}


def test_pdf_download_links_relative_to_the_page_and_not_without_the_plugin() -> None:
    from macros import pdf_download

    plugins = {"to-pdf": _Plugin(enabled=True)}
    deep = pdf_download.pdf_href(plugins, page_src="a/b/side.md", use_directory_urls=False)
    assert deep == f"../../{PDF_NAME}"
    assert pdf_download.pdf_href({"to-pdf": _Plugin(enabled=False)}, page_src="index.md",
                                 use_directory_urls=False) is None
    assert pdf_download.pdf_href({}, page_src="index.md", use_directory_urls=False) is None
    html = pdf_download.pdf_download(href=deep)
    assert f'href="{deep}"' in html and "data-gl-pdf-size" in html and "Last ned PDF" in html
