"""The reader's answers are never lost and never turned into something else, in Chromium.

Words typed just before leaving, downloading or deleting; two tabs; storage blocked,
full or holding a corrupt entry; Markdown in an answer."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from playwright.sync_api import Browser, BrowserContext, Page, expect

from helpers import CHROMIUM

VERDIER = "ledelse-pa-dagsordenen/tydelige-verdier.html"
CHECKLIST = "nyttige-tips/lederutvikling.html"
NOTEBOOK = "mine-refleksjoner.html"
QUESTION = "Hvordan kommer organisasjonens verdier til uttrykk i ditt lederskap?"
KEY = "gl-refleksjon:verdier-1"  # the storage key since the first release
TICK = "Felles forståelse av mål og hensikt"

# Reading localStorage/sessionStorage throws, as when the reader blocks site data.
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
  });
}
"""
# Every write fails as when the origin's quota is used up.
FULL_QUOTA = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


class Watched:
    """A page whose uncaught errors and console errors are collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)


@pytest.fixture
def context(browser: Browser):
    context = browser.new_context(locale="nb-NO", accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def reader(context: BrowserContext) -> Page:
    return context.new_page()


def answer_field(page: Page, question: str = QUESTION):
    return page.get_by_role("textbox", name=re.compile(re.escape(question)))


def stored(page: Page, key: str = KEY) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", key)


def arm(page: Page, field_selector: str, last_words: str, target_selector: str) -> None:
    """Click `target_selector` 20 ms after the field's text ends with `last_words`,
    and remember (in sessionStorage, which outlives the page) what was stored then."""
    page.evaluate(
        """([fieldSelector, lastWords, targetSelector, key]) => {
          const field = document.querySelector(fieldSelector);
          field.addEventListener("input", () => {
            if (!field.value.endsWith(lastWords)) return;
            window.setTimeout(() => {
              sessionStorage.setItem("stored-at-click", localStorage.getItem(key) || "");
              document.querySelector(targetSelector).click();
            }, 20);
          });
        }""",
        [field_selector, last_words, target_selector, KEY],
    )


# --- Nothing lost -----------------------------------------------------------------------------

def test_words_typed_20_ms_before_following_a_link_reach_the_notebook(reader: Page, base_url: str) -> None:
    reader.goto(base_url + VERDIER)
    answer_field(reader).fill("Vi snakker om verdiene")
    expect(reader.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))
    arm(reader, "#svar-verdier-1", "siste ord.", f"a[href$='{NOTEBOOK}']")
    with reader.expect_navigation():
        answer_field(reader).press_sequentially(" på hvert møte, siste ord.")
    assert reader.url.endswith(NOTEBOOK)
    # The pause before an ordinary save had not passed when the link was followed ...
    assert "siste ord" not in reader.evaluate("sessionStorage.getItem('stored-at-click')")
    # ... yet the words are there, saved on the way out.
    expect(answer_field(reader)).to_have_value("Vi snakker om verdiene på hvert møte, siste ord.")


def test_words_typed_just_before_closing_the_tab_are_kept(context: BrowserContext, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + VERDIER)
    answer_field(page).press_sequentially("Skrevet rett før fanen ble lukket.")
    page.close(run_before_unload=True)
    again = context.new_page()
    again.goto(base_url + NOTEBOOK)
    expect(answer_field(again)).to_have_value("Skrevet rett før fanen ble lukket.")


@pytest.mark.parametrize(
    ("button", "filename"),
    [("Last ned som tekstfil", "mine-refleksjoner.txt"),
     ("Last ned som Markdown-fil", "mine-refleksjoner.md")])
def test_download_right_after_typing_holds_the_last_words(
        reader: Page, base_url: str, tmp_path: Path, button: str, filename: str) -> None:
    reader.goto(base_url + NOTEBOOK)
    reader.get_by_role("button", name=button, exact=True).evaluate("b => b.id = 'last-ned'")
    arm(reader, "#svar-verdier-1", "siste ord", "#last-ned")
    with reader.expect_download() as info:
        answer_field(reader).press_sequentially("Verdiene står på veggen, siste ord")
    assert info.value.suggested_filename == filename
    path = tmp_path / filename
    info.value.save_as(path)
    assert "siste ord" not in reader.evaluate("sessionStorage.getItem('stored-at-click')")
    assert "Verdiene står på veggen, siste ord" in path.read_text(encoding="utf-8")


def test_delete_all_right_after_typing_leaves_nothing_and_claims_no_save(reader: Page, base_url: str) -> None:
    reader.goto(base_url + NOTEBOOK)
    reader.on("dialog", lambda dialog: dialog.accept())
    reader.get_by_role("button", name="Slett alle svar").evaluate("b => b.id = 'slett'")
    arm(reader, "#svar-verdier-1", "slett meg", "#slett")
    answer_field(reader).press_sequentially("Skrevet og straks slett meg")
    status = reader.locator(".gl-answer-status")
    expect(status).to_have_text("Alle svar er slettet fra denne nettleseren.")
    reader.wait_for_timeout(800)  # longer than the pause before a save
    expect(status).to_have_text("Alle svar er slettet fra denne nettleseren.")
    assert stored(reader) is None
    reader.reload()
    expect(answer_field(reader)).to_have_value("")
    assert reader.evaluate("localStorage.length") == 0


# --- Two tabs ---------------------------------------------------------------------------------

def test_two_tabs_stay_in_step_and_deleted_answers_stay_deleted(
        context: BrowserContext, base_url: str) -> None:
    a, b = context.new_page(), context.new_page()
    a.goto(base_url + VERDIER)
    b.goto(base_url + NOTEBOOK)
    answer_field(a).fill("Gammelt svar fra fane A.")
    expect(a.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))
    # B shows A's answer without a reload.
    expect(answer_field(b)).to_have_value("Gammelt svar fra fane A.")
    # B deletes everything; A's field empties although it still has focus.
    answer_field(a).focus()
    b.once("dialog", lambda dialog: dialog.accept())
    b.get_by_role("button", name="Slett alle svar").click()
    expect(answer_field(a)).to_have_value("")
    # A types one character: only that is saved, the old answer does not come back.
    answer_field(a).press_sequentially("x")
    expect(a.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))
    assert stored(a) == "x"
    expect(answer_field(b)).to_have_value("x")
    b.reload()
    expect(answer_field(b)).to_have_value("x")


def test_a_tick_in_one_tab_shows_in_the_other(context: BrowserContext, base_url: str) -> None:
    a, b = context.new_page(), context.new_page()
    a.goto(base_url + CHECKLIST)
    b.goto(base_url + CHECKLIST)
    a.get_by_label(TICK).check()
    expect(b.get_by_label(TICK)).to_be_checked()
    a.get_by_label(TICK).uncheck()
    expect(b.get_by_label(TICK)).not_to_be_checked()


def test_words_being_typed_are_not_overwritten_by_another_tab(context: BrowserContext, base_url: str) -> None:
    """The rule: unsaved words typed in this tab stay and are saved; saved ones follow the other tab."""
    a, b = context.new_page(), context.new_page()
    a.goto(base_url + VERDIER)
    b.goto(base_url + VERDIER)
    for _ in range(3):  # the other tab must write inside the pause; retry if the machine was slow
        answer_field(a).fill("")
        a.wait_for_timeout(400)
        answer_field(a).press_sequentially("Skrives i A")
        before = b.evaluate("""key => {
          const before = localStorage.getItem(key);
          localStorage.setItem(key, "Skrevet i B");
          return before;
        }""", KEY)
        if before is None:
            break
    else:
        pytest.fail("tab B never wrote while tab A had unsaved words")
    expect(answer_field(a)).to_have_value("Skrives i A")
    expect(a.locator(".gl-reflection [role=status]")).to_have_text(re.compile("lagret"))
    assert stored(a) == "Skrives i A"
    expect(answer_field(b)).to_have_value("Skrives i A")


# --- Storage blocked, corrupt or full -----------------------------------------------------------

def search_finds(page: Page, base_url: str, query: str) -> int:
    page.goto(base_url + "index.html")
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv søkeord", timeout=10_000)
    page.locator("input.md-search__input").press_sequentially(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_attached(timeout=10_000)
    page.keyboard.press("Escape")
    return results.count()


def toggle_scheme(page: Page) -> None:
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before)


def corrupt_palette(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    # Material scopes its keys by the site's path: "/guide/.__palette" here.
    key = palette_key(base_url)
    assert page.evaluate("__md_scope.pathname") + ".__palette" == key
    page.evaluate("key => localStorage.setItem(key, '{not json')", key)
    assert stored(page, key) == "{not json"


def palette_key(base_url: str) -> str:
    return urlparse(base_url).path + ".__palette"


@pytest.mark.parametrize("trouble", ["storage blocked", "corrupt palette entry"])
def test_search_and_toggle_work_without_errors(browser: Browser, base_url: str, trouble: str) -> None:
    context = browser.new_context(locale="nb-NO", color_scheme="light")
    if trouble == "storage blocked":
        context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    if trouble == "corrupt palette entry":
        corrupt_palette(page, base_url)
    watched = Watched(page)
    assert search_finds(page, base_url, "verdiene") > 0
    toggle_scheme(page)
    for path in (VERDIER, CHECKLIST, NOTEBOOK):
        page.goto(base_url + path)
        expect(page.locator("label.md-header__button[for^='__palette']:visible")).to_have_count(1)
    if trouble == "storage blocked":
        page.goto(base_url + VERDIER)
        answer_field(page).fill("Kan ikke lagres.")
        answer_field(page).blur()
        expect(page.locator(".gl-reflection [role=status]")).to_have_text(
            "Svaret kunne ikke lagres: nettleseren tillater ikke lagring.")
    else:
        # The corrupt entry is replaced by the toggle's valid one.
        assert stored(page, palette_key(base_url)).startswith("{")
    context.close()
    assert watched.errors == []


def test_site_data_blocked_in_chromium_settings(browser: Browser, base_url: str, tmp_path: Path) -> None:
    """The real thing: a profile that blocks site data («cookies»: 2), so reading
    localStorage throws a SecurityError in Chromium itself."""
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(
        json.dumps({"profile": {"default_content_setting_values": {"cookies": 2}}}), encoding="utf-8")
    context = browser.browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], locale="nb-NO")
    page = context.new_page()
    watched = Watched(page)
    page.goto(base_url + "index.html")
    assert "SecurityError" in page.evaluate(
        "() => { try { localStorage; return 'readable'; } catch (e) { return e.name; } }")
    assert search_finds(page, base_url, "verdiene") > 0
    toggle_scheme(page)
    page.goto(base_url + VERDIER)
    answer_field(page).press_sequentially("Kan ikke lagres.")
    expect(page.locator(".gl-reflection [role=status]")).to_have_text(
        "Svaret kunne ikke lagres: nettleseren tillater ikke lagring.")
    context.close()
    assert watched.errors == []


def test_without_the_guard_a_corrupt_palette_entry_breaks_the_page(browser: Browser, base_url: str) -> None:
    """Negative control: the errors the test above rules out are real without storage-guard.js."""
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    corrupt_palette(page, base_url)
    # storage-guard.js reaches the page in the <head> bundle (overrides/hooks/bundle.py).
    page.route("**/guide-head.*.min.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    watched = Watched(page)
    page.goto(base_url + "index.html")
    page.wait_for_timeout(500)
    assert any("JSON" in error for error in watched.errors), watched.errors
    expect(page.locator("label.md-header__button[for^='__palette']:visible")).to_have_count(0)
    context.close()


def test_full_quota_every_control_says_it_could_not_save(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="nb-NO")
    context.add_init_script(FULL_QUOTA)
    page = context.new_page()
    watched = Watched(page)
    page.goto(base_url + VERDIER)
    answer_field(page).press_sequentially("For mye å lagre")
    status = page.locator(".gl-reflection [role=status]")
    expect(status).to_have_text("Svaret kunne ikke lagres: lagringsplassen i nettleseren er full.")
    expect(status).to_have_class(re.compile("gl-answer-status--problem"))  # set apart, bold
    page.goto(base_url + CHECKLIST)
    page.get_by_label(TICK).check()
    expect(page.locator(".gl-checklist [role=status]")).to_have_text(
        "Avkrysningen kunne ikke lagres: lagringsplassen i nettleseren er full.")
    page.goto(base_url + NOTEBOOK)
    answer_field(page).fill("Heller ikke her")
    answer_field(page).blur()
    expect(page.locator(".gl-answer-status")).to_have_text(re.compile("kunne ikke lagres"))
    toggle_scheme(page)  # Material's own write fails quietly
    context.close()
    assert watched.errors == []


def test_a_tick_says_it_is_saved(reader: Page, base_url: str) -> None:
    reader.goto(base_url + CHECKLIST)
    reader.get_by_label(TICK).check()
    expect(reader.locator(".gl-checklist [role=status]")).to_have_text(
        "Avkrysningen er lagret i denne nettleseren.")


def test_answers_stored_by_the_first_release_are_shown(reader: Page, base_url: str) -> None:
    reader.goto(base_url + "index.html")
    reader.evaluate("""() => {
      localStorage.setItem("gl-refleksjon:verdier-1", "Fra før.");
      localStorage.setItem("gl-sjekkliste:2", "1");
    }""")
    reader.goto(base_url + NOTEBOOK)
    expect(answer_field(reader)).to_have_value("Fra før.")
    reader.goto(base_url + CHECKLIST)
    expect(reader.get_by_label(TICK)).to_be_checked()


# --- Markdown ---------------------------------------------------------------------------------

ANSWERS = {
    "verdier-1": "# Overskrift\n## Enda en",
    "verdier-2": "- punkt\n+ punkt\n* punkt\n1. nummer\n2) nummer",
    "verdier-3": "> sitat\n---\nTekst\n===",
    "roller-1": "```\nkode\n```\n    innrykk\n~~~\nstrek ~~ut~~",
    "roller-2": "**fet** _kursiv_ [lenke](https://example.org) ![bilde](x.png) <b>html</b> &amp; `kode`",
    "roller-3": "| a | b |\n|---|---|\n| 1 | 2 |",
    "mestring-1": "Første linje\nandre linje\n\nNytt avsnitt med \\ skråstrek",
}


def test_markdown_download_keeps_answers_as_plain_words(reader: Page, base_url: str, tmp_path: Path) -> None:
    reader.goto(base_url + "index.html")
    reader.evaluate("""answers => {
      for (const [key, value] of Object.entries(answers)) localStorage.setItem("gl-refleksjon:" + key, value);
    }""", ANSWERS)
    reader.goto(base_url + NOTEBOOK)
    questions = reader.locator(".gl-notebook [data-gl-question-text]").all_inner_texts()
    boxes = reader.locator(".gl-notebook__box-title").count()
    chapters = reader.locator(".gl-notebook__chapter-title").count()
    with reader.expect_download() as info:
        reader.get_by_role("button", name="Last ned som Markdown-fil").click()
    path = tmp_path / "svar.md"
    info.value.save_as(path)

    renderer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # The oracle sees structure where there is some (negative control).
    assert "<h1>" in renderer.render(ANSWERS["verdier-1"])
    assert "<table>" in renderer.render(ANSWERS["roller-3"])
    html = BeautifulSoup(renderer.render(path.read_text(encoding="utf-8")), "html.parser")

    # Only the file's own structure: a title, chapters, boxes, questions in bold.
    assert [h.get_text() for h in html.find_all("h1")] == ["Mine refleksjoner"]
    assert len(html.find_all("h2")) == chapters
    assert len(html.find_all("h3")) == boxes
    assert [s.get_text() for s in html.find_all("strong")] == questions
    assert {e.get_text() for e in html.find_all("em")} == {"Ikke besvart."}
    for tag in ("h4", "ul", "ol", "blockquote", "pre", "code", "hr", "a", "img", "b", "table", "s", "del"):
        assert html.find(tag) is None, tag
    # Every answer's words are there as the reader wrote them, line by line.
    paragraphs = [p.get_text() for p in html.find_all("p")]
    for answer in ANSWERS.values():
        for block in answer.split("\n\n"):
            expected = "\n".join(line.strip() for line in block.split("\n"))
            assert expected in paragraphs, (expected, paragraphs)
    assert html.find_all("br")  # line breaks kept


def test_text_download_keeps_answers_verbatim(reader: Page, base_url: str, tmp_path: Path) -> None:
    reader.goto(base_url + NOTEBOOK)
    answer_field(reader).fill("# Ikke en overskrift\n- ikke et punkt")
    with reader.expect_download() as info:
        reader.get_by_role("button", name="Last ned som tekstfil").click()
    path = tmp_path / "svar.txt"
    info.value.save_as(path)
    assert "# Ikke en overskrift\n- ikke et punkt" in path.read_text(encoding="utf-8")


# --- The page --------------------------------------------------------------------------------

def test_notebook_says_things_once_and_plainly(reader: Page, base_url: str) -> None:
    reader.goto(base_url + NOTEBOOK)
    boxes = reader.locator(".gl-notebook__box")
    # One link per box to where its questions stand, not one per question.
    expect(reader.locator(".gl-notebook__source a")).to_have_count(boxes.count())
    expect(reader.locator(".gl-notebook__question a")).to_have_count(0)
    link = boxes.first.locator(".gl-notebook__source a")
    assert link.get_attribute("href") == "ledelse-pa-dagsordenen/tydelige-verdier.html#refleksjon-verdier"
    # The privacy promise once on the page.
    text = reader.locator("article").inner_text()
    assert len(re.findall(r"sendes ikke noe sted", text)) == 1, text[:600]
    # Download buttons name the kind of file for a reader, not only a format.
    names = reader.locator(".gl-notebook__tools button").all_inner_texts()
    assert names == ["Last ned som tekstfil", "Last ned som Markdown-fil", "Skriv ut", "Slett alle svar"]
    expect(reader.get_by_text("Notisblokk, Word")).to_be_visible()


def test_notebook_headings_outweigh_the_questions(reader: Page, base_url: str) -> None:
    reader.goto(base_url + NOTEBOOK)

    def weight_and_size(selector: str) -> tuple[int, float]:
        return reader.locator(selector).first.evaluate(
            "e => [parseInt(getComputedStyle(e).fontWeight), parseFloat(getComputedStyle(e).fontSize)]")

    chapter = weight_and_size(".gl-notebook__chapter-title")
    box = weight_and_size(".gl-notebook__box-title")
    question = weight_and_size(".gl-notebook__text")
    assert chapter[0] >= box[0] >= question[0] and box[0] > question[0]
    assert chapter[1] > box[1] > question[1]
