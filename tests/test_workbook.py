"""The seminar workbook «Arbeidshefte», checked on the PDF built with the real site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT, Build
from macros.outputs import WORKBOOK, WORKBOOK_SIZE, size_label

DATA = ROOT / "docs" / "_data"


def data(name: str):
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workbook_path(site: Build) -> Path:
    path = site.site_dir / WORKBOOK
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def workbook(workbook_path: Path):
    with pikepdf.open(workbook_path) as pdf:
        yield pdf


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.replace("\u2010\n", "").replace("\u00ad", "").split())


def test_workbook_is_a_tagged_norwegian_a4_pdf(workbook_path: Path, workbook) -> None:
    assert workbook_path.stat().st_size < 1_000_000
    assert 8 <= len(workbook.pages) <= 30
    assert all([round(float(v)) for v in page.mediabox] == [0, 0, 595, 842] for page in workbook.pages)
    assert str(workbook.Root.Lang) == "nb"
    assert "/StructTreeRoot" in workbook.Root
    assert bool(workbook.Root.MarkInfo.Marked)
    assert bool(workbook.Root.ViewerPreferences.DisplayDocTitle)
    info = workbook.docinfo
    assert str(info.Title) == "Arbeidshefte – Guide til god ledelse"
    assert str(info.Author) == "KS – Kommunesektorens organisasjon"  # the edition's publisher
    assert "refleksjon" in str(info.Subject)


def test_workbook_holds_every_question_card_and_checklist_item(workbook_path: Path) -> None:
    text = text_of(workbook_path)
    for box in data("reflections").values():
        for question in box["questions"]:
            assert " ".join(question["text"].split()) in text, question
    for card in data("archetypes").values():
        assert f"«{card['name']}»" in text
    for item in data("checklist")["items"]:
        assert item["text"] in text


def test_workbook_is_fillable_with_named_tagged_fields(workbook) -> None:
    fields = workbook.Root.AcroForm.Fields
    questions = sum(len(box["questions"]) for box in data("reflections").values())
    checklist = len(data("checklist")["items"])
    expected = questions + 4 * (5 + 1) + checklist + 1
    assert len(fields) == expected
    widgets = [annotation for page in workbook.pages for annotation in page.get("/Annots", [])
               if annotation.get("/Subtype") == "/Widget"]
    assert len(widgets) == expected
    for widget in widgets:
        assert str(widget.get("/TU", "")).strip(), widget.get("/T")  # accessible name
        assert "/StructParent" in widget                               # tagged as /Form
    names = {str(w.get("/TU")) for w in widgets}
    assert "Svar: Hvordan kommer organisasjonens verdier til uttrykk i ditt lederskap?" in names
    assert "«Utforskeren»: 5 av 5" in names


def test_workbook_fields_carry_the_sites_question_ids(site: Build, workbook) -> None:
    """Each answer field is named by its question's id, the same id «Mine refleksjoner»
    stores the reader's answer under (macros/components/reflection/ makes it once)."""
    notebook = BeautifulSoup((site.site_dir / "mine-refleksjoner.html").read_text(encoding="utf-8"),
                             "html.parser")
    ids = [item["data-gl-question"] for item in notebook.select("[data-gl-question]")]
    assert ids[:2] == ["verdier-1", "verdier-2"] and "roller-2" in ids
    fields = [str(field.get("/T")) for field in workbook.Root.AcroForm.Fields]
    assert [name for name in fields if name in ids] == ids
    ticks = [f"suksesskriterium-{item['data-gl-checklist-item']}"
             for item in notebook.select("[data-gl-checklist-item]")]
    assert len(ticks) == 6 and [name for name in fields if name in ticks] == ticks


def test_workbook_uses_only_the_guides_fonts(workbook_path: Path) -> None:
    out = subprocess.run(["pdffonts", str(workbook_path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Source-Sans-3" in row, row
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row  # embedded, subset, unicode


@pytest.mark.parametrize("page", ["index.html", "mine-refleksjoner.html"])
def test_pages_offer_the_workbook_with_its_size(site: Build, workbook_path: Path, page: str) -> None:
    soup = BeautifulSoup((site.site_dir / page).read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(".gl-pdf-download--workbook a")
    assert link["href"] == WORKBOOK
    size = link.select_one(f"[{WORKBOOK_SIZE}]").get_text()
    assert size == size_label(workbook_path.stat().st_size)  # the build's own label


def test_workbook_text_extracts_whole_words(workbook_path: Path) -> None:
    """Every glyph maps back to its letters: the «ft» ligature and the alternate «A» that
    shaping picks included (PDF/UA-1 7.21.7), so copying, searching and screen readers get
    «Arbeidsheftet», not «rbeidshe et»."""
    text = text_of(workbook_path)
    for words in ("Arbeidshefte", "Arbeidsheftet samler", "skrive ut heftet", "Fire lederferdigheter"):
        assert words in text, words
    assert "rbeidshe et" not in text and " he et " not in text
    assert not any(ord(c) >= 0xE000 and ord(c) <= 0xF8FF or c == "\ufffd" for c in text)
