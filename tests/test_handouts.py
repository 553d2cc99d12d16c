"""The chapter handouts (overrides/pdf/handouts.py) and the facilitator's page, checked
on the real site built by `make` (`site` fixture). The QR code of each handout is
checked on the SITE_URL build in test_print_design.py, which already makes that build.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin

import pikepdf
import pytest

import guidetext
import test_pdf
from helpers import ROOT, Build, wait_until
from macros.outputs import WORKBOOK, handout, size_label
from overrides.pdf import edition
from sitepages import HANDBOOK, article, html_path, nav_pages, soup

CHAPTERS = {
    1: ("ledelse-pa-dagsordenen/index.md", "Ledelse på dagsordenen"),
    2: ("lykkes-som-leder/index.md", "Hva skal til for å lykkes som leder i kommunal sektor?"),
    3: ("nyttige-tips/index.md", "Nyttige tips, råd og verktøy"),
}
# Where each chapter starts and ends in the source text (tests/guide-til-god-ledelse.txt):
# after the printed table of contents, up to the next chapter and the reference list.
SOURCE_STARTS = ("\n# 1 LEDELSE PÅ DAGSORDENEN", "\n# HVA SKAL TIL FOR Å LYKKES",
                 "\n## 3 NYTTIGE TIPS, RÅD OG VERKTØY", "\n# Referanseliste/litteratur")
FACILITATOR = "nyttige-tips/for-deg-som-leder-en-samling.md"
LONG = 60  # a sentence this long stands in one chapter only
SIZE = re.compile(r"PDF, \d+(,\d)? (kB|MB)")


def handout_name(number: int) -> str:
    return handout(number)


def chapter_units(number: int) -> list[str]:
    """guidetext.units(), for the source text of one chapter."""
    text = guidetext.corrected_source()
    bounds = [text.rindex(start) for start in SOURCE_STARTS]
    found = []
    for block in guidetext.paragraphs(text[bounds[number - 1]:bounds[number]]):
        for sentence in guidetext.SENTENCE_END.split(block):
            unit = guidetext.normalize(sentence)
            if len(unit) > 1:
                found.append(unit)
    return found


@pytest.fixture(scope="module")
def handouts(site: Build) -> dict[int, Path]:
    paths = {n: site.site_dir / handout_name(n) for n in CHAPTERS}
    for path in paths.values():
        assert path.is_file(), f"{path.name} not in the built site"
    return paths


@pytest.fixture(scope="module")
def texts(handouts: dict[int, Path]) -> dict[int, str]:
    """Each handout's text in the type area (no running heads, no folios), as a reader reads it."""
    return {n: guidetext.normalize(test_pdf.join_hyphenated(test_pdf.pdftotext(path)))
            for n, path in handouts.items()}


def foreign_sentences(number: int) -> list[str]:
    """Long sentences of the other chapters that this chapter does not have."""
    own = set(chapter_units(number))
    return [u for other in CHAPTERS if other != number for u in chapter_units(other)
            if len(u) >= LONG and u not in own]


# ------------------------------------------------------------------ the text


def test_chapter_boundaries_split_the_source_into_three_real_chapters() -> None:
    sizes = {n: len(chapter_units(n)) for n in CHAPTERS}
    assert all(size >= 40 for size in sizes.values()), sizes
    assert chapter_units(1)[0].startswith("1 ledelse på dagsordenen")
    assert chapter_units(2)[0].startswith("hva skal til for å lykkes")
    assert chapter_units(3)[0].startswith("3 nyttige tips")


@pytest.mark.parametrize("number", CHAPTERS)
def test_handout_holds_every_sentence_of_its_chapter_and_none_of_the_others(texts, number: int) -> None:
    text = texts[number]
    missing = [unit for unit in chapter_units(number) if unit not in text]
    assert missing == [], f"kapittel {number}: {len(missing)} units missing, first: {missing[:3]}"
    foreign = foreign_sentences(number)
    assert len(foreign) >= 20
    present = [unit for unit in foreign if unit in text]
    assert present == [], f"kapittel {number} holds text of other chapters: {present[:3]}"


def test_chapter_check_sees_another_chapters_text(texts) -> None:
    """Negative control: chapter 1's «none of the others» list finds chapter 2's text
    in chapter 2's handout, and chapter 2's sentences are missing from chapter 1's."""
    assert any(unit in texts[2] for unit in foreign_sentences(1))
    assert any(unit not in texts[1] for unit in chapter_units(2))


@pytest.mark.parametrize("number", CHAPTERS)
def test_handout_opens_with_its_title_page_and_is_numbered_from_1(handouts, number: int) -> None:
    pages = [p for p in subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(handouts[number]), "-"],
                                       capture_output=True, text=True, check=True).stdout.split("\f")[:-1]]
    title = f"Kapittel {number}: {CHAPTERS[number][1]}"
    assert title in " ".join(pages[0].split())
    assert "Originalutgave: KS – Kommunesektorens organisasjon, 2015" in " ".join(pages[0].split())
    # The chapter's opener is page 2: its h1 and no running head.
    assert f"{number} {CHAPTERS[number][1]}".split()[0:3] == " ".join(pages[1].split()).split()[0:3]
    # The folio at the foot of every page but the title page (a :first page, as in a book).
    assert pages[0].split()[-1] != "1"
    for index, page in enumerate(pages[1:], start=2):
        assert page.split()[-1] == str(index), (index, page.split()[-3:])
    assert 4 <= len(pages) <= 20


# ------------------------------------------------------------------ accessibility


@pytest.mark.parametrize("number", CHAPTERS)
def test_handout_is_tagged_pdf_ua_in_norwegian_with_title_and_bookmarks(site: Build, handouts,
                                                                         number: int) -> None:
    with pikepdf.open(handouts[number]) as pdf:
        assert str(pdf.Root.Lang) == "nb"
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        title = f"Guide til god ledelse – Kapittel {number}: {CHAPTERS[number][1]}"
        assert str(pdf.docinfo["/Title"]) == title
        assert str(pdf.docinfo["/Author"]) == "KS"
        assert pdf.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
        assert len(list(test_pdf._struct_elements(pdf.Root.StructTreeRoot, "/H1"))) >= 1
        marks = test_pdf.bookmarks(pdf)
    # The chapter, then its pages one level down, in the navigation's order.
    src = CHAPTERS[number][0]
    folder = src.rsplit("/", 1)[0] + "/"
    pages = [p for p in nav_pages() if p.startswith(folder) and p != src and p != FACILITATOR]
    assert marks[0] == (1, test_pdf.page_title(site, src))
    # The opener's own section «I dette kapittelet» is a bookmark too, as in the handbook.
    titles = [title for level, title in marks if level == 2 and title != "I dette kapittelet"]
    assert titles == [test_pdf.page_title(site, p) for p in pages]
    assert "Til refleksjon" not in [title for _, title in marks]


@pytest.mark.parametrize("number", CHAPTERS)
def test_handout_embeds_only_source_sans_3(handouts, number: int) -> None:
    test_pdf.test_only_source_sans_3_embedded_and_subset(handouts[number])


def test_handout_has_its_chapters_reflection_boxes(handouts) -> None:
    """Chapter 1 has five «Til refleksjon» boxes (docs/_data/reflections.yml), chapter 2
    five, chapter 3 none: each handout has its own, set as in the handbook."""
    counts = {n: test_pdf.pdftotext(path, crop=False).upper().count("TIL REFLEKSJON")
              for n, path in handouts.items()}
    assert counts == {1: 5, 2: 5, 3: 0}


def test_handouts_carry_no_clock_date(handouts) -> None:
    """Byte-reproducible: the PDF's dates are the edition's (SOURCE_DATE_EPOCH or the
    last commit), never the time of the build."""
    state = edition.read_edition(ROOT, None)
    for path in handouts.values():
        with pikepdf.open(path) as pdf:
            for key in ("/CreationDate", "/ModDate"):
                if key in pdf.docinfo:
                    assert str(pdf.docinfo[key]).startswith("D:" + state.date.strftime("%Y%m%d%H%M")), key


# ------------------------------------------------------------------ offered on the site


def _download_links(site: Build, src: str, name: str) -> list:
    page = soup(html_path(site.site_dir, src))
    here = html_path(site.site_dir, src)
    return [a for a in article(page).find_all("a", href=True)
            if (here.parent / unquote(a["href"])).resolve() == (site.site_dir / name).resolve()]


def _size_near(link) -> str:
    box = link.find_parent(["li", "div", "p"])
    found = SIZE.search(box.get_text(" ", strip=True))
    return found[0] if found else ""


@pytest.mark.parametrize("number", CHAPTERS)
def test_chapter_page_and_front_page_offer_the_handout_with_its_size(site: Build, handouts,
                                                                     number: int) -> None:
    label = size_label(handouts[number].stat().st_size)
    for src in (CHAPTERS[number][0], "index.md", FACILITATOR):
        links = _download_links(site, src, handout_name(number))
        assert links, f"{src} does not link to {handout_name(number)}"
        assert [_size_near(link) for link in links] == [label] * len(links), src
    # Only its own chapter's page offers it.
    for other, (src, _) in CHAPTERS.items():
        if other != number:
            assert _download_links(site, src, handout_name(number)) == []


def test_download_boxes_are_web_only(site: Build) -> None:
    page = article(soup(html_path(site.site_dir, CHAPTERS[1][0])))
    box = page.select_one(".gl-pdf-download--handout")
    assert box is not None  # hidden in print by its own stylesheet (pdf_download.css)
    handbook = test_pdf.pdftotext(site.site_dir / HANDBOOK, crop=False)
    # «Om denne utgaven» names the facilitator page among the edition's own texts; the
    # page itself (its heading «Slik kan du legge opp samlingen» and its words) stays out.
    for text in ("Last ned kapittel", "Slik kan du legge opp samlingen", "skrevet for den digitale utgaven",
                 "egner seg godt til ledersamlinger"):
        assert text not in " ".join(handbook.split()), text


# ------------------------------------------------------------------ the facilitator's page


def test_facilitator_page_is_in_the_navigation_under_nyttige_tips() -> None:
    pages = nav_pages()
    assert FACILITATOR in pages
    assert pages.index("nyttige-tips/index.md") < pages.index(FACILITATOR)


def test_facilitator_page_lists_each_chapters_boxes_handout_and_the_workbook(site: Build) -> None:
    import yaml

    from helpers import ROOT

    reflections = yaml.safe_load((ROOT / "docs/_data/reflections.yml").read_text(encoding="utf-8"))
    path = html_path(site.site_dir, FACILITATOR)
    page = article(soup(path))
    text = page.get_text(" ", strip=True)
    assert "står ikke i KS" in text and "Den er skrevet for den digitale utgaven." in text
    listed = page.select("[data-gl-facilitator-box]")
    assert [item["data-gl-facilitator-box"] for item in listed] == list(reflections)
    for item in listed:  # each link leads to the page where the box stands, to the box
        href = item.a["href"]
        target, _, fragment = href.partition("#")
        target_page = soup((path.parent / target).resolve())
        assert target_page.find(id=fragment) is not None, href
        assert target_page.find(id=fragment).get("data-gl-reflection") == item["data-gl-facilitator-box"]
    sections = page.select(".gl-facilitator__chapter")
    headings = [s.find("h2").get_text(" ", strip=True) for s in sections]
    assert headings == [f"{n} {title}" for n, (_, title) in CHAPTERS.items()] + ["Arbeidsheftet"]
    for number, section in zip(CHAPTERS, sections, strict=False):
        hrefs = [urljoin("nyttige-tips/", a["href"]) for a in section.find_all("a", href=True)]
        assert handout_name(number) in hrefs
    workbook_links = _download_links(site, FACILITATOR, WORKBOOK)
    assert workbook_links
    label = size_label((site.site_dir / WORKBOOK).stat().st_size)
    assert _size_near(workbook_links[0]) == label


def test_without_site_url_a_handout_has_no_code(handouts, tmp_path: Path) -> None:
    from test_print_design import decode_qr_codes

    for path in handouts.values():
        assert decode_qr_codes(path, 1, tmp_path) == []
        assert "Kapittelet på nettet" not in test_pdf.pdftotext(path, crop=False)


# ------------------------------------------------------------------ Storskjerm on the facilitator's page


def _reflections() -> dict:
    import yaml

    from helpers import ROOT

    return yaml.safe_load((ROOT / "docs/_data/reflections.yml").read_text(encoding="utf-8"))


def test_facilitator_storskjerm_buttons_match_the_boxes_own(site: Build) -> None:
    """Each box listed has «Vis på storskjerm», hidden until the script runs, with the
    chapter and title the box's own button shows, and the box's questions as its source."""
    path = html_path(site.site_dir, FACILITATOR)
    page = article(soup(path))
    reflections = _reflections()
    for key, entry in reflections.items():
        item = page.select_one(f"#samling-{key}")
        button = item.select_one("button[data-gl-storskjerm]")
        assert button is not None and button.has_attr("hidden"), key
        assert button["data-gl-storskjerm"] == f"samling-{key}"
        questions = [q.get_text(" ", strip=True) for q in item.select(button["data-gl-storskjerm-items"])]
        assert questions == [question["text"] for question in entry["questions"]], key
        href = item.a["href"].partition("#")[0]
        own = soup((path.parent / href).resolve()).select_one(f"#refleksjon-{key} button[data-gl-storskjerm]")
        for attribute in ("data-gl-storskjerm-chapter", "data-gl-storskjerm-title",
                          "data-gl-storskjerm-unit"):
            assert button[attribute] == own[attribute], (key, attribute)
        assert not item.select("[data-gl-question], textarea, input")  # nothing for answers


def test_facilitator_storskjerm_opens_steps_and_returns_focus(page, base_url: str) -> None:
    from playwright.sync_api import expect

    from test_seminar_pack import shown

    page.goto(base_url + FACILITATOR.replace(".md", ".html"))
    dialog = page.locator("dialog.gl-storskjerm")
    for key, entry in _reflections().items():
        questions = [question["text"] for question in entry["questions"]]
        # The buttons are hidden until the script has run (on a busy machine, after the load).
        expect(page.locator(f"#samling-{key} .gl-storskjerm__button")).to_be_visible()
        page.locator(f"#samling-{key} > a").focus()
        page.keyboard.press("Tab")
        button = page.locator(f"#samling-{key} .gl-storskjerm__button")
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        expect(dialog).to_be_visible()
        assert page.locator(".gl-storskjerm__chapter").inner_text() == button.get_attribute(
            "data-gl-storskjerm-chapter")
        for i, question in enumerate(questions):
            assert shown(page) == (f"SPØRSMÅL {i + 1} AV {len(questions)}", question), (key, i)
            page.keyboard.press("PageDown")
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(button).to_be_focused()
        # Closing leaves full screen too; the browser does that after the dialog has closed.
        wait_until(page, "() => !document.fullscreenElement")
        expect(button).to_be_focused()
