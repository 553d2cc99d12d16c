"""Universal design and privacy, proven in Chromium on every page, in both schemes.

The tests over every page assert on the shared walks (conftest.py `walks`, tests/pagewalk.py),
which open each page once per scheme and collect what they check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from pagewalk import AXE_OPTIONS, PAGES, Walks

FOCUSABLE_NAME = """() => {
  const e = document.activeElement;
  return (e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent || '').trim();
}"""
FOCUS_RING = """() => {
  const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
}"""


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def scheme_page(browser: Browser, scheme: str, **options: object) -> Page:
    return browser.new_context(color_scheme=scheme, locale="nb-NO", **options).new_page()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(walks: Walks, scheme: str) -> None:
    walk = walks[scheme]
    assert [visit.path for visit in walk.visits] == PAGES
    expected = "slate" if scheme == "dark" else "default"
    assert {visit.path: visit.scheme for visit in walk.visits if visit.scheme != expected} == {}
    violations = {visit.path: visit.axe for visit in walk.visits if visit.axe}
    assert violations == {}


def test_axe_scan_sees_a_planted_violation(browser: Browser, base_url: str, axe: Axe) -> None:
    """Negative control: an image without alt text on a real page must be reported."""
    page = scheme_page(browser, "light")
    page.goto(base_url + "index.html")
    page.evaluate("""() => { const i = document.createElement('img');
        i.src = 'assets/images/logo.svg'; document.querySelector('article').append(i); }""")
    ids = [v["id"] for v in axe.run(page, options=AXE_OPTIONS).response["violations"]]
    page.context.close()
    assert "image-alt" in ids


def test_no_request_leaves_the_site_and_nothing_is_stored(walks: Walks) -> None:
    """Every page in both schemes, and (light) a search after them, in one browser context each."""
    for walk in (walks["light"], walks["dark"]):
        assert len(walk.visits) == len(PAGES)
        assert walk.hosts == {"127.0.0.1"}
        assert walk.cookies == []
        assert walk.local_storage == 0
        assert walk.session_storage == 0


def test_palette_toggle_is_remembered_only_when_used(browser: Browser, base_url: str) -> None:
    page = scheme_page(browser, "light")
    page.goto(base_url + "forord.html")
    assert page.evaluate("localStorage.length") == 0
    page.get_by_label("Bytt til mørkt tema").focus()  # by keyboard, as the walk reaches it
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(base_url + "index.html")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("localStorage.length") == 1
    page.context.close()


def test_every_page_is_norwegian_without_english_ui_text(walks: Walks) -> None:
    """`lang="nb"`, and no English in labels, titles, alt texts or the header, navigation,
    footer and search (pagewalk.ENGLISH), on every page in both schemes."""
    for walk in (walks["light"], walks["dark"]):
        assert {visit.path: visit.lang for visit in walk.visits if visit.lang != "nb"} == {}
        problems = {visit.path: visit.english for visit in walk.visits if visit.english}
        assert problems == {}


@pytest.mark.parametrize(("width", "font_scale"), [(320, 1), (1280, 2)])
def test_no_page_scrolls_sideways(walks: Walks, width: int, font_scale: int) -> None:
    """WCAG 1.4.10 reflow at 320 CSS px, and 1.4.4 text enlarged to 200 % (the light walk
    sets each page to 1280 × 800 with the text at 200 %, then to 320 × 800 at 100 %)."""
    light_walk = walks["light"]
    wide = {visit.path: visit.overflow[(width, font_scale)] for visit in light_walk.visits
            if visit.overflow[(width, font_scale)] > 0}
    assert len(light_walk.visits) == len(PAGES)
    assert wide == {}


def test_keyboard_walk(browser: Browser, base_url: str) -> None:
    """Skip link first; then search, palette toggle and navigation, each with a visible ring."""
    page = scheme_page(browser, "light")
    page.goto(base_url + "ledelse-pa-dagsordenen/tillit-og-roller.html")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSABLE_NAME) == "Gå til innhold"
    assert page.evaluate(FOCUS_RING)
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSABLE_NAME))
        assert page.evaluate(FOCUS_RING), reached[-1]
    for name in ("Bytt til mørkt tema", "Søk", "Forside", "Til deg som er leder"):
        assert name in reached, reached
    assert reached.index("Søk") < reached.index("Forside")
    # The skip link moves focus past the header and navigation into the content.
    page.goto(base_url + "ledelse-pa-dagsordenen/tillit-og-roller.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null")


def test_search_works_and_closes_by_keyboard(browser: Browser, base_url: str) -> None:
    page = scheme_page(browser, "light")
    page.goto(base_url + "index.html")
    field = page.locator("input.md-search__input")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    expect(field).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv søkeord", timeout=10_000)
    page.keyboard.type("tillit")
    # Wait for the results of the whole word, not of «t», «ti» … typed on the way: the
    # list is redrawn for each, and a redraw after ArrowDown would take the focus away.
    expect(page.locator('.md-search-result__item a[href*="tillit-og-roller"]').first).to_be_attached(
        timeout=10_000)
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    assert page.evaluate(FOCUS_RING)
    page.keyboard.press("Escape")
    expect(field).not_to_be_focused()
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("Tab")  # focus is back in the page, not trapped in the dialog
    assert page.evaluate("document.activeElement.closest('.md-search') === null")


def test_focused_element_is_not_hidden_under_the_sticky_header(browser: Browser, base_url: str) -> None:
    """WCAG 2.4.11: tabbing through a long page keeps each focused link below the header."""
    page = scheme_page(browser, "light", viewport={"width": 1280, "height": 600})
    page.goto(base_url + "referanser.html")
    page.locator("article a").last.focus()
    page.keyboard.press("Shift+Tab")
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert top >= header_bottom


def test_printing_a_page_shows_content_only(browser: Browser, base_url: str) -> None:
    page = scheme_page(browser, "light")
    page.goto(base_url + "ledelse-pa-dagsordenen/tydelige-verdier.html")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".gl-pdf-link", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".gl-reflection")).to_be_visible()
    lines = page.locator(".gl-reflection__lines").first
    assert lines.is_visible() and lines.bounding_box()["height"] > 50  # room to write
    page.context.close()


def test_accessibility_statement_is_linked_from_every_page(walks: Walks, base_url: str) -> None:
    """One footer link named «Tilgjengelighetserklæring», to the statement, on every page."""
    statement = base_url + "tilgjengelighetserklaering.html"
    for walk in (walks["light"], walks["dark"]):
        links = {visit.path: visit.statement_links for visit in walk.visits}
        assert list(links) == PAGES
        assert {path: found for path, found in links.items() if found != [statement]} == {}


CONTRAST = """([fg, bg]) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_brand_palette_contrast(browser: Browser, base_url: str, scheme: str) -> None:
    """Text ≥ 4.5:1, focus rings and UI ≥ 3:1 against what they sit on, in both schemes."""
    page = scheme_page(browser, scheme)
    page.goto(base_url + "index.html")
    colours = page.evaluate("""() => {
      const style = element => getComputedStyle(element);
      const body = style(document.body).backgroundColor;
      const header = style(document.querySelector('.md-header')).backgroundColor;
      const link = document.querySelector('article li > a[href]');
      link.focus();
      const linkFocus = style(link).outlineColor;
      const logo = document.querySelector('.md-header .md-logo');
      logo.focus();
      return {
        text: [style(document.querySelector('article p')).color, body],
        link: [style(link).color, body],
        headerText: [style(document.querySelector('.md-header__title')).color, header],
        focus: [linkFocus, body],
        headerFocus: [style(logo).outlineColor, header],
      };
    }""")
    page.goto(base_url + "ledelse-pa-dagsordenen/tydelige-verdier.html")
    colours["box"] = page.evaluate("""() => [
      getComputedStyle(document.querySelector('.gl-reflection')).borderLeftColor,
      getComputedStyle(document.body).backgroundColor]""")
    ratios = {name: page.evaluate(CONTRAST, pair) for name, pair in colours.items()}
    page.context.close()
    for name in ("text", "link", "headerText"):
        assert ratios[name] >= 4.5, (name, ratios[name], colours[name])
    for name in ("focus", "headerFocus", "box"):
        assert ratios[name] >= 3, (name, ratios[name], colours[name])


def test_keyboard_reaches_the_pdf_link_after_search_and_navigation(browser: Browser, base_url: str) -> None:
    page = scheme_page(browser, "light")
    page.goto(base_url + "forord.html")
    order = []
    for _ in range(80):
        page.keyboard.press("Tab")
        name = page.evaluate(FOCUSABLE_NAME)
        order.append(name)
        assert page.evaluate(FOCUS_RING), name
        if name.startswith("Last ned hele guiden"):
            break
    assert order[0] == "Gå til innhold"
    assert order.index("Bytt til mørkt tema") < order.index("Søk") < order.index("Forside")
    assert order[-1].startswith("Last ned hele guiden"), order
    assert page.evaluate("document.activeElement.href") == base_url + "guide-til-god-ledelse.pdf"
    page.context.close()


def test_norwegian_translation_overrides_only_materials_english_leftovers() -> None:
    """overrides/partials/languages/nb-custom.html holds only the strings Material's nb
    leaves in English; every other string is still Material's own Norwegian."""
    import jinja2
    import material

    from helpers import ROOT

    language = re.search(r"^\s+language:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert language is not None and language.group(1) == "nb-custom"
    templates = jinja2.Environment(loader=jinja2.FileSystemLoader(
        [ROOT / "overrides", Path(material.__file__).parent / "templates"]))
    config = {"theme": {"language": language.group(1)}}
    t = templates.get_template("partials/language.html").make_module({"config": config}).t
    material_nb = templates.get_template("partials/languages/nb.html").module.t
    ours = {"header": "Topptekst", "footer": "Bunntekst", "consent.reject": "Avvis",
            "rss.created": "RSS-strøm", "rss.updated": "Oppdatert RSS-strøm"}
    for key, norwegian in ours.items():
        assert str(t(key)) == norwegian, key
        assert str(material_nb(key)) != norwegian, f"Material translates {key!r} now: drop ours"
    # Not overridden: Material's own Norwegian comes through, and the page stays nb.
    override = (ROOT / "overrides/partials/languages/nb-custom.html").read_text(encoding="utf-8")
    for key, norwegian in {"search.placeholder": "Søk", "footer.next": "Neste", "toc": "Innholdsliste",
                           "language": "nb", "direction": "ltr"}.items():
        assert f'"{key}"' not in override
        assert str(t(key)) == norwegian, key
