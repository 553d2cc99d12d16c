"""Issue 23 in Chromium: a new edition keeps every answer with its question, and the reader
carries their answers to another browser in the files «Mine refleksjoner» downloads.

- The scenario: answers to the three questions on «Å lede med tydelige verdier», then a new
  edition (tests/editions.py: a new first question, the second reworded, the third removed)
  served at the same address: each answer beside its own question, the removed one's on
  «Mine refleksjoner» with its old text, deletable. Also from the first release's keys.
- Each download read back in a fresh browser restores every answer and tick, byte for byte in
  storage; an answer already there is kept, the file's beside it; a file read twice adds
  nothing.
- A file not ours, changed, cut short, too large, in UTF-16 or Latin-1: refused with its
  message, storage unchanged.
Firefox and WebKit run the scenario in test_engines.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import editions
from helpers import SUB_PATH, Build

VERDIER = "ledelse-pa-dagsordenen/tydelige-verdier.html"
NOTEBOOK = "mine-refleksjoner.html"
CHECKLIST = "nyttige-tips/lederutvikling.html"
ANSWERS = {  # id -> the reader's words (verdier-3: the question the new edition removes)
    "verdier-1": "Vi snakker om verdiene på hvert personalmøte – «åpenhet» først.",
    "verdier-2": "De sier at de ser det i hvordan vi tar imot nye.\n\nMen ikke alltid.",
    "verdier-3": "Ja: lojalitet mot vedtak mot faglig skjønn.",
}
TICKS = ["God forankring både politisk og administrativt", "Felles forståelse av mål og hensikt"]
OURS = "() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('gl-')))"


def field(page: Page, question: str):
    return page.get_by_role("textbox", name=re.compile(re.escape(question[:60])))


def answer_all(page: Page, base: str) -> None:
    page.goto(base + VERDIER)
    for ident, words in ANSWERS.items():
        field(page, editions.OLD[ident]).fill(words)
    field(page, editions.OLD["verdier-3"]).blur()
    expect(page.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))


def shows_the_new_edition_right(page: Page, base: str, *, old_text_known: bool = True) -> None:
    page.goto(base + VERDIER)
    expect(page.locator(".gl-reflection [data-gl-question-text]").first).to_have_text(editions.NEW_QUESTION)
    expect(field(page, editions.NEW_QUESTION)).to_have_value("")
    expect(field(page, editions.OLD["verdier-1"])).to_have_value(ANSWERS["verdier-1"])
    expect(page.get_by_role("textbox", name=re.compile(re.escape(editions.REWORDED)))).to_have_value(
        ANSWERS["verdier-2"])
    expect(page.locator("textarea")).to_have_count(3)
    page.goto(base + NOTEBOOK)
    orphans = page.locator("[data-gl-orphans]")
    expect(orphans.get_by_role("heading", level=2)).to_have_text(
        "Svar på spørsmål som ikke lenger står i guiden")
    expect(orphans.locator("[data-gl-orphan]")).to_have_count(1)
    if old_text_known:
        expect(orphans.locator(".gl-notebook__orphan-question")).to_have_text(editions.OLD["verdier-3"])
    expect(orphans.locator(".gl-notebook__orphan-answer")).to_have_text(ANSWERS["verdier-3"])


@pytest.fixture
def served_editions(site: Build, new_edition: Path, tmp_path: Path):
    with editions.switchable(site.site_dir, tmp_path, SUB_PATH) as (base, switch):
        yield base, lambda: switch(new_edition)


def test_a_new_edition_keeps_each_answer_with_its_question(browser: Browser, served_editions) -> None:
    base, upgrade = served_editions
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    answer_all(page, base)
    upgrade()
    page.reload()
    shows_the_new_edition_right(page, base)
    # The kept answer is deleted by its own button, after a question; nothing else goes.
    delete = page.get_by_role("button", name="Slett dette svaret")
    expect(delete).to_have_accessible_description(editions.OLD["verdier-3"])
    page.once("dialog", lambda dialog: dialog.dismiss())
    delete.click()
    expect(page.locator("[data-gl-orphan]")).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    delete.click()
    expect(page.locator("[data-gl-orphans]")).to_have_count(0)
    assert set(page.evaluate(OURS)) == {"gl-svar:verdier-1", "gl-svar:verdier-2"}
    context.close()


def test_answers_under_the_first_releases_keys_follow_their_questions_into_a_new_edition(
        browser: Browser, served_editions) -> None:
    """A reader of the first release (positional keys) who comes back only after the new
    edition: the old keys are mapped by the first release's order, which the ids keep."""
    base, upgrade = served_editions
    upgrade()
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(base + "index.html")
    page.evaluate("answers => { for (const [id, words] of Object.entries(answers)) "
                  "localStorage.setItem('gl-refleksjon:' + id, words); }", ANSWERS)
    shows_the_new_edition_right(page, base, old_text_known=False)
    expect(page.locator(".gl-notebook__orphan-question")).to_have_text(
        re.compile("ikke lenger med i guiden"))
    assert not [key for key in page.evaluate(OURS) if key.startswith("gl-refleksjon:")]
    context.close()


# --- Reading a downloaded file back ------------------------------------------------------------

KEPT = {"id": "gammel-1", "spørsmål": "Et spørsmål fra en eldre utgave?",
        "svar": "Et svar som er tatt vare på."}


def write_everything(page: Page, base: str) -> None:
    answer_all(page, base)
    page.goto(base + CHECKLIST)
    for tick in TICKS:
        page.get_by_label(tick).check()
    page.evaluate("kept => localStorage.setItem('gl-svar:' + kept.id, "
                  "JSON.stringify({svar: kept.svar, 'spørsmål': kept['spørsmål']}))", KEPT)


def downloaded(page: Page, base: str, name: str, tmp_path: Path) -> Path:
    page.goto(base + NOTEBOOK)
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def read_in(page: Page, path: Path | dict) -> None:
    status = page.locator("[data-gl-import-status]")
    before = status.text_content()
    page.get_by_label("Les inn svar fra en fil").set_input_files(path)
    expect(status).not_to_have_text(before or "–")


DOWNLOADS = [("Last ned som tekstfil", "mine-refleksjoner.txt"),
             ("Last ned til notatprogram", "mine-refleksjoner.md")]


@pytest.fixture(scope="module")
def files(browser: Browser, base_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Both downloads from one reader's browser, and what that browser stored."""
    folder = tmp_path_factory.mktemp("downloads")
    context = browser.new_context(locale="nb-NO", accept_downloads=True)
    page = context.new_page()
    write_everything(page, base_url)
    paths = {name: downloaded(page, base_url, button, folder) for button, name in DOWNLOADS}
    stored = page.evaluate(OURS)
    context.close()
    return {"paths": paths, "stored": stored}


@pytest.mark.parametrize("name", [name for _, name in DOWNLOADS])
def test_each_download_brings_everything_back_in_a_fresh_browser(
        browser: Browser, base_url: str, files: dict, name: str) -> None:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(base_url + NOTEBOOK)
    importer = page.get_by_label("Les inn svar fra en fil")
    expect(importer).to_be_visible()
    read_in(page, files["paths"][name])
    expect(page.locator("[data-gl-import-status]")).to_have_text(
        f"Filen {name} er lest inn: 4 svar lagt til, 2 avkrysninger lagt til.")
    # Every answer and tick beside its own question, and storage as the first browser's.
    for ident, words in ANSWERS.items():
        expect(field(page, editions.OLD[ident])).to_have_value(words)
    for tick in TICKS:
        expect(page.get_by_label(tick)).to_be_checked()
    expect(page.locator(".gl-notebook__orphan-answer")).to_have_text(KEPT["svar"])
    assert page.evaluate(OURS) == files["stored"]
    # The same file again adds nothing.
    read_in(page, files["paths"][name])
    expect(page.locator("[data-gl-import-status]")).to_have_text(re.compile("4 svar fantes her fra før"))
    assert page.evaluate(OURS) == files["stored"]
    context.close()


def test_an_answer_already_here_is_never_written_over(browser: Browser, base_url: str, files: dict) -> None:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(base_url + NOTEBOOK)
    field(page, editions.OLD["verdier-1"]).fill("Skrevet her først.")
    read_in(page, files["paths"]["mine-refleksjoner.txt"])
    expect(page.locator("[data-gl-import-status]")).to_have_text(re.compile(
        "3 svar lagt til.*1 spørsmål hadde et annet svar her fra før. Der står nå begge svarene"))
    expect(field(page, editions.OLD["verdier-1"])).to_have_value(
        "Skrevet her først.\n\n– Fra filen mine-refleksjoner.txt: –\n" + ANSWERS["verdier-1"])
    context.close()


def test_the_file_field_is_reached_by_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + NOTEBOOK)
    page.get_by_role("button", name="Slett alle svar").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Les inn svar fra en fil")).to_be_focused()
    description = page.get_by_label("Les inn svar fra en fil")
    expect(description).to_have_accessible_description(re.compile("høyst 1 MB"))


def bad_files(files: dict) -> dict[str, tuple[dict, str]]:
    text = files["paths"]["mine-refleksjoner.txt"].read_text(encoding="utf-8")
    marker = text.index("\ngl-mine-refleksjoner 1 ")

    def payload(name: str, data: bytes) -> dict:
        return {"name": name, "mimeType": "text/plain", "buffer": data}

    return {
        "not ours": (payload("handleliste.txt", "Handleliste\nmelk\nbrød\n".encode()),
                     "ikke en fil med svar lastet ned fra «Mine refleksjoner»"),
        "changed": (payload("mine-refleksjoner.txt",
                            text.replace("hvert personalmøte", "hvert møte").encode()),
                    "endret eller ufullstendig"),
        "cut in the data": (payload("mine-refleksjoner.txt", text[:-40].encode()),
                            "endret eller ufullstendig"),
        "cut short": (payload("mine-refleksjoner.txt", text[:marker // 2].encode()),
                      "Slutten av filen mangler"),
        "too large": (payload("mine-refleksjoner.txt", text.encode() + b" " * (1024 * 1024)),
                      "større enn 1 MB"),
        "UTF-16": (payload("mine-refleksjoner.txt", text.encode("utf-16")), "annen tegnkoding enn UTF-8"),
        "Latin-1": (payload("mine-refleksjoner.txt", text.encode("latin-1", errors="replace")),
                    "annen tegnkoding enn UTF-8"),
    }


def test_a_bad_file_is_refused_with_its_message_and_nothing_changes(
        browser: Browser, base_url: str, files: dict) -> None:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(base_url + NOTEBOOK)
    field(page, editions.OLD["verdier-1"]).fill("Mitt eget svar.")
    field(page, editions.OLD["verdier-1"]).blur()
    before = page.evaluate(OURS)
    status = page.locator("[data-gl-import-status]")
    for case, (payload, message) in bad_files(files).items():
        page.evaluate("() => { document.querySelector('[data-gl-import-status]').textContent = ''; }")
        page.get_by_label("Les inn svar fra en fil").set_input_files(payload)
        expect(status).to_have_text(re.compile("Filen ble ikke lest inn, og ingenting er endret"))
        assert message in status.text_content(), (case, status.text_content())
        expect(status).to_have_class(re.compile("gl-answer__status--problem"))
        assert page.evaluate(OURS) == before, case
    # Negative control: the untouched file is read.
    page.get_by_label("Les inn svar fra en fil").set_input_files(files["paths"]["mine-refleksjoner.txt"])
    expect(status).to_have_text(re.compile("er lest inn"))
    context.close()


def test_the_downloads_data_is_checked_by_a_crc32_of_the_file(files: dict) -> None:
    """The format as a Python reader would check it: the marker line's CRC-32 (zlib's) covers
    the whole file but that line; the data is one line of JSON after it."""
    import zlib

    for path in files["paths"].values():
        text = path.read_text(encoding="utf-8")
        [match] = list(re.finditer(r"^gl-mine-refleksjoner 1 ([0-9a-f]{8})\n", text, re.MULTILINE))
        rest = text[:match.start()] + text[match.end():]
        assert f"{zlib.crc32(rest.encode()):08x}" == match.group(1)
        data = json.loads(text[match.end():].split("\n")[0])
        assert data["format"] == "gl-mine-refleksjoner" and data["versjon"] == 1
        assert {a["id"]: a["svar"] for a in data["svar"]} == {**ANSWERS, KEPT["id"]: KEPT["svar"]}
        assert [t["punkt"] for t in data["avkrysninger"]] == TICKS
