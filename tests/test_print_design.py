"""The handbook and the workbook as designed print (issue 8): pages that are not near
blank, a readable measure, a real «Stikkordregister», only print matter, the edition
line, and the web address with QR codes that lead to pages the build produced.

Page fullness and line lengths are measured on the PDFs' text boxes (tests/pdflayout.py,
poppler's `pdftotext -bbox-layout`). QR codes are rendered with pdftoppm and decoded
with zxing-cpp.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pikepdf
import pytest
import yaml

import background
import pdflayout
from helpers import ROOT, Build
from macros.outputs import WORKBOOK
from macros.outputs import handout as handout_file
from overrides.pdf import edition
from sitepages import HANDBOOK, soup

# Type areas (mm from the top and the bottom edge): overrides/pdf/styles.scss, workbook.css.
MARGINS = {HANDBOOK: (20, 20), WORKBOOK: (20, 22)}
QUARTER = 0.25
SITE_URL = background.PUBLISHED_URL
WEB_ONLY_TITLES = ("Tilgjengelighetserklæring", "Personvern", "Emner", "Mine refleksjoner")
# From the statement, «Personvern» and the front page's web-only lines. (The tools behind
# the tests are named on «Om denne utgaven», which the handbook has.)
WEB_ONLY_TEXT = ("Diskrimineringsnemnda", "informasjonskapsler", "Under «Emner» finner du",
                 "rett på nettsiden")
INDEX_TITLE = "Stikkordregister"
HYPHEN = "\u2010"


TYPE_AREA = ["-x", "0", "-y", "57", "-W", "596", "-H", "728"]  # points: no running head, no folio


def page_texts(pdf: Path, *, crop: bool = False) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8", *(TYPE_AREA if crop else [])]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(re.sub(rf"{HYPHEN}\s*\n\s*", "", page).split()) for page in out.split("\f")[:-1]]


@pytest.fixture(scope="module")
def handbook(site: Build) -> Path:
    return site.site_dir / HANDBOOK


@pytest.fixture(scope="module")
def workbook(site: Build) -> Path:
    return site.site_dir / WORKBOOK


background.published(__name__)  # the real site built strict with SITE_URL set (`published`)


# ------------------------------------------------------------------ pagination


def chapter_last_pages(pdf: Path) -> set[int]:
    """Pages right before a page that opens a chapter (their bookmarks at level 1)."""
    with pikepdf.open(pdf) as document:
        numbers = {page.objgen: i for i, page in enumerate(document.pages, start=1)}
        with document.open_outline() as outline:
            starts = {numbers[(item.destination if item.destination is not None else item.action.D)[0].objgen]
                      for item in outline.root}
    return {start - 1 for start in starts}


@pytest.mark.parametrize("name", [HANDBOOK, WORKBOOK])
def test_no_page_is_under_a_quarter_full(site: Build, name: str) -> None:
    pdf = site.site_dir / name
    pages = pdflayout.read_pages(pdf)[1:-1]  # cover and back cover aside
    top, bottom = MARGINS[name]
    sparse = [(page.number, round(pdflayout.fullness(page, top, bottom), 2)) for page in pages
              if pdflayout.fullness(page, top, bottom) < QUARTER]
    if name == HANDBOOK:  # one page where a chapter (or the front or back matter) ends
        assert len(sparse) <= 1, sparse
        assert all(number in chapter_last_pages(pdf) for number, _ in sparse), sparse
    else:
        assert sparse == []


def test_fullness_sees_a_near_blank_page() -> None:
    """Negative control: three lines at the top of a page are far under a quarter."""
    lines = [pdflayout.Line(1, 70, 60 + 15 * i, 400, 74 + 15 * i, "tekst på linjen", False) for i in range(3)]
    assert pdflayout.fullness(pdflayout.Page(1, 595.28, 841.89, lines), 20, 20) < 0.1


# ------------------------------------------------------------------ measure


@pytest.mark.parametrize("name", [HANDBOOK, WORKBOOK])
def test_body_lines_have_a_readable_length(site: Build, name: str) -> None:
    """Full lines of body text (commonest type size; headings, running heads, folios and
    each paragraph's last line excluded): the 90th percentile at most 85 characters."""
    lengths = pdflayout.body_line_lengths(pdflayout.read_pages(site.site_dir / name)[1:-1])
    assert len(lengths) >= 20
    assert pdflayout.percentile(lengths, 0.9) <= 85, sorted(lengths)[-10:]
    if name == HANDBOOK:
        assert 60 <= statistics.median(lengths) <= 80


def test_line_length_measure_sees_a_full_width_line() -> None:
    """Negative control: the old full-width lines (105–112 characters) fail the rule."""
    text = ("Ledere i kommunal sektor scorer høyt på nytenkning, støtte og målrettet grundighet, "
            "og får gode tilbake")
    lines = [pdflayout.Line(1, 56, 60 + 15 * i, 534, 75 + 15 * i, text, False) for i in range(10)]
    assert pdflayout.percentile(pdflayout.body_line_lengths([pdflayout.Page(1, 595, 842, lines)]), 0.9) > 85


def test_no_hyphenation_in_text_set_larger_than_the_body(handbook: Path) -> None:
    """Headings, pull quotes and the chapter openers' lead are set larger than the body
    text; none of their lines ends in a hyphenation hyphen (body text may)."""
    lines = [line for page in pdflayout.read_pages(handbook)[1:-1] for line in page.lines]
    body = statistics.mode(line.height for line in lines)
    larger = [line for line in lines if line.height > body + 0.6]
    assert len(larger) >= 50
    assert [line.text for line in larger if line.text.endswith(HYPHEN)] == []
    assert any(line.text.endswith(HYPHEN) for line in lines if abs(line.height - body) <= 0.6)


# ------------------------------------------------------------------ «Stikkordregister»


def index_entries(pages: list[str]) -> dict[str, list[int]]:
    """«term 7, 12, 30» entries from the index pages' text (letter heads dropped)."""
    text = " ".join(pages).replace(INDEX_TITLE, " ")
    text = re.sub(r"(?<!\S)[A-ZÆØÅ](?=\s)", " ", text)  # the letter heads
    entries = {}
    for term, numbers in re.findall(r"([^\d,]+?)\s+(\d+(?:\s*,\s*\d+)*)", text):
        entries[term.strip()] = [int(n) for n in re.split(r"\s*,\s*", numbers)]
    return entries


def term_forms() -> dict[str, re.Pattern[str]]:
    """What counts as the term on a page: a glossary term's forms, a tag as a word start."""
    forms: dict[str, list[str]] = {}
    for entry in yaml.safe_load((ROOT / "docs/_data/glossary.yml").read_text(encoding="utf-8")):
        forms[entry["term"].lower()] = [re.escape(str(f)) for f in entry["forms"]]
    return forms


def test_index_has_20_entries_pointing_to_pages_that_hold_them(handbook: Path) -> None:
    texts = page_texts(handbook, crop=True)
    first = next(i for i, t in enumerate(texts) if t.startswith(INDEX_TITLE) and i > 3)
    entries = index_entries(texts[first:-1])
    assert len(entries) >= 20, entries
    glossary = term_forms()
    wrong = []
    for term, numbers in entries.items():
        forms = glossary.get(term.lower(), [re.escape(term)])
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(forms) + ")", re.I if term.islower() else 0)
        assert numbers == sorted(set(numbers)), (term, numbers)
        for number in numbers:
            if not pattern.search(texts[number - 1]) or number - 1 >= first:
                wrong.append((term, number))
    assert wrong == []


def test_index_anchors_never_split_a_link() -> None:
    """A term in a link is anchored by the link itself: a span inside the link would get a
    link annotation of its own, tagged Span, not Link (veraPDF, PDF/UA-1 7.18.5). Out of
    links the term gets its span; a handout drops both kinds of anchor."""
    from bs4 import BeautifulSoup

    from overrides.pdf.pdf_event_hook import place_index_anchors

    html = ('<body><article data-url="a/"><section data-url="a/b/">'
            '<p>Se <a class="x" href="#v">Å lede med tydelige <b>verdier</b> og mål (s. 8)</a>'
            ' om verdier.</p>'
            '<p><a id="own" href="#t">tillit</a> og tillit.</p></section></article></body>')
    document = BeautifulSoup(html, "html.parser")
    terms = [(word, re.compile(rf"(?<!\w){word}(?!\w)")) for word in ("verdier", "mål", "tillit")]
    found = place_index_anchors(document, terms)
    values, goals, trust = found["verdier"][0], found["mål"][0], found["tillit"][0]
    assert values.name == "a" and values["id"] and values.select("span") == []
    assert goals is values  # one link anchors both terms
    assert values.get_text() == "Å lede med tydelige verdier og mål (s. 8)"
    assert trust.name == "span" and trust.find_parent("a") is None  # the link has an id of its own
    assert document.select("a span") == []

    from overrides.pdf.pdf_links import drop_index_anchor, drop_index_anchors

    drop_index_anchor(values)
    assert values.attrs == {"class": ["x"], "href": "#v"}
    drop_index_anchors(document)
    assert document.select("[id^=gl-index]") == [] and document.find(id="own") is not None
    assert "og tillit." in document.get_text()


def test_index_parser_sees_a_wrong_page(handbook: Path) -> None:
    """Negative control: an entry pointing at the cover would be caught."""
    texts = page_texts(handbook)
    assert not re.search(r"(?i)(?<!\w)tillit", texts[0])
    entries = index_entries([f"{INDEX_TITLE} T tillit 1, 9 U utvikling 3"])
    assert entries == {"tillit": [1, 9], "utvikling": [3]}


# ------------------------------------------------------------------ print matter only


def test_web_only_pages_and_lines_are_not_in_the_handbook(handbook: Path) -> None:
    texts = page_texts(handbook)
    whole = " ".join(texts)
    for title in WEB_ONLY_TITLES:
        assert not any(t.startswith(title) for t in texts[3:]), title
    for text in WEB_ONLY_TEXT:
        assert text not in whole, text
    with pikepdf.open(handbook) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert INDEX_TITLE in titles
    assert not set(WEB_ONLY_TITLES) & set(titles)


# ------------------------------------------------------------------ edition


def test_edition_line_on_the_title_verso_and_in_the_site_footer(site: Build, handbook: Path) -> None:
    verso = " ".join(page_texts(handbook)[1].split())
    page = soup(site.site_dir / "index.html")
    footer = page.select_one(".md-footer .gl-edition")
    assert footer is not None
    lines = [" ".join(span.get_text(" ", strip=True).split()).removesuffix(".")
             for span in footer.select(".gl-edition__line")]
    assert lines[0] == "Originalutgave: KS – Kommunesektorens organisasjon, 2015"
    assert lines[1].startswith("Digital utgave: KS – Kommunesektorens organisasjon, sist oppdatert ")
    assert all(line in verso for line in lines), (lines, verso)
    assert re.search(r"\d{1,2}\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober|"
                     r"november|desember) \d{4}$", lines[1])
    # No commit id where readers read; the version is where an editor looks for it.
    assert not re.search(r"\b[0-9a-f]{7}\b", footer.get_text(" ") + verso)
    commit = page.find("meta", attrs={"name": "version"})["content"]
    # The commit the build ran on: HEAD, or its ancestor if a commit came during the tests.
    assert subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", commit, "HEAD"],
                          check=False).returncode == 0
    assert f"Versjonsnummer: {commit}." in soup(site.site_dir / "om-denne-utgaven.html").get_text(" ")


def test_edition_date_is_source_date_epoch_or_the_last_commit_never_the_clock() -> None:
    fixed = edition.read_edition(ROOT, None, env={"SOURCE_DATE_EPOCH": "1433116800"})
    assert fixed.digital.endswith("sist oppdatert 1.\u00a0juni 2015")
    assert fixed.version == fixed.commit and fixed.commit not in fixed.line
    last = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True,
                          text=True, check=True).stdout.strip()
    assert edition.read_edition(ROOT, None, env={}).date.timestamp() == int(last)


# ------------------------------------------------------------------ web address and QR codes


def decode_qr_codes(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(pdf),
                    str(prefix)], check=True)
    image = next(tmp_path.glob(f"{prefix.name}*.png"))
    found = [code.text for code in zxingcpp.read_barcodes(Image.open(image))
             if code.format == zxingcpp.BarcodeFormat.QRCode]
    image.unlink()
    return found


def built_file(build: Build, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = urlparse(url).path[len(urlparse(SITE_URL).path):] or "index.html"
    return build.site_dir / (path + "index.html" if path.endswith("/") else path)


def test_qr_codes_decode_to_pages_the_build_produced(published: Build, tmp_path: Path) -> None:
    handbook, workbook = published.site_dir / HANDBOOK, published.site_dir / WORKBOOK
    with pikepdf.open(handbook) as pdf:
        pages = len(pdf.pages)
    # A chapter opener is one page, or two when the chapter's introduction is long.
    openers = sorted(chapter_last_pages(handbook) - {0})
    codes = {page: decode_qr_codes(handbook, page, tmp_path)
             for page in [2, pages, *[p + 1 for p in openers], *[p + 2 for p in openers]]}
    assert codes[2] == [SITE_URL] and codes[pages] == [SITE_URL]
    chapter_codes = [c for page, found in codes.items() if page not in (2, pages) for c in found]
    assert len(chapter_codes) == 3, codes
    for url in chapter_codes:
        assert built_file(published, url).is_file(), url
        assert url.endswith("/index.html") and url != SITE_URL + "index.html"
    with pikepdf.open(workbook) as pdf:
        last = len(pdf.pages)
    assert decode_qr_codes(workbook, 2, tmp_path) == [SITE_URL]
    assert decode_qr_codes(workbook, last, tmp_path) == [SITE_URL]
    address = SITE_URL.split("://")[1].rstrip("/")
    for pdf, page in ((handbook, 2), (handbook, pages), (workbook, 2), (workbook, last)):
        assert address in page_texts(pdf)[page - 1]


def test_without_site_url_no_code_no_address_and_one_info_line(site: Build, tmp_path: Path) -> None:
    if os.environ.get("SITE_URL"):
        pytest.fail("run the suite without SITE_URL: the `site` fixture is the build without it")
    handbook, workbook = site.site_dir / HANDBOOK, site.site_dir / WORKBOOK
    assert decode_qr_codes(handbook, 2, tmp_path) == []
    assert decode_qr_codes(workbook, 2, tmp_path) == []
    assert "QR-kode" not in " ".join(page_texts(handbook) + page_texts(workbook))
    assert "Guiden på nettet" not in " ".join(page_texts(handbook) + page_texts(workbook))
    assert site.warnings == []
    assert sum("SITE_URL is not set" in line for line in site.output.splitlines()) == 1


HANDOUT_CHAPTERS = {1: "ledelse-pa-dagsordenen/index.html", 2: "lykkes-som-leder/index.html",
                    3: "nyttige-tips/index.html"}


def test_handout_qr_codes_decode_to_their_chapter_pages(published: Build, tmp_path: Path) -> None:
    """Each chapter handout (tests/test_handouts.py) has one code, on its title page, to
    its chapter's web page; the opener after it does not repeat it."""
    for number, page_url in HANDOUT_CHAPTERS.items():
        handout = published.site_dir / handout_file(number)
        assert decode_qr_codes(handout, 1, tmp_path) == [SITE_URL + page_url]
        assert built_file(published, SITE_URL + page_url).is_file()
        assert decode_qr_codes(handout, 2, tmp_path) == []
        address = (SITE_URL + page_url).split("://")[1]
        assert address in page_texts(handout)[0].replace(" ", "")  # the address may wrap
