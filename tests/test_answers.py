"""The reader's answers, in Chromium: «Mine refleksjoner» and the answer fields and ticks
(reflection.js), kept in the reader's browser only, never lost and never turned into
something else.

Answers kept after reload and gathered in the notebook, downloads, deleting, ticks,
nothing stored unasked, keyboard only, no JavaScript; words typed just before leaving,
downloading or deleting; two tabs; storage blocked, full or holding a corrupt entry;
Markdown in an answer. No request leaves the site in any of them."""

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
KEY = "gl-svar:verdier-1"  # the storage key: the question's id in docs/_data/reflections.yml
OLD_KEY = "gl-refleksjon:verdier-1"  # the same answer's key until ids came (by position)
TICK = "Felles forståelse av mål og hensikt"
ANSWER = "Vi snakker om verdiene på hvert personalmøte – «åpenhet» først."

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
    """A reader's browser with a request log; fails if anything leaves the site."""
    context = browser.new_context(locale="nb-NO", accept_downloads=True)
    hosts: set[str] = set()
    context.on("request", lambda r: hosts.add(
        "blob" if r.url.startswith("blob:") else urlparse(r.url).hostname))
    yield context
    context.close()
    assert hosts <= {"127.0.0.1", "blob"}, hosts


@pytest.fixture
def reader(context: BrowserContext) -> Page:
    return context.new_page()


def answer_field(page: Page, question: str = QUESTION):
    return page.get_by_role("textbox", name=re.compile(re.escape(question)))


def stored(page: Page, key: str = KEY) -> str | None:
    """The answer's words stored under `key` (a tick's item text for gl-avkrysset:…)."""
    value = raw(page, key)
    if value is None:
        return None
    record = json.loads(value)
    return record["svar"] if "svar" in record else record["punkt"]


def raw(page: Page, key: str) -> str | None:
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
              const raw = localStorage.getItem(key);
              sessionStorage.setItem("stored-at-click", raw ? JSON.parse(raw).svar : "");
              document.querySelector(targetSelector).click();
            }, 20);
          });
        }""",
        [field_selector, last_words, target_selector, KEY],
    )


# --- «Mine refleksjoner» ------------------------------------------------------------------

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
    ("button", "suffix"), [("Last ned til notatprogram", ".md"), ("Last ned som tekstfil", ".txt")])
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
    expect(reader.locator("[data-gl-answer-status]")).to_have_text(re.compile("slettet"))
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
     ("Last ned til notatprogram", "mine-refleksjoner.md")])
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
    status = reader.locator(".gl-answer__status")
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
    assert raw(page, key) == "{not json"


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
        assert raw(page, palette_key(base_url)).startswith("{")
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
    expect(status).to_have_class(re.compile("gl-answer__status--problem"))  # set apart, bold
    page.goto(base_url + CHECKLIST)
    page.get_by_label(TICK).check()
    expect(page.locator(".gl-checklist [role=status]")).to_have_text(
        "Avkrysningen kunne ikke lagres: lagringsplassen i nettleseren er full.")
    page.goto(base_url + NOTEBOOK)
    answer_field(page).fill("Heller ikke her")
    answer_field(page).blur()
    expect(page.locator(".gl-answer__status")).to_have_text(re.compile("kunne ikke lagres"))
    toggle_scheme(page)  # Material's own write fails quietly
    context.close()
    assert watched.errors == []


def test_a_tick_says_it_is_saved(reader: Page, base_url: str) -> None:
    reader.goto(base_url + CHECKLIST)
    reader.get_by_label(TICK).check()
    expect(reader.locator(".gl-checklist [role=status]")).to_have_text(
        "Avkrysningen er lagret i denne nettleseren.")


def test_an_old_key_written_after_the_move_joins_the_answer_instead_of_vanishing(
        reader: Page, base_url: str) -> None:
    """A tab still showing a page from before the ids writes the old key after another tab
    moved it: the next page keeps the answer under the id and adds the old tab's words to it;
    words the answer already holds are not added twice."""
    reader.goto(base_url + "index.html")
    reader.evaluate("""() => {
      localStorage.setItem("gl-svar:verdier-1", JSON.stringify({svar: "Ny side.", "spørsmål": "Q"}));
      localStorage.setItem("gl-refleksjon:verdier-1", "Gammel fane.");
      localStorage.setItem("gl-svar:verdier-2", JSON.stringify({svar: "Det samme.", "spørsmål": "Q2"}));
      localStorage.setItem("gl-refleksjon:verdier-2", "Det samme.");
    }""")
    reader.goto(base_url + VERDIER)
    expect(answer_field(reader)).to_have_value("Ny side.\n\n– Fra en eldre versjon av siden: –\nGammel fane.")
    stored = reader.evaluate("""() => [localStorage.getItem("gl-refleksjon:verdier-1"),
      localStorage.getItem("gl-refleksjon:verdier-2"),
      JSON.parse(localStorage.getItem("gl-svar:verdier-2")).svar]""")
    assert stored == [None, None, "Det samme."]


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


# What the first release stored, byte for byte: the input of the move to the ids' keys (the
# test below it pins today's keys, which map back to these).
FIRST_RELEASE = {
    "gl-refleksjon:roller-2": "Skrevet på kapittelsiden.",
    "gl-refleksjon:verdier-1": "Skrevet i Mine refleksjoner.",
    "gl-sjekkliste:2": "1",
}


def test_answers_under_the_first_releases_keys_move_to_their_ids_once_unchanged(
        reader: Page, base_url: str) -> None:
    """The first release's keys, byte for byte as it wrote them, move once to the keys of
    the questions' ids, with the question as it then read; the words are unchanged and the
    old keys gone, so a second visit moves nothing."""
    reader.goto(base_url + "index.html")
    reader.evaluate("entries => Object.entries(entries).forEach(([k, v]) => localStorage.setItem(k, v))",
                    FIRST_RELEASE)
    reader.goto(base_url + NOTEBOOK)
    expect(answer_field(reader)).to_have_value("Skrevet i Mine refleksjoner.")
    expect(answer_field(reader, "Hvilken av de ulike rollene er du minst bekvem med")).to_have_value(
        "Skrevet på kapittelsiden.")
    expect(reader.get_by_label(TICK)).to_be_checked()
    expect(reader.locator("[data-gl-orphans]")).to_have_count(0)  # nothing taken for a removed question
    ours = reader.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('gl-')))")
    assert {key: json.loads(value) for key, value in ours.items()} == {
        "gl-svar:roller-2": {"svar": "Skrevet på kapittelsiden.",
                             "spørsmål": "Hvilken av de ulike rollene er du minst bekvem med, og hvorfor?"},
        "gl-svar:verdier-1": {"svar": "Skrevet i Mine refleksjoner.", "spørsmål": QUESTION},
        "gl-avkrysset:2": {"punkt": TICK},
    }
    reader.reload()
    assert reader.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('gl-')).length") == 3
    reader.goto(base_url + VERDIER)
    expect(answer_field(reader)).to_have_value("Skrevet i Mine refleksjoner.")


def test_what_the_reader_writes_is_stored_under_the_ids_keys_byte_for_byte(
        reader: Page, base_url: str) -> None:
    """The keys are pinned, byte for byte: an answer on a chapter page, one on «Mine
    refleksjoner» and a tick, each under its id from the data (macros/components/reflection/,
    checklist/), the id the first release's key held by position. If they drift, readers'
    words would silently stop showing."""
    reader.goto(base_url + "ledelse-pa-dagsordenen/tillit-og-roller.html")
    on_chapter_page = answer_field(reader, "Hvilken av de ulike rollene er du minst bekvem med")
    on_chapter_page.fill("Skrevet på kapittelsiden.")
    on_chapter_page.blur()
    reader.goto(base_url + NOTEBOOK)
    answer_field(reader).fill("Skrevet i Mine refleksjoner.")
    answer_field(reader).blur()
    reader.goto(base_url + CHECKLIST)
    reader.get_by_label(TICK).check()
    ours = reader.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('gl-')))")
    assert ours == {
        "gl-svar:roller-2": '{"svar":"Skrevet på kapittelsiden.",'
                            '"spørsmål":"Hvilken av de ulike rollene er du minst bekvem med, og hvorfor?"}',
        "gl-svar:verdier-1": '{"svar":"Skrevet i Mine refleksjoner.","spørsmål":"' + QUESTION + '"}',
        "gl-avkrysset:2": '{"punkt":"' + TICK + '"}',
    }
    assert {key.replace("gl-svar:", "gl-refleksjon:").replace("gl-avkrysset:", "gl-sjekkliste:")
            for key in ours} == set(FIRST_RELEASE)
    # Each shows where the other page asks the same question.
    reader.goto(base_url + NOTEBOOK)
    expect(answer_field(reader, "Hvilken av de ulike rollene er du minst bekvem med")).to_have_value(
        "Skrevet på kapittelsiden.")
    reader.goto(base_url + VERDIER)
    expect(answer_field(reader)).to_have_value("Skrevet i Mine refleksjoner.")


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
        reader.get_by_role("button", name="Last ned til notatprogram").click()
    path = tmp_path / "svar.md"
    info.value.save_as(path)

    renderer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # The oracle sees structure where there is some (negative control).
    assert "<h1>" in renderer.render(ANSWERS["verdier-1"])
    assert "<table>" in renderer.render(ANSWERS["roller-3"])
    html = BeautifulSoup(renderer.render(path.read_text(encoding="utf-8")), "html.parser")

    # Only the file's own structure: a title, chapters, boxes, questions in bold.
    assert [h.get_text() for h in html.find_all("h1")] == ["Mine refleksjoner"]
    assert len(html.find_all("h2")) == chapters + 1  # and the checklist
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
    assert len(re.findall(r"blir ikke sendt noe sted", text)) == 1, text[:600]
    # Download buttons name the kind of file for a reader, not only a format.
    names = reader.locator(".gl-notebook__tools button").all_inner_texts()
    assert names == ["Last ned som tekstfil", "Last ned til notatprogram", "Skriv ut", "Slett alle svar"]
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


# --- Material's document$ (instant navigation) --------------------------------------------------

SWAP_IN = """async (url) => {
  const next = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  document.querySelector("article").replaceWith(document.adoptNode(next.querySelector("article")));
  document$.next(document);
}"""


def test_scripts_set_up_each_page_material_emits_once(reader: Page, base_url: str) -> None:
    """reflection.js and storskjerm.js start through Material's document$, as instant
    navigation needs: the same page emitted again gets no second set of fields, notes,
    tools or click handlers; a page swapped in (as instant navigation does) gets its own."""
    reader.goto(base_url + NOTEBOOK)
    questions = reader.locator("[data-gl-question]").count()
    reader.evaluate("() => { document$.next(document); document$.next(document); }")
    expect(reader.locator("textarea")).to_have_count(questions)
    expect(reader.locator(".gl-notebook__tools")).to_have_count(1)
    expect(reader.locator("[role=status]")).to_have_count(2)  # the page's and the file reader's

    reader.goto(base_url + VERDIER)
    reader.evaluate("() => document$.next(document)")
    expect(reader.locator(".gl-reflection__privacy")).to_have_count(1)
    expect(reader.locator(".gl-reflection textarea")).to_have_count(3)
    reader.evaluate(SWAP_IN, base_url + "ledelse-pa-dagsordenen/tillit-og-roller.html")
    expect(reader.locator("#refleksjon-roller textarea")).to_have_count(3)
    expect(reader.locator("#refleksjon-roller .gl-reflection__privacy")).to_have_count(1)
    field = answer_field(reader, "Hvilken av de ulike rollene er du minst bekvem med")
    field.fill("Etter byttet.")
    field.blur()
    assert stored(reader, "gl-svar:roller-2") == "Etter byttet."
    # The swapped-in box's Storskjerm button is shown and opens one view.
    button = reader.locator("#refleksjon-roller .gl-storskjerm__button")
    expect(button).to_be_visible()
    button.click()
    expect(reader.locator("dialog.gl-storskjerm[open]")).to_have_count(1)
    reader.keyboard.press("Escape")
    expect(reader.locator("dialog.gl-storskjerm[open]")).to_have_count(0)
    expect(button).to_be_focused()
