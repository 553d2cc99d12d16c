"""The seminar pack (issue 11): «Vis på storskjerm» for every «Til refleksjon» box and
skill card, and the whole site as one zip that works from the file system offline."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from helpers import ROOT, Build, wait_until
from macros.outputs import SITE_ZIP as ZIP_NAME
from macros.outputs import ZIP_SIZE, size_label
from overrides.hooks import offline_zip, reproducible

DATA = ROOT / "docs" / "_data"
REFLECTIONS = yaml.safe_load((DATA / "reflections.yml").read_text(encoding="utf-8"))
ARCHETYPES = yaml.safe_load((DATA / "archetypes.yml").read_text(encoding="utf-8"))
FOLDER = offline_zip.FOLDER
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
CHAPTERS = {"ledelse-pa-dagsordenen": "1 Ledelse på dagsordenen",
            "lykkes-som-leder": "2 Hva skal til for å lykkes som leder?",
            "nyttige-tips": "3 Nyttige tips, råd og verktøy"}
STORED = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
TEXT_STYLE = "(p) => getComputedStyle(document.querySelector('.gl-storskjerm__text'))[p]"
SECRET = "HEMMELIG SVAR SOM IKKE SKAL PÅ STORSKJERM"


def _locations() -> dict[str, str]:
    """Which page shows each reflection box and each skill card (docs-relative .html)."""
    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for kind, key in re.findall(r"""\{\{\s*(reflection|archetype)\(\s*["']([\w-]+)["']""", text):
            prefix = "refleksjon" if kind == "reflection" else "ferdighet"
            found[f"{prefix}-{key}"] = path.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
    return found


LOCATIONS = _locations()


def slides_for(source: str) -> list[str]:
    """What the view must show for a box or card, in order."""
    kind, key = source.split("-", 1)
    if kind == "refleksjon":
        return [question["text"] for question in REFLECTIONS[key]["questions"]]
    card = ARCHETYPES[key]
    return [*card["traits"],
            f"Hvor godt kjenner du deg igjen i «{card['name']}»? Hva vil du trene på?"]


def test_every_box_and_card_has_a_button() -> None:
    assert sorted(k for k in LOCATIONS if k.startswith("refleksjon-")) == sorted(
        f"refleksjon-{key}" for key in REFLECTIONS)
    assert sorted(k for k in LOCATIONS if k.startswith("ferdighet-")) == sorted(
        f"ferdighet-{key}" for key in ARCHETYPES)


def test_buttons_are_hidden_without_javascript_and_name_their_chapter(site: Build) -> None:
    for source, page in LOCATIONS.items():
        soup = BeautifulSoup((site.site_dir / page).read_text(encoding="utf-8"), "html.parser")
        button = soup.select_one(f"#{source} button[data-gl-storskjerm]")
        assert button is not None, source
        assert button.has_attr("hidden"), f"{source}: a button that needs JavaScript must start hidden"
        assert button["data-gl-storskjerm"] == source
        assert button["data-gl-storskjerm-chapter"] == CHAPTERS[page.split("/")[0]]
        assert button.get_text(" ", strip=True).startswith("Vis på storskjerm")
        assert not soup.select(f"#{source} [onclick], #{source} script")


def open_by_keyboard(page: Page, source: str) -> None:
    """Focus the box itself, Tab to its button, press Enter."""
    page.evaluate("""(id) => { const box = document.getElementById(id);
        box.tabIndex = -1; box.focus(); }""", source)
    page.keyboard.press("Tab")
    button = page.locator(f"#{source} .gl-storskjerm__button")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("dialog.gl-storskjerm")).to_be_visible()


def shown(page: Page) -> tuple[str, str]:
    return (page.locator(".gl-storskjerm__counter").inner_text(),
            page.locator(".gl-storskjerm__text").inner_text())


def swipe(page: Page, dx: int) -> None:
    page.evaluate("""(dx) => { const d = document.querySelector('dialog.gl-storskjerm');
        const at = (type, x) => d.dispatchEvent(new PointerEvent(type, {pointerType: 'touch',
            clientX: x, clientY: 400, bubbles: true, isPrimary: true}));
        at('pointerdown', 600); at('pointerup', 600 + dx); }""", dx)


@pytest.mark.parametrize("source", sorted(LOCATIONS))
def test_storskjerm_steps_through_every_question_by_keyboard(page: Page, base_url: str, source: str) -> None:
    page.goto(base_url + LOCATIONS[source])
    open_by_keyboard(page, source)
    dialog = page.locator("dialog.gl-storskjerm")
    expected = slides_for(source)
    unit = "SPØRSMÅL" if source.startswith("refleksjon") else "PUNKT"
    n = len(expected)
    assert dialog.get_attribute("aria-labelledby")
    assert page.locator(".gl-storskjerm__chapter").inner_text() == CHAPTERS[LOCATIONS[source].split("/")[0]]
    assert page.locator("#gl-storskjerm-innhold").get_attribute("aria-live") == "polite"

    # A skill card's closing prompt is the edition's (issue 24): labelled, not counted among
    # KS' points.
    counted = n if unit == "SPØRSMÅL" else n - 1

    def at(i: int) -> None:
        label = f"{unit} {i + 1} AV {counted}" if i < counted else "TILLEGG I DEN DIGITALE UTGAVEN"
        assert shown(page) == (label, expected[i]), f"{source}: slide {i + 1}"

    at(0)
    for i in range(1, n):
        page.keyboard.press("ArrowRight")
        at(i)
    page.keyboard.press("ArrowRight")  # stays on the last
    at(n - 1)
    for i in range(n - 2, -1, -1):
        page.keyboard.press("ArrowLeft")
        at(i)
    page.keyboard.press("Space")
    at(1)
    page.keyboard.press("PageUp")
    at(0)
    page.keyboard.press("PageDown")
    at(1)
    swipe(page, -200)  # finger to the left: next
    at(2)
    swipe(page, 200)
    at(1)
    swipe(page, 20)  # too short to count
    at(1)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#{source} .gl-storskjerm__button")).to_be_focused()


def test_lukk_closes_and_returns_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + LOCATIONS["refleksjon-verdier"])
    open_by_keyboard(page, "refleksjon-verdier")
    page.get_by_role("button", name="Lukk").click()
    expect(page.locator("dialog.gl-storskjerm")).to_be_hidden()
    expect(page.locator("#refleksjon-verdier .gl-storskjerm__button")).to_be_focused()


def test_leaving_full_screen_leaves_the_view(page: Page, base_url: str) -> None:
    page.goto(base_url + LOCATIONS["refleksjon-roller"])
    open_by_keyboard(page, "refleksjon-roller")
    wait_until(page, "() => document.fullscreenElement === document.documentElement")
    page.evaluate("() => document.exitFullscreen()")  # what Esc or F11 does in full screen
    expect(page.locator("dialog.gl-storskjerm")).to_be_hidden()
    expect(page.locator("#refleksjon-roller .gl-storskjerm__button")).to_be_focused()


def test_no_answer_on_the_big_screen_and_nothing_stored(page: Page, base_url: str) -> None:
    page.goto(base_url + LOCATIONS["refleksjon-verdier"])
    for n in (1, 2, 3):  # reflection.js's key format: gl-refleksjon:<box>-<n>
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"gl-refleksjon:verdier-{n}", SECRET])
    page.reload()
    # Negative control: the answers are on the page, in the box's fields.
    expect(page.locator("#refleksjon-verdier textarea").first).to_have_value(SECRET)
    before = page.evaluate(STORED)
    open_by_keyboard(page, "refleksjon-verdier")
    dialog = page.locator("dialog.gl-storskjerm")
    for _ in range(3):
        assert SECRET not in dialog.inner_text()
        assert SECRET not in dialog.evaluate("d => d.outerHTML")
        page.keyboard.press("ArrowRight")
    assert dialog.locator("textarea, input").count() == 0
    page.keyboard.press("Escape")
    after = page.evaluate(STORED)
    assert after == before


@pytest.mark.parametrize(("width", "height", "minimum"),
                         [(1920, 1080, 48), (1280, 720, 40), (375, 700, 22)])
def test_question_type_is_large(
    browser: Browser, base_url: str, width: int, height: int, minimum: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO")
    page = context.new_page()
    page.goto(base_url + LOCATIONS["refleksjon-omgivelser"])
    open_by_keyboard(page, "refleksjon-omgivelser")
    for _ in range(3):  # the longest question must fit too, without sideways scrolling
        size = float(page.evaluate(TEXT_STYLE, "fontSize").removesuffix("px"))
        assert size >= minimum, f"{width}×{height}: {size}px"
        assert page.evaluate("() => { const d = document.querySelector('dialog.gl-storskjerm');"
                             " return d.scrollWidth <= d.clientWidth; }")
        page.keyboard.press("ArrowRight")
    context.close()


def test_reduced_motion_means_no_animation(browser: Browser, base_url: str) -> None:
    for motion, expected in (("reduce", "none"), ("no-preference", "gl-storskjerm-enter")):
        context = browser.new_context(reduced_motion=motion, locale="nb-NO")
        page = context.new_page()
        page.goto(base_url + LOCATIONS["refleksjon-kultur"])
        open_by_keyboard(page, "refleksjon-kultur")
        page.keyboard.press("ArrowRight")
        name = page.evaluate(TEXT_STYLE, "animationName")
        assert name == expected, motion
        context.close()


def test_storskjerm_is_not_printed(page: Page, base_url: str) -> None:
    page.goto(base_url + LOCATIONS["ferdighet-utforskeren"])
    expect(page.locator("#ferdighet-utforskeren .gl-storskjerm__button")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#ferdighet-utforskeren .gl-storskjerm__button")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_the_view_open(browser: Browser, base_url: str, scheme: str) -> None:
    axe = Axe()
    context = browser.new_context(color_scheme=scheme, locale="nb-NO")
    page = context.new_page()
    violations = {}
    for source in ("refleksjon-mestring", "ferdighet-meningsskaperen"):
        page.goto(base_url + LOCATIONS[source])
        assert page.locator("body").get_attribute("data-md-color-scheme") == (
            "slate" if scheme == "dark" else "default")
        open_by_keyboard(page, source)
        page.keyboard.press("ArrowRight")  # both step buttons enabled
        page.wait_for_timeout(400)  # after the fade-in
        found = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if found:
            violations[source] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]
    context.close()
    assert violations == {}


# The zip: overrides/hooks/offline_zip.py


def test_zip_holds_the_whole_site_sorted_in_one_folder(site: Build) -> None:
    archive = site.site_dir / ZIP_NAME
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert z.testzip() is None
        dates = {info.date_time for info in z.infolist()}
        front = z.read(f"{FOLDER}/index.html").decode("utf-8")
    assert names == sorted(names)
    assert all(name.startswith(FOLDER + "/") for name in names)
    built = sorted(p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*")
                   if p.is_file() and p.name != ZIP_NAME)
    assert [name.removeprefix(FOLDER + "/") for name in names] == built
    assert {"index.html", "guide-til-god-ledelse.pdf", "arbeidshefte.pdf",
            "assets/components/storskjerm/storskjerm.js", "search/search_index.js"} <= set(built)
    assert len(dates) == 1  # one fixed timestamp
    # The front page in the zip is the front page on the site, but for the zip's own size:
    # the zip is made once, and its size written into the published pages after it.
    published = (site.site_dir / "index.html").read_text(encoding="utf-8")
    label = size_label((site.site_dir / ZIP_NAME).stat().st_size, "ZIP")
    assert f"{ZIP_SIZE}>{label}<" in published and f"{ZIP_SIZE}>ZIP<" in front
    assert front != published  # the control for the next line
    assert front == published.replace(f"{ZIP_SIZE}>{label}<", f"{ZIP_SIZE}>ZIP<")


def test_front_page_offers_the_zip_with_its_size(site: Build) -> None:
    soup = BeautifulSoup((site.site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(f'a[href="{ZIP_NAME}"]')
    assert link is not None
    size = (site.site_dir / ZIP_NAME).stat().st_size
    assert link.select_one(f"[{ZIP_SIZE}]").get_text() == size_label(size, "ZIP")
    assert re.fullmatch(r"ZIP, \d+(,\d)? (kB|MB)", size_label(size, "ZIP"))
    text = link.find_parent("div").get_text(" ", strip=True)
    assert "uten nett" in text and "index.html" in text


def test_zip_is_reproducible(site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = offline_zip
    # The date the build used: SOURCE_DATE_EPOCH from `make`, else the last commit's
    # time, which overrides/hooks/reproducible.py sets for a plain `mkdocs build`.
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(reproducible.commit_time(ROOT)))
    with zipfile.ZipFile(site.site_dir / ZIP_NAME) as z:
        z.extractall(tmp_path)
    files = hook.site_files(tmp_path / FOLDER)  # the site as it stood when the zip was made
    first = hook.make_zip(files, hook.zip_date())
    assert first == (site.site_dir / ZIP_NAME).read_bytes()  # the build made exactly this, once
    assert hook.make_zip(files, hook.zip_date()) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert hook.zip_date() == (2026, 1, 1, 0, 0, 0)
    assert hook.make_zip(files, hook.zip_date()) != first  # negative control: the date is in it


def test_zip_works_offline_from_the_file_system(site: Build, browser: Browser, tmp_path: Path) -> None:
    with zipfile.ZipFile(site.site_dir / ZIP_NAME) as z:
        z.extractall(tmp_path)
    root = tmp_path / FOLDER
    context = browser.new_context(locale="nb-NO")
    left: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((root / "index.html").as_uri())
    # Navigation: a chapter from the front page, then a page in it.
    page.locator("article a", has_text="2 Hva skal til for å lykkes som leder i kommunal sektor?").click()
    expect(page).to_have_url(re.compile(r"lykkes-som-leder/index\.html$"))
    page.locator(".md-nav__link", has_text="Styringsdialogen").first.click()
    expect(page).to_have_url(re.compile(r"lykkes-som-leder/styringsdialogen\.html$"))
    # Search (the offline plugin's index, in an iframe worker).
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv søkeord", timeout=15_000)
    page.locator("input.md-search__input").press_sequentially("folkevalgte")
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("styringsdialogen.html" in (href or "") for href in hrefs), hrefs
    page.keyboard.press("Escape")
    # Storskjerm, from the file system.
    page.goto((root / LOCATIONS["refleksjon-styringsdialog"]).as_uri())
    open_by_keyboard(page, "refleksjon-styringsdialog")
    assert shown(page)[1] == REFLECTIONS["styringsdialog"]["questions"][0]["text"]
    page.keyboard.press("ArrowRight")
    assert shown(page)[1] == REFLECTIONS["styringsdialog"]["questions"][1]["text"]
    # The notebook page.
    page.goto((root / "mine-refleksjoner.html").as_uri())
    expect(page.locator("h1")).to_have_text(re.compile("Mine refleksjoner"))
    context.close()
    assert left == []
    assert errors == []
