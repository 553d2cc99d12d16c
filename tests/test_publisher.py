"""Words a reader can trust (issue 24): who publishes the edition, what is KS' and what
the edition adds, and no promise a chapter cannot keep.

- The edition's publisher is ONE setting, `extra.publisher` in mkdocs.yml, used in the
  footer, the PDFs' title pages and back covers, the workbook, the accessibility
  statement, «Personvern» and the pages' author: checked in the real build (KS), the
  publisher's build (another publisher, given as PUBLISHER_* at build time) and a build
  with none (PUBLISHER_NAME empty), in HTML and in the PDFs' text.
- Every addition the front page and the chapters carry is marked «Tillegg i den digitale
  utgaven» (tests/test_web_polish.py checks the sentences; here the sections).
- A chapter without «Til refleksjon» boxes is never offered with lines to write on, and
  the texts that name where the questions come from name those chapters.
- «Stikkordregister» never points into the corrections table.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

import background
import test_pdf
from background import BUILDS
from helpers import ROOT, Build
from macros.components import pdf_download
from macros.outputs import WORKBOOK, handout
from overrides.pdf import edition
from sitepages import HANDBOOK, article, html_path, soup

ORIGINAL = "Originalutgave: KS – Kommunesektorens organisasjon, 2015"
OTHER = background.PUBLISHER
ADDITION = "Tillegg i den digitale utgaven"
STATEMENT = "tilgjengelighetserklaering.md"
PRIVACY = "personvern.md"

background.published(__name__)  # built with OTHER as its publisher (background.py)
BUILDS.site("no_publisher", pdf=True, env={"PUBLISHER_NAME": ""}, after=background.AFTER_SITE,
            module=__name__)


def flat(text: str) -> str:
    return " ".join(text.split())


def footer_lines(build: Build, src: str = "index.md") -> list[str]:
    page = soup(html_path(build.site_dir, src))
    return [flat(span.get_text(" ")) for span in page.select(".md-footer .gl-edition__line")]


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    return flat(test_pdf.pdftotext(path, crop=False, first=first, last=last))


def pages_of(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


# ------------------------------------------------------------------ the setting itself


def test_publisher_setting_reads_name_address_and_contact() -> None:
    assert edition.read_publisher({}) is None
    assert edition.read_publisher({"publisher": {"name": None, "email": "x@y.no"}}) is None
    assert edition.read_publisher({"publisher": {"name": "  "}}) is None
    ks = edition.read_publisher({"publisher": {"name": "KS – Kommunesektorens organisasjon",
                                               "phone": 24132600}})
    assert ks.is_ks and ks.phone == "24132600"
    other = edition.read_publisher({"publisher": {"name": "Eksempel kommune", "address": "Rådhusgata 1",
                                                  "email": "post@eksempel.no"}})
    assert not other.is_ks
    assert other.contact == "Rådhusgata 1 · e-post post@eksempel.no"
    with pytest.raises(ValueError, match="unknown keys"):
        edition.read_publisher({"publisher": {"name": "X", "adresse": "Y"}})


def test_real_config_names_one_publisher_setting() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_author" not in config.split("extra:")[0]  # the author comes from the publisher
    assert re.search(r"^  publisher:\n    name: ", config, re.M)


@pytest.mark.parametrize(("publisher", "digital"), [
    (None, "Digital utgave, sist oppdatert 1.\u00a0juni 2015"),
    (edition.Publisher("KS"), "Digital utgave: KS, sist oppdatert 1.\u00a0juni 2015"),
    (edition.Publisher("Eksempel kommune"),
     "Digital utgave: Eksempel kommune, sist oppdatert 1.\u00a0juni 2015"),
])
def test_edition_lines_name_the_publisher_or_none(publisher: edition.Publisher | None, digital: str) -> None:
    state = edition.read_edition(ROOT, None, env={"SOURCE_DATE_EPOCH": "1433116800"}, publisher=publisher)
    assert state.lines == [ORIGINAL, digital]


@pytest.mark.parametrize("publisher", [None, edition.Publisher("Eksempel kommune", "Rådhusgata 1")])
def test_title_verso_and_back_cover_templates(publisher: edition.Publisher | None) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides/pdf"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    state = edition.Edition(publisher=publisher)
    verso = flat(re.sub("<[^>]+>", " ", env.get_template("verso.html.j2").render(
        title="T", subtitle="S", edition=state, copyright="Guidens tekst © KS", web=None)))
    back = flat(re.sub("<[^>]+>", " ", env.get_template("back_cover.html.j2").render(
        cover_title="T", copyright="Guidens tekst © KS",
        edition={"lines": state.lines, "publisher": publisher})))
    for text in (verso, back):
        assert ORIGINAL in text and "Utgitt av" not in text
        if publisher is None:
            assert "Digital utgave " in text + " " and "Digital utgave:" not in text
        else:
            assert "Digital utgave: Eksempel kommune" in text and "Rådhusgata 1" in text


# ------------------------------------------------------------------ the three builds


def test_real_build_says_ks_publishes_the_digital_edition(site: Build) -> None:
    lines = footer_lines(site)
    assert lines[0] == ORIGINAL + "."
    assert lines[1].startswith("Digital utgave: KS – Kommunesektorens organisasjon, sist oppdatert")
    page = soup(html_path(site.site_dir, "index.md"))
    assert page.find("meta", attrs={"name": "author"})["content"] == "KS – Kommunesektorens organisasjon"
    assert "KS gir selv ut den digitale utgaven." in article(
        soup(html_path(site.site_dir, "om-denne-utgaven.md"))).get_text(" ")


def test_another_publisher_is_named_everywhere(published: Build) -> None:
    name = OTHER["PUBLISHER_NAME"]
    for src in ("index.md", "ledelse-pa-dagsordenen/index.md", STATEMENT):
        assert footer_lines(published, src)[1].startswith(f"Digital utgave: {name}, sist oppdatert")
    page = soup(html_path(published.site_dir, "index.md"))
    assert page.find("meta", attrs={"name": "author"})["content"] == name
    statement = flat(article(soup(html_path(published.site_dir, STATEMENT))).get_text(" "))
    assert f"{name} er ansvarlig for nettstedet, med adresse {OTHER['PUBLISHER_ADDRESS']}." in statement
    assert OTHER["PUBLISHER_EMAIL"] in statement and OTHER["PUBLISHER_PHONE"] in statement
    assert "ks@ks.no" not in statement
    privacy = flat(article(soup(html_path(published.site_dir, PRIVACY))).get_text(" "))
    assert f"ikke sendt til {name}" in privacy and OTHER["PUBLISHER_EMAIL"] in privacy
    about = flat(article(soup(html_path(published.site_dir, "om-denne-utgaven.md"))).get_text(" "))
    assert f"Den digitale utgaven er gitt ut av {name}. Guidens tekst er KS' egen." in about
    # In the PDFs: the handbook's title verso and back cover, each handout, the workbook.
    handbook = published.site_dir / HANDBOOK
    verso, back = pdf_text(handbook, 2), pdf_text(handbook, pages_of(handbook))
    for text in (verso, back, pdf_text(published.site_dir / handout(1), 1),
                 pdf_text(published.site_dir / WORKBOOK)):
        assert ORIGINAL in text
        assert f"Digital utgave: {name}" in text
        assert OTHER["PUBLISHER_ADDRESS"] in text
        assert "Utgitt av KS" not in text
    assert "Postboks 1378 Vika" in back  # KS' own contact, the guide's text, stays


@pytest.mark.real_site
def test_without_a_publisher_the_edition_claims_none() -> None:
    build = BUILDS.result("no_publisher")
    assert build.returncode == 0, build.output
    for src in ("index.md", STATEMENT):
        assert footer_lines(build, src)[1].startswith("Digital utgave, sist oppdatert")
    page = soup(html_path(build.site_dir, "index.md"))
    assert page.find("meta", attrs={"name": "author"}) is None
    statement = flat(article(soup(html_path(build.site_dir, STATEMENT))).get_text(" "))
    assert "oppgir ingen utgiver" in statement and "organisasjon er ansvarlig" not in statement
    assert "er ansvarlig for nettstedet, med adresse" not in statement
    handbook = build.site_dir / HANDBOOK
    for text in (pdf_text(handbook, 2), pdf_text(handbook, pages_of(handbook)),
                 pdf_text(build.site_dir / handout(3), 1), pdf_text(build.site_dir / WORKBOOK)):
        assert ORIGINAL in text and "Digital utgave" in text
        assert "Digital utgave:" not in text and "Utgitt av" not in text


# ------------------------------------------------------------------ marks and promises


def test_front_page_additions_are_marked(site: Build) -> None:
    content = article(soup(html_path(site.site_dir, "index.md")))
    for heading in ("Slik bruker du guiden", "Til ledersamlinger"):
        found = content.find("h2", string=re.compile(heading))
        assert found is not None, heading
        passage = found.find_next_sibling()
        assert "gl-editorial" in passage["class"], heading
        assert passage.select_one(".gl-editorial__label").get_text(strip=True) == ADDITION
    # And in the handbook, where «Slik bruker du guiden» stands on the front page.
    assert ADDITION.upper() in pdf_text(site.site_dir / HANDBOOK, 4).upper()


def test_storskjerm_prompt_of_a_skill_card_is_marked_not_counted() -> None:
    script = (ROOT / "macros/components/storskjerm/storskjerm.js").read_text(encoding="utf-8")
    assert f'const ADDITION = "{ADDITION}";' in script
    assert "index < counted ? `${view.unit} ${index + 1} av ${counted}` : ADDITION" in script
    assert "Bla med piltastene, mellomromstasten eller Page Up/Page Down, eller sveip. " \
           "Trykk Esc for å lukke." in script


def chapters_with_questions() -> set[int]:
    """The chapters (by number) whose pages hold a «Til refleksjon» box."""
    places = {}
    for path in (ROOT / "docs").rglob("*.md"):
        for key in re.findall(r'reflection\("([^"]+)"\)', path.read_text(encoding="utf-8")):
            places[key] = path.relative_to(ROOT / "docs").parts[0]
    chapters = pdf_download.handout_chapters(ROOT / "docs")
    folders = {Path(c["src"]).parts[0]: n for n, c in chapters.items()}
    return {folders[folder] for folder in places.values() if folder in folders}


def test_no_handout_promises_questions_its_chapter_does_not_have(site: Build) -> None:
    asked = chapters_with_questions()
    assert asked == {1, 2}
    for number, chapter in pdf_download.handout_chapters(ROOT / "docs").items():
        box = article(soup(html_path(site.site_dir, chapter["src"]))).select_one(".gl-pdf-download--handout")
        promises = "refleksjonsspørsmål" in box.get_text(" ")
        assert promises == (number in asked), number
    phrase = pdf_download.chapters_phrase([f"{n} X" for n in sorted(asked)])
    assert phrase == "kapittel 1 og 2"
    facilitator = flat(article(soup(html_path(site.site_dir, "nyttige-tips/for-deg-som-leder-en-samling.md")))
                       .get_text(" "))
    assert f"Alle refleksjonsspørsmålene fra {phrase}," in facilitator
    assert "de tre kapitlene" not in facilitator
    workbook = pdf_text(site.site_dir / WORKBOOK)
    assert f"refleksjonsspørsmålene fra {phrase} i «Guide til god ledelse»" in workbook


def test_chapters_phrase() -> None:
    assert pdf_download.chapters_phrase(["1 A"]) == "kapittel 1"
    assert pdf_download.chapters_phrase(["1 A", "2 B", "3 C"]) == "kapittel 1, 2 og 3"
    with pytest.raises(pdf_download.ComponentError):
        pdf_download.chapters_phrase(["Forord"])


def test_index_anchors_skip_the_corrections_table() -> None:
    from bs4 import BeautifulSoup

    from overrides.pdf import pdf_event_hook

    html = ('<body><article data-url="/om/"><p>Skjemaet</p><div class="gl-corrections"><table><tr>'
            '<td>verktøy</td></tr></table></div><p>Et verktøy her.</p></article></body>')
    page = BeautifulSoup(html, "html.parser")
    terms = [("verktøy", re.compile(r"(?<!\w)verktøy(?!\w)"))]
    found = pdf_event_hook.place_index_anchors(page, terms)
    assert len(found["verktøy"]) == 1
    assert found["verktøy"][0].find_parent(class_="gl-corrections") is None


def test_index_never_points_into_the_corrections_table(site: Build) -> None:
    pages = test_pdf.pdftotext(site.site_dir / HANDBOOK, crop=False).split("\f")
    start = next(n for n, page in enumerate(pages, start=1)
                 if "Rettelser" in page and "Trykt tekst" in page)
    index = next(n for n, page in enumerate(pages, start=1)
                 if "Stikkordregister" in page.split("\n")[:4] and n > start)
    table = range(start + 1, index)  # the pages the table fills after its heading's page
    assert table, "the corrections table fills no page of its own"
    entries = " ".join(pages[index - 1:-2])
    listed = {int(n) for n in re.findall(r"(?<=[\s,])(\d{1,3})(?=[,\s])", entries)}
    assert not listed & set(table), sorted(listed & set(table))


def test_chapter_web_link_promises_questions_only_where_there_are_some(published: Build) -> None:
    asked = chapters_with_questions()
    for number in pdf_download.handout_chapters(ROOT / "docs"):
        opening = pdf_text(published.site_dir / handout(number), 1)
        assert "Kapittelet på nettet" in opening
        assert ("refleksjonsspørsmål" in opening) == (number in asked), number


def test_a_date_is_never_split_between_day_and_month() -> None:
    from datetime import datetime

    assert edition.norwegian_date(datetime(2026, 12, 5)) == "5.\u00a0desember 2026"
