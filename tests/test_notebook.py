"""«Mine refleksjoner»: answers kept in the reader's browser only, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

VERDIER = "ledelse-pa-dagsordenen/tydelige-verdier.html"
NOTEBOOK = "mine-refleksjoner.html"
QUESTION = "Hvordan kommer organisasjonens verdier til uttrykk i ditt lederskap?"
ANSWER = "Vi snakker om verdiene på hvert personalmøte – «åpenhet» først."


@pytest.fixture
def reader(browser: Browser, base_url: str):
    """A reader's browser with a request log; fails if anything leaves the site."""
    context = browser.new_context(locale="nb-NO", accept_downloads=True)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add("blob" if r.url.startswith("blob:") else urlparse(r.url).hostname))
    yield page
    context.close()
    assert hosts <= {"127.0.0.1", "blob"}, hosts


def write_answer(page: Page, base_url: str) -> None:
    page.goto(base_url + VERDIER)
    field = page.get_by_role("textbox", name=re.compile(re.escape(QUESTION)))
    field.fill(ANSWER)
    expect(page.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))


def test_answer_is_kept_after_reload_and_shows_in_the_notebook(reader: Page, base_url: str) -> None:
    write_answer(reader, base_url)
    reader.reload()
    expect(reader.get_by_role("textbox", name=re.compile(re.escape(QUESTION)))).to_have_value(ANSWER)
    reader.goto(base_url + NOTEBOOK)
    field = reader.get_by_role("textbox", name=re.compile(re.escape(QUESTION)))
    expect(field).to_have_value(ANSWER)
    link = reader.locator("[aria-labelledby='notat-verdier'] .gl-notebook__source a")
    assert link.get_attribute("href") == "ledelse-pa-dagsordenen/tydelige-verdier.html#refleksjon-verdier"


def test_every_question_is_in_the_notebook_in_guide_order(reader: Page, base_url: str) -> None:
    reader.goto(base_url + NOTEBOOK)
    questions = reader.locator(".gl-notebook [data-gl-question-text]").all_inner_texts()
    assert len(questions) == 34
    assert questions[0] == QUESTION
    assert questions[-1] == "Hvordan bruker du mulighetene som ligger i ny teknologi?"
    chapters = reader.locator(".gl-notebook__chapter-title").all_inner_texts()
    assert chapters == ["1 Ledelse på dagsordenen",
                        "2 Hva skal til for å lykkes som leder i kommunal sektor?"]


@pytest.mark.parametrize(
    ("button", "suffix"), [("Last ned som Markdown-fil", ".md"), ("Last ned som tekstfil", ".txt")])
def test_download_holds_the_answer(reader: Page, base_url: str, tmp_path: Path, button: str,
                                   suffix: str) -> None:
    write_answer(reader, base_url)
    reader.goto(base_url + NOTEBOOK)
    with reader.expect_download() as info:
        reader.get_by_role("button", name=button).click()
    download = info.value
    assert download.suggested_filename == "mine-refleksjoner" + suffix
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert QUESTION in text and ANSWER in text
    assert "Hvordan bruker du mulighetene som ligger i ny teknologi?" in text


def test_delete_needs_confirmation_and_removes_everything(reader: Page, base_url: str) -> None:
    write_answer(reader, base_url)
    reader.goto(base_url + "nyttige-tips/lederutvikling.html")
    reader.get_by_label("God forankring både politisk og administrativt").check()
    reader.goto(base_url + NOTEBOOK)
    delete = reader.get_by_role("button", name="Slett alle svar")
    reader.once("dialog", lambda dialog: dialog.dismiss())
    delete.click()
    assert reader.evaluate("localStorage.length") == 2  # dismissed: nothing deleted
    reader.once("dialog", lambda dialog: dialog.accept())
    delete.click()
    expect(reader.get_by_role("status")).to_have_text(re.compile("slettet"))
    assert reader.evaluate("localStorage.length") == 0
    expect(reader.get_by_role("textbox", name=re.compile(re.escape(QUESTION)))).to_have_value("")


def test_checklist_remembers_ticks(reader: Page, base_url: str) -> None:
    reader.goto(base_url + "nyttige-tips/lederutvikling.html")
    boxes = reader.get_by_role("checkbox")
    expect(boxes).to_have_count(6)
    reader.get_by_label("Felles forståelse av mål og hensikt").check()
    reader.reload()
    expect(reader.get_by_label("Felles forståelse av mål og hensikt")).to_be_checked()
    expect(reader.get_by_label("God forankring både politisk og administrativt")).not_to_be_checked()


def test_nothing_is_stored_until_the_reader_writes(reader: Page, base_url: str) -> None:
    for path in (VERDIER, NOTEBOOK, "nyttige-tips/lederutvikling.html"):
        reader.goto(base_url + path)
    assert reader.evaluate("localStorage.length") == 0


def test_keyboard_only_answer(reader: Page, base_url: str) -> None:
    reader.goto(base_url + VERDIER)
    reader.locator(".gl-reflection__title").first.scroll_into_view_if_needed()
    for _ in range(60):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    reader.keyboard.type("Skrevet med tastatur.")
    expect(reader.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))


def test_without_javascript_the_questions_read_as_in_the_handbook(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + VERDIER)
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)
    page.goto(base_url + NOTEBOOK)
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(page.locator(".gl-noscript")).to_be_visible()
    context.close()
