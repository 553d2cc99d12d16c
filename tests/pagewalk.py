"""One visit to every page per colour scheme, collecting what several tests check.

test_accessibility.py and test_csp.py used to open every page once per check (axe, the
requests, the language, the footer link, reflow at 320 px and at 200 % text, the
Content-Security-Policy): about ten walks over 32 pages. Now each page is opened once per
walk, and each test asserts on what the walk saw there (conftest.py `walks`: "light" and
"dark" over http, "file" from the file system):

| seen on each page                                     | light | dark | file |
| ----------------------------------------------------- | ----- | ---- | ---- |
| the scheme Material applied, `lang`, a visible `h1`   | yes   | yes  | yes  |
| CSP violation reports, console errors and warnings,   | yes   | yes  | yes  |
| page errors                                           |       |      |      |
| axe-core violations (after the reports are taken)     | yes   | yes  |      |
| English UI text, the footer's statement link          | yes   | yes  |      |
| sideways scrolling at 1280 px with 200 % text, 320 px | yes   |      |      |
| hosts requested; cookies and storage after the walk   | yes   | yes  | yes  |
| (the light walk ends with a search, then looks again) |       |      |      |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page, expect

from sitepages import nav_pages

# «Personvern» is linked from the footer, not the sidebar (mkdocs.yml not_in_nav).
PAGES = [src.removesuffix(".md") + ".html" for src in nav_pages()] + ["personvern.html", "404.html"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Every frame (the search iframe from the file system too) records violation reports.
WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const report =
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`;
  try { (window.top.__csp || window.__csp).push(report); } catch { window.__csp.push(report); }
});
"""
# English UI strings Material or the browser could show; none may reach a reader.
ENGLISH = re.compile(
    r"\b(Search|Header|Footer|Navigation|Table of contents|Back to top|Skip to content|Previous|Next"
    r"|Made with|Not found|Share|Clear|Type to start searching|Initializing search|No matching"
    r"|Copy to clipboard|Switch to|Initializing|Edit this page)\b"
)
LABELS = """() => [...document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')]
    .flatMap(e => ['aria-label', 'title', 'alt', 'placeholder'].map(a => e.getAttribute(a)))
    .filter(Boolean)"""
STATEMENT = "Tilgjengelighetserklæring"
VIEWPORT = {"width": 1280, "height": 720}  # Playwright's default, as the walks had before
# (width, text scale): WCAG 1.4.4 text enlarged to 200 % at the width the page was opened
# with, then 1.4.10 reflow at 320 CSS px (narrowing after a page is laid out is what a
# reader does; widening after 320 px left Material's layout 34 px too wide on one page).
REFLOW = [(1280, 2), (320, 1)]


@dataclass
class Visit:
    """What one page showed in one walk."""

    path: str
    scheme: str | None  # body[data-md-color-scheme]
    lang: str | None
    h1_visible: bool
    csp: list[str]  # violation reports, console errors and warnings, page errors
    axe: list[tuple[str, list]] | None = None  # (rule, first three targets) per violation
    english: list[str] | None = None
    statement_links: list[str] | None = None  # the footer links named STATEMENT, as URLs
    overflow: dict[tuple[int, int], int] = field(default_factory=dict)  # px scrolled sideways


@dataclass
class Walk:
    base: str
    visits: list[Visit]
    hosts: set[str]  # every host requested (URL scheme for file:, data:, blob:)
    cookies: list
    local_storage: int
    session_storage: int


def _host(url: str) -> str:
    parsed = urlparse(url)
    return parsed.hostname or parsed.scheme


def walk(browser: Browser, base: str, *, scheme: str, axe: bool, ui: bool, reflow: bool,
         search: bool) -> Walk:
    """Open every page under `base` once in a fresh context, in `scheme`; see the table above."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, locale="nb-NO", viewport=VIEWPORT)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    hosts: set[str] = set()
    problems: list[str] = []
    page.on("request", lambda request: hosts.add(_host(request.url)))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") or "Content Security Policy" in message.text
            else None)
    scanner = Axe() if axe else None
    visits = []
    for path in PAGES:
        page.set_viewport_size(VIEWPORT)
        page.goto(base + path)
        page.wait_for_load_state("load")
        # Late work: Material moves the header buttons' titles into its tooltips 270–290 ms
        # after `load` (measured on every page, both schemes); the checks below read those
        # attributes. Also the notebook and the search worker where they start.
        page.wait_for_timeout(300)
        visit = Visit(path, page.locator("body").get_attribute("data-md-color-scheme"),
                      page.locator("html").get_attribute("lang"), page.locator("h1").first.is_visible(),
                      page.evaluate("window.__csp") + problems)
        reported = len(problems)
        problems.clear()
        if ui:
            chrome = page.locator("header, nav, footer, .md-search").all_inner_texts()
            visit.english = [text for text in [*page.evaluate(LABELS), *chrome] if ENGLISH.search(text)]
            visit.statement_links = page.locator("footer").get_by_role(
                "link", name=STATEMENT, exact=True).evaluate_all("links => links.map(a => a.href)")
        if scanner is not None:
            found = scanner.run(page, options=AXE_OPTIONS).response["violations"]
            visit.axe = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]
        if reflow:
            for width, scale in REFLOW:
                page.set_viewport_size({"width": width, "height": 800})
                size = f"{scale * 100}%" if scale != 1 else ""  # "": the site's own size
                page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                visit.overflow[(width, scale)] = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
        # Whatever the page reported while it was being checked counts too.
        visit.csp += page.evaluate("window.__csp")[len(visit.csp) - reported:] + problems
        problems.clear()
        visits.append(visit)
    if search:
        page.set_viewport_size(VIEWPORT)  # the reflow step left it at 320 px
        search_for(page, base + "index.html", "tillit")
    result = Walk(base, visits, hosts, context.cookies(), page.evaluate("localStorage.length"),
                  page.evaluate("sessionStorage.length"))
    context.close()
    return result


def search_for(page: Page, url: str, query: str) -> None:
    """Type `query` into the search on `url` and wait until results and the network are still."""
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    expect(page.locator(".md-search-result__item").first).to_be_attached(timeout=10_000)
    page.wait_for_load_state("networkidle")


class Walks:
    """The session's walks, each made the first time a test reads it."""

    SETTINGS = {
        "light": {"scheme": "light", "axe": True, "ui": True, "reflow": True, "search": True},
        "dark": {"scheme": "dark", "axe": True, "ui": True, "reflow": False, "search": False},
        "file": {"scheme": "light", "axe": False, "ui": False, "reflow": False, "search": False},
    }

    def __init__(self, browser: Browser, http_base: str, file_base: str) -> None:
        self.browser, self.bases = browser, {"light": http_base, "dark": http_base, "file": file_base}
        self.done: dict[str, Walk] = {}

    def __getitem__(self, name: str) -> Walk:
        if name not in self.done:
            self.done[name] = walk(self.browser, self.bases[name], **self.SETTINGS[name])
        return self.done[name]
