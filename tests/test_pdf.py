"""The printable handbook, checked on the PDF built with the real site (`site` fixture).

Text is read with poppler's pdftotext, cropped to the type area so that running
headers and page numbers do not interrupt sentences that run over a page break.
"""

from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pikepdf
import pytest

import background
import guidetext
from background import BUILDS
from helpers import ROOT, Build
from macros.outputs import PDF_SIZE, size_label
from overrides.hooks.print_links import mark_external_links
from overrides.pdf import pdf_fonts
from sitepages import HANDBOOK as PDF_NAME
from sitepages import article, floating_texts, html_path, nav_pages, pdf_pages, soup

EDITION_PAGE = "om-denne-utgaven.md"
CONTACT_PAGE = "kontakt.md"  # quotes the uncorrected text, as in test_site.py
MAX_BYTES = 2_000_000
A4 = (595.28, 841.89)
TYPE_AREA = {"-x": 0, "-y": 57, "-W": 596, "-H": 728}  # points: between running head and folio (20 mm)
HYPHEN = "\u2010"  # the PDF's hyphenation character (overrides/pdf/styles.scss)
CHAPTERS = ("1 Ledelse på dagsordenen", "2 Hva skal til for å lykkes som leder i kommunal sektor?",
            "3 Nyttige tips, råd og verktøy")


@pytest.fixture(scope="module")
def pdf_path(site: Build) -> Path:
    path = site.site_dir / PDF_NAME
    assert path.is_file(), f"{PDF_NAME} not in the built site"
    return path


@pytest.fixture(scope="module")
def pdf(pdf_path: Path):
    with pikepdf.open(pdf_path) as document:
        yield document


def pdftotext(path: Path, *, crop: bool = True, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if crop:
        args += [str(part) for item in TYPE_AREA.items() for part in item]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def join_hyphenated(text: str) -> str:
    """Undo the PDF's hyphenation: a U+2010 at a line end joins the word again."""
    return re.sub(rf"{HYPHEN}\s*\n\s*", "", text)


def page_title(site: Build, src: str) -> str:
    return article(soup(html_path(site.site_dir, src))).find("h1").get_text(" ", strip=True)


def bookmark_pages(pdf) -> dict[str, int]:
    """Top-level bookmark titles and the (1-based) page each one points at."""
    numbers = {page.objgen: i for i, page in enumerate(pdf.pages, start=1)}
    found = {}
    with pdf.open_outline() as outline:
        for item in outline.root:
            destination = item.destination if item.destination is not None else item.action.D
            found[item.title] = numbers[destination[0].objgen]
    return found


@pytest.fixture(scope="module")
def pdf_text(site: Build, pdf_path: Path, pdf) -> tuple[str, list[str]]:
    """The body text, without cover, title verso and «Innhold» (they repeat the titles),
    without «Om denne utgaven» and «Stikkordregister» (the last pages before the back
    cover), with the back cover (KS' contact details, from «Kontakt KS»)."""
    starts = bookmark_pages(pdf)
    pages = pdf_pages()
    first = starts[page_title(site, pages[0])]
    edition = starts[page_title(site, EDITION_PAGE)]
    assert pages[-1] == EDITION_PAGE and "Stikkordregister" in starts
    body = (pdftotext(pdf_path, first=first, last=edition - 1)
            + pdftotext(pdf_path, crop=False, first=len(pdf.pages)))
    text = guidetext.normalize(join_hyphenated(body))
    floating = [guidetext.normalize(t) for t in floating_texts(site.site_dir, skip=(EDITION_PAGE,))]
    return text, floating


# ------------------------------------------------------------------ the file


def test_pdf_is_a4_small_and_of_a_sane_length(pdf_path: Path, pdf) -> None:
    assert pdf_path.stat().st_size <= MAX_BYTES
    assert 30 <= len(pdf.pages) <= 80
    for page in pdf.pages:
        box = [float(v) for v in page.mediabox]
        assert (round(box[2] - box[0], 1), round(box[3] - box[1], 1)) == pytest.approx(A4, abs=0.5)


def test_pdf_is_tagged_pdf_ua_in_norwegian_with_metadata(pdf) -> None:
    assert str(pdf.Root.Lang) == "nb"
    assert "/StructTreeRoot" in pdf.Root
    assert bool(pdf.Root.MarkInfo.Marked)
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo["/Title"]) == "Guide til god ledelse"
    assert str(pdf.docinfo["/Author"]) == "KS"
    assert "god ledelse" in str(pdf.docinfo["/Subject"])
    assert pdf.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"


def _struct_elements(node, kind: str):
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == kind:
            yield node
        kids = node.get("/K")
        if kids is not None:
            yield from _struct_elements(kids, kind)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _struct_elements(kid, kind)


def test_every_figure_has_alt_text_and_the_figure_is_vector(pdf) -> None:
    figures = list(_struct_elements(pdf.Root.StructTreeRoot, "/Figure"))
    assert figures, "no Figure in the structure tree"
    assert all(str(f.get("/Alt", "")).strip() for f in figures)
    assert "Kart og terreng for kommunal ledelse" in [str(f.Alt) for f in figures]
    for page in pdf.pages:  # drawn, not a picture: no raster images anywhere
        for xobject in page.get_images():
            pytest.fail(f"raster image in the PDF: {xobject}")


def test_headings_are_tagged_and_nested(pdf) -> None:
    root = pdf.Root.StructTreeRoot
    assert len(list(_struct_elements(root, "/H1"))) >= 10
    assert len(list(_struct_elements(root, "/H2"))) >= 15


# ------------------------------------------------------------------ bookmarks


def bookmarks(pdf) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            found.append((level, item.title))
            walk(item.children, level + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 1)
    return found


def test_bookmarks_follow_the_navigation(site: Build, pdf) -> None:
    marks = bookmarks(pdf)
    assert len(marks) >= 15
    titles = [title for _, title in marks]
    # «Kontakt KS» is not a page of the book: its text is on the back cover.
    positions = [titles.index(page_title(site, src)) for src in pdf_pages() if src != CONTACT_PAGE]
    assert positions == sorted(positions), "bookmarks are not in navigation order"
    assert [title for level, title in marks if level == 1][2:5] == list(CHAPTERS)
    assert "Til refleksjon" not in titles  # box labels are no sections


# ------------------------------------------------------------------ fonts


def test_only_source_sans_3_embedded_and_subset(pdf_path: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        name = row[0].split("+", 1)[-1]
        assert name.startswith("Source-Sans-3"), f"system font in the PDF: {row[0]}"
        emb, sub, uni = row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


FONTS = ROOT / "docs" / "assets" / "fonts"


@functools.cache
def merged_cmap(weight: str, style: str) -> dict[int, str]:
    """The characters of one merged face, as the build uses it (from .cache/pdf-fonts)."""
    from fontTools.ttLib import TTFont

    face = next(f for f in pdf_fonts.merged_faces(FONTS) if (f.weight, f.style) == (weight, style))
    return TTFont(face.path).getBestCmap()


@pytest.mark.parametrize("letters", ["æøåÆØÅ", "áčđŋšŧžÁČĐŊŠŦŽ"])
def test_merged_faces_draw_norwegian_and_sami_letters(letters: str) -> None:
    for weight, style in pdf_fonts.STYLES:
        cmap = merged_cmap(weight, style)
        assert all(ord(c) in cmap for c in letters + pdf_fonts.HYPHENATION_CHARACTER), (weight, style)


def test_kept_faces_are_the_faces_a_fresh_merge_makes_on_another_day(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """.cache/pdf-fonts may hold faces merged at another commit's time: a merge today gives
    the same bytes (the handbook stays reproducible), and files once made are used, not remade."""
    kept = pdf_fonts.merged_faces(FONTS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    stale = tmp_path / "cache" / "source-sans-3-400-normal-0123456789abcdef.ttf"  # an earlier key's
    stale.parent.mkdir()
    stale.write_bytes(b"")
    fresh = pdf_fonts.merged_faces.__wrapped__(FONTS, tmp_path / "cache")
    assert [f.path.name for f in fresh] == [f.path.name for f in kept]
    assert sorted((tmp_path / "cache").iterdir()) == sorted(f.path for f in fresh)  # the stale one is gone
    assert all(a.path.read_bytes() == b.path.read_bytes() for a, b in zip(kept, fresh, strict=True))

    def no_merge(*args: object) -> None:
        raise AssertionError("merged again though the files are there")

    monkeypatch.setattr(pdf_fonts, "merged_face", no_merge)
    assert pdf_fonts.merged_faces.__wrapped__(FONTS, tmp_path / "cache") == fresh


def test_field_face_maps_every_glyph_and_is_made_the_same_again(tmp_path: Path) -> None:
    """The workbook's form fields' face (pdf_fonts.field_face): every character of the
    regular face, no GSUB/GPOS (no ligature or alternate a ToUnicode map from the cmap
    would miss), and the same bytes when made again in a fresh cache."""
    from fontTools.ttLib import TTFont

    kept = pdf_fonts.field_face(FONTS)
    assert pdf_fonts.cache_key(FONTS) in kept.path.name
    font = TTFont(kept.path)
    assert not {"GSUB", "GPOS", "GDEF"} & set(font.keys())
    assert set(font.getBestCmap()) == set(merged_cmap("400", "normal"))
    fresh = pdf_fonts.field_face.__wrapped__(FONTS, tmp_path / "cache")
    assert fresh.path.read_bytes() == kept.path.read_bytes()


def test_a_changed_subset_gets_faces_of_its_own(tmp_path: Path) -> None:
    """The cache key covers every subset file: change one and the kept faces are not used."""
    import shutil

    fonts = tmp_path / "fonts"
    shutil.copytree(FONTS, fonts)
    regular = pdf_fonts.subset_path(fonts, "latin", "400", "normal")
    regular.write_bytes(pdf_fonts.subset_path(fonts, "latin", "700", "normal").read_bytes())
    assert pdf_fonts.cache_key(fonts) != pdf_fonts.cache_key(FONTS)
    regular.unlink()
    with pytest.raises(FileNotFoundError, match="latin-400-normal"):
        pdf_fonts.cache_key(fonts)


def test_a_single_subset_lacks_sami_letters() -> None:
    """Negative control: why the PDF merges the subsets (WeasyPrint ignores unicode-range)."""
    from fontTools.ttLib import TTFont

    latin = TTFont(pdf_fonts.subset_path(FONTS, "latin", "400", "normal"))
    assert ord("ŋ") not in latin.getBestCmap()


# ------------------------------------------------------------------ text


def test_labels_are_norwegian(pdf_path: Path) -> None:
    full = pdftotext(pdf_path, crop=False)
    assert "Innhold" in full.split("\f")[2]
    assert "Table of contents" not in full
    assert "Stikkordregister" in full.split("\f")[-3]  # the page before the back cover


def test_every_sentence_of_the_source_is_in_the_pdf_in_order(pdf_text) -> None:
    text, floating = pdf_text
    missing, out_of_order = guidetext.missing_and_out_of_order(text, floating=floating)
    assert missing == []
    assert out_of_order == []


def test_pdf_fidelity_check_catches_a_missing_sentence(pdf_text) -> None:
    text, floating = pdf_text
    sentence = "tillit forutsetter tydelige rolleavklaringer."
    assert sentence in text
    missing, _ = guidetext.missing_and_out_of_order(text.replace(sentence, ""), floating=floating)
    assert missing == [sentence]


def test_text_is_hyphenated_in_norwegian(pdf_path: Path) -> None:
    body = pdftotext(pdf_path)
    breaks = re.findall(rf"(\w+){HYPHEN}\s*\n\s*(\w+)", body)
    assert len(breaks) >= 20, "hardly any hyphenation: is lang nb and hyphens: auto set?"


def test_chapters_open_on_their_own_page_without_running_header(pdf_path: Path, pdf) -> None:
    pages = {title: n for title, n in bookmark_pages(pdf).items() if title in CHAPTERS}
    assert set(pages) == set(CHAPTERS)
    for title, number in pages.items():
        opening = " ".join(pdftotext(pdf_path, crop=False, first=number).split())
        assert opening.startswith(title), f"page {number} does not open with {title!r}: {opening[:80]!r}"


def test_external_links_show_their_address(pdf_path: Path) -> None:
    assert "«10-FAKTOR» (www.10faktor.no)" in pdftotext(pdf_path).replace("\n", " ")


def test_back_cover_has_ks_contact_details(pdf_path: Path, pdf) -> None:
    back = pdftotext(pdf_path, crop=False, first=len(pdf.pages))
    for detail in ("Postboks 1378 Vika, 0114 Oslo", "24 13 26 00", "ks@ks.no"):
        assert detail in back


# ------------------------------------------------------------------ download


def test_every_page_links_to_the_pdf(site: Build) -> None:
    pages = [html_path(site.site_dir, src) for src in nav_pages()]
    assert len(pages) >= 25
    for path in pages:
        links = soup(path).select("a.gl-pdf-link")
        assert len(links) == 1, path
        target = (path.parent / links[0]["href"]).resolve()
        assert target == (site.site_dir / PDF_NAME).resolve(), (path, links[0]["href"])


def test_front_page_offers_the_pdf_with_its_size(site: Build, pdf_path: Path) -> None:
    box = soup(site.site_dir / "index.html").select_one(".gl-pdf-download")
    assert box is not None
    assert box.a["href"] == PDF_NAME == soup(site.site_dir / "index.html").select_one("a.gl-pdf-link")["href"]
    assert box.select_one(f"[{PDF_SIZE}]").get_text() == size_label(pdf_path.stat().st_size)


@pytest.mark.parametrize("src", ["index.md", "ledelse-pa-dagsordenen/tydelige-verdier.md"])
def test_pdf_link_works_under_a_sub_path(base_url: str, page, src: str) -> None:
    url = urljoin(base_url, src.replace(".md", ".html"))
    page.goto(url)
    href = page.locator("a.gl-pdf-link").get_attribute("href")
    absolute = urljoin(url, href)
    assert absolute == urljoin(base_url, PDF_NAME)
    response = page.request.get(absolute)
    assert response.ok and response.headers["content-type"] == "application/pdf"


# ------------------------------------------------------------------ hooks and the other build


def test_size_label_is_norwegian() -> None:
    assert size_label(312_400) == "PDF, 312 kB"
    assert size_label(1_450_000) == "PDF, 1,4 MB"


def test_only_links_that_hide_their_address_are_marked() -> None:
    html = ('<a href="https://www.ks.no">www.ks.no</a> <a class="x" href="https://www.10faktor.no">'
            '«10-FAKTOR»</a> <a href="mailto:ks@ks.no">ks@ks.no</a>')
    marked = mark_external_links(html)
    assert marked.count("data-gl-address") == 1
    assert '<a data-gl-address="www.10faktor.no" class="x"' in marked


BUILDS.site("without_pdf", pdf=False, after=background.AFTER_SITE, module=__name__)  # as `make serve`


@pytest.mark.real_site
def test_build_without_pdf_is_strict_clean_and_offers_no_pdf() -> None:
    build = BUILDS.result("without_pdf")
    assert build.returncode == 0, build.output
    assert build.warnings == []
    assert not (build.site_dir / PDF_NAME).exists()
    index = soup(build.site_dir / "index.html")
    assert index.select(".gl-pdf-link, .gl-pdf-download") == []
