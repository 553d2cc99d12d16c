"""What a reader's first visit loads: one stylesheet and one script of the site's own
(overrides/hooks/bundle.py), search only when the reader reaches for it
(overrides/hooks/material_patches.py), and the front page within its weight budget."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import tinycss2
import yaml
from playwright.sync_api import Page, expect

from helpers import ROOT, Build
from overrides.hooks import bundle
from sitepages import _IgnoreTags, soup

# Material's own files, which every page loads too.
MATERIAL = re.compile(r"assets/(stylesheets/(main|palette)|javascripts/bundle)\.[0-9a-f]{8}\.min\.(css|js)$")
POLYFILL = "assets/javascripts/vendor/iframe-worker-shim.js"
CSS_BUNDLE = re.compile(r"assets/stylesheets/guide\.[0-9a-f]{8}\.min\.css$")
JS_BUNDLE = re.compile(r"assets/javascripts/guide\.[0-9a-f]{8}\.min\.js$")
HEAD_BUNDLE = re.compile(r"assets/javascripts/guide-head\.[0-9a-f]{8}\.min\.js$")
SEARCH_FILES = re.compile(r"search_index\.json|workers/search\.|lunr\.")
FRONT_PAGE_BUDGET_KB = 120
FRONT_PAGE_REQUESTS = 16


def config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)


def own(urls: list[str]) -> list[str]:
    return [url for url in urls if not MATERIAL.search(url) and not url.endswith(POLYFILL)]


def test_every_page_links_one_stylesheet_and_one_script_of_its_own(site: Build) -> None:
    pages = sorted(site.site_dir.rglob("*.html"))
    assert len(pages) >= 30
    for path in pages:
        page = soup(path)
        sheets = own([link["href"] for link in page.select("link[rel=stylesheet]")])
        assert len(sheets) == 1 and CSS_BUNDLE.search(sheets[0]), (path, sheets)
        head = own([script["src"] for script in page.head.select("script[src]")])
        assert len(head) == 1 and HEAD_BUNDLE.search(head[0]), (path, head)
        body = [script["src"] for script in page.body.select("script[src]")]
        assert len(own(body)) == 1 and JS_BUNDLE.search(own(body)[0]), (path, body)
        # After Material's bundle, as extra_javascript always was.
        assert JS_BUNDLE.search(body[-1]) and MATERIAL.search(body[-2]), (path, body)


def _sources(listed: list[str], suffix: str | None) -> dict[str, str]:
    """What a bundle is made of: the files mkdocs.yml lists, then every component's
    `<name><suffix>` (macros/components/; the head bundle has none), each path with its text."""
    texts = {}
    for path in listed:
        [found] = [folder / path for folder in (ROOT / "docs", ROOT / "overrides")
                   if (folder / path).is_file()]
        texts[path] = found.read_text(encoding="utf-8")
    for path, source in (bundle.component_sources(suffix) if suffix else {}).items():
        texts[path] = source.read_text(encoding="utf-8")
    return texts


def _preludes(css: str) -> list[str]:
    """Each rule's selector or at-rule, white space removed, in order, nested rules included."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            found.append(re.sub(r"\s+", "", tinycss2.serialize(rule.prelude)))
        elif rule.type == "at-rule":
            found.append("@" + rule.lower_at_keyword + re.sub(r"\s+", "", tinycss2.serialize(rule.prelude)))
            if rule.lower_at_keyword in ("media", "supports", "layer", "container") and rule.content:
                found += _preludes(tinycss2.serialize(rule.content))
    return found


def test_the_stylesheet_bundle_holds_every_rule_of_every_source_in_order(site: Build) -> None:
    sources = _sources(config()["extra_css"], ".css")
    assert len(sources) >= 15
    expected = [prelude for text in sources.values() for prelude in _preludes(text)]
    [bundle_file] = site.site_dir.glob("assets/stylesheets/guide.*.min.css")
    text = bundle_file.read_text(encoding="utf-8")
    assert _preludes(text) == expected
    assert "/*" not in text and "\n  " not in text  # minified
    # print.css, last, still holds the print rules the PDF and the print view share.
    assert text.rstrip().endswith("}") and "@media print" in text


def _strings(code: str) -> list[str]:
    """The double-quoted string literals of a script, comments left out."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    code = re.sub(r"(?m)^\s*//.*$", "", code)
    return re.findall(r'"(?:[^"\\\n]|\\.)*"', code)


def test_the_script_bundles_hold_every_source_in_order(site: Build) -> None:
    settings = config()
    for sources, pattern in ((_sources(settings["extra_javascript"], ".js"), "guide.*.min.js"),
                             (_sources(settings["extra"]["head_javascript"], None), "guide-head.*.min.js")):
        assert sources
        [bundle_file] = site.site_dir.glob(f"assets/javascripts/{pattern}")
        text = bundle_file.read_text(encoding="utf-8")
        position = 0
        for source, code in sources.items():
            strings = [s for s in _strings(code) if len(s) > 4]
            assert strings, source
            for string in strings:  # every string literal of the source, in its order
                found = text.find(string, position)
                assert found >= 0, (source, string)
                position = found
        assert len(text) < sum(len(code) for code in sources.values()) * 0.8


def test_relative_urls_are_rebased_to_the_bundles_folder() -> None:
    css = 'a{background:url(../images/x.svg)}b{background:url("data:image/svg+xml,<svg/>")}'
    rebased = bundle.rebase_urls(css, "css/extra/a.css", "assets/stylesheets/guide.x.min.css")
    assert 'url("../../css/images/x.svg")' in rebased
    assert 'url("data:image/svg+xml,<svg/>")' in rebased  # not relative: unchanged
    # Negative control: from the bundle's own folder nothing changes.
    assert bundle.rebase_urls(css, "assets/stylesheets/a.css", "assets/stylesheets/guide.x.min.css") == css


def test_a_bundle_is_named_by_its_content() -> None:
    one, two = bundle.hashed(bundle.CSS_BUNDLE, "a{}"), bundle.hashed(bundle.CSS_BUNDLE, "b{}")
    assert one != two and CSS_BUNDLE.search(one) and CSS_BUNDLE.search(two)


def _requests(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_the_front_page_loads_no_search_until_the_reader_reaches_for_it(page: Page, base_url: str) -> None:
    urls = _requests(page)
    page.goto(base_url + "index.html")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in urls if SEARCH_FILES.search(url)], urls
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("verdiene")
    expect(page.locator(".md-search-result__item").first).to_be_attached(timeout=15_000)
    assert [url for url in urls if "search_index.json" in url]
    assert [url for url in urls if "workers/search." in url]


def test_a_search_shortcut_and_a_highlight_link_load_the_index(page: Page, base_url: str) -> None:
    urls = _requests(page)
    page.goto(base_url + "index.html")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("s")  # Material's shortcut: focuses the search field
    page.keyboard.type("verdiene")
    expect(page.locator(".md-search-result__item").first).to_be_attached(timeout=15_000)
    # A page opened from a search result highlights the words: it needs the index at once.
    urls.clear()
    page.goto(base_url + "ledelse-pa-dagsordenen/tydelige-verdier.html?h=verdiene")
    expect(page.locator("article mark").first).to_be_attached(timeout=15_000)
    assert [url for url in urls if "search_index.json" in url]


def test_the_front_page_first_visit_is_within_its_budget(page: Page, base_url: str, site: Build) -> None:
    urls = _requests(page)
    page.goto(base_url + "index.html")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    local = [urlparse(url) for url in dict.fromkeys(urls)]
    assert all(url.hostname == "127.0.0.1" for url in local)
    base = urlparse(base_url).path
    files = [site.site_dir / unquote(url.path).removeprefix(base) for url in local]
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files) / 1024
    assert len(files) <= FRONT_PAGE_REQUESTS, [url.path for url in local]
    assert total <= FRONT_PAGE_BUDGET_KB, f"{total:.1f} KB gzip"


def test_the_pdf_is_given_the_stylesheets_one_by_one() -> None:
    """mkdocs-to-pdf renders the handbook from the page's <head>: print.css, fonts.css and
    terrain.css must reach it as files (overrides/hooks/handbook.py), not inside the bundle."""
    from overrides.hooks.handbook import unbundled_css

    page = ('<head><link rel="stylesheet" href="../assets/stylesheets/main.1.min.css">'
            '<link rel="stylesheet" href="../assets/stylesheets/guide.abcd1234.min.css"></head>')
    bundled = {"bundle": "assets/stylesheets/guide.abcd1234.min.css",
               "sources": ["assets/stylesheets/fonts.css", "assets/stylesheets/print.css"]}
    html = unbundled_css(page, bundled)
    assert re.findall(r'href="([^"]+)"', html) == ["../assets/stylesheets/main.1.min.css",
                                                  "../assets/stylesheets/fonts.css",
                                                  "../assets/stylesheets/print.css"]
    assert Path(ROOT / "docs" / "assets" / "stylesheets" / "print.css").is_file()


FONT_SWAP_PAGES = ["index.html", "ledelse-pa-dagsordenen/tillit-og-roller.html"]
FONT_SWAP_LIMIT_PX = 60  # how far the first headings and paragraphs may move when the fonts arrive
# The metric-compatible faces fonts.css names for «Source Sans 3 Fallback». `make` installs
# Liberation Sans (Debian's fonts-liberation), which has Arial's widths.
FALLBACK_FACES = ("Liberation Sans", "Arial", "Helvetica", "Nimbus Sans")
# Every face the measured text uses, asked for by name: the promise settles when each has
# loaded or failed. `document.fonts.ready` alone can settle before a face has been asked for.
FACES_SETTLED = """async () => {
    const sample = "Tillit æøå";
    for (const face of ['400 16px', 'italic 400 16px', '700 16px', 'italic 700 16px']) {
        try { await document.fonts.load(`${face} "Source Sans 3"`, sample); } catch (e) { /* blocked */ }
    }
    await document.fonts.ready;
}"""


def _platform_font(page: Page, selector: str) -> str:
    """The font Chromium really drew `selector`'s text with (DevTools: CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return max(fonts, key=lambda font: font["glyphCount"])["familyName"]


def _block_tops(browser, url: str, *, fonts: bool, fallback: str = "") -> tuple[list[float], str]:
    """Where the first 12 headings and paragraphs stand on a 360 px phone, with the web fonts
    loaded or not (the text then stays in the fallback), optionally with another family in
    place of the fallback faces; and the font the first paragraph was drawn with."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    if not fonts:
        page.route("**/*.woff2", lambda route: route.abort())
    if fallback:  # another family in place of the metric-matched fallback faces
        def without_fallback(route) -> None:
            css = route.fetch().text()
            stack = '--md-text-font:"Source Sans 3","Source Sans 3 Fallback"'
            assert stack in css
            route.fulfill(body=css.replace(stack, f'--md-text-font:"Source Sans 3","{fallback}"'),
                          content_type="text/css")
        page.route(CSS_BUNDLE, without_fallback)
    page.goto(url)
    page.evaluate(FACES_SETTLED)
    tops = page.evaluate("""() => [...document.querySelectorAll('article h2, article p')].slice(0, 12)
        .map(element => element.getBoundingClientRect().top + scrollY)""")
    font = _platform_font(page, "article p")
    context.close()
    return tops, font


@pytest.mark.parametrize("path", FONT_SWAP_PAGES)
def test_the_text_barely_moves_when_the_web_fonts_arrive(browser, base_url: str, path: str) -> None:
    """Until Source Sans 3 has loaded, the text is set in Arial/Helvetica scaled to its metrics
    (fonts.css, «Source Sans 3 Fallback»): the swap must not push the text down the screen."""
    url = base_url + path
    loaded, font = _block_tops(browser, url, fonts=True)
    # The subsets are cut from the variable font, whose family name is «Source Sans 3 ExtraLight».
    assert font.startswith("Source Sans 3"), f"{path}: measured in {font}, not the web font"
    waiting, fallback = _block_tops(browser, url, fonts=False)
    assert fallback in FALLBACK_FACES, (
        f"{path}: the fallback was drawn in {fallback}, none of {FALLBACK_FACES}: install fonts-liberation")
    assert len(loaded) >= 6 and len(loaded) == len(waiting)
    moved = max(abs(a - b) for a, b in zip(loaded, waiting, strict=True))
    assert moved <= FONT_SWAP_LIMIT_PX, (
        f"{path}: the text moves {moved:.0f} px when the fonts arrive ({fallback})")
    # Negative control: a family with other widths in place of the fallback faces (DejaVu Sans,
    # which fontconfig brings to every machine with Chromium) moves the text much further.
    # Plain Liberation Sans, unscaled, is no control: it moved these pages 16 and 26 px,
    # against 42 and 51 px for the scaled faces (measured in Chromium 156).
    bare, default = _block_tops(browser, url, fonts=False, fallback="DejaVu Sans")
    assert default == "DejaVu Sans", default
    unmatched = max(abs(a - b) for a, b in zip(loaded, bare, strict=True))
    assert unmatched > 2 * FONT_SWAP_LIMIT_PX, (
        f"{path}: negative control ({default}) moved only {unmatched:.0f} px, against {moved:.0f} px "
        f"in {fallback}")
