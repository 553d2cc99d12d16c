"""The Content-Security-Policy (overrides/hooks/csp.py): on every page, strict, and the site
works under it in Chromium, over http and from the file system."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, expect

from helpers import Build
from overrides.hooks import csp as csp_hook
from pagewalk import PAGES, WATCH_VIOLATIONS, Walks

VERDIER = "ledelse-pa-dagsordenen/tydelige-verdier.html"
LAW = "ledelse-pa-dagsordenen/lov-og-avtaleverk.html"
NOTEBOOK = "mine-refleksjoner.html"
QUESTION = "Hvordan kommer organisasjonens verdier til uttrykk i ditt lederskap?"


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def policy_of(path: Path) -> tuple[dict[str, list[str]], BeautifulSoup]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    metas = page.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, (path, len(metas))
    return directives(metas[0]["content"]), page


class Watch:
    """A browser context whose pages report CSP violations, console errors and page errors."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.problems: list[str] = []
        context.add_init_script(WATCH_VIOLATIONS)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message) -> None:
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text} ({self.page.url})")

    def goto(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def report(self) -> list[str]:
        """Violations seen by the current page plus every console or page error so far."""
        return self.page.evaluate("window.__csp") + self.problems


@pytest.fixture(scope="session")
def file_url(site: Build) -> str:
    """The built site opened straight from the file system."""
    return site.site_dir.as_uri() + "/"


@pytest.fixture(params=["http", "file"])
def where(request: pytest.FixtureRequest) -> str:
    """The site's address over http (under a sub-path) and from the file system."""
    return request.getfixturevalue("base_url" if request.param == "http" else "file_url")


@pytest.fixture
def watch(browser: Browser):
    context = browser.new_context(locale="nb-NO", accept_downloads=True, color_scheme="light")
    yield Watch(context)
    context.close()


# --- the policy in the built files ---------------------------------------------------------

def test_every_page_carries_a_strict_policy_before_any_script(site: Build) -> None:
    pages = sorted(site.site_dir.rglob("*.html"))
    assert len(pages) == len(PAGES) == 33
    for path in pages:
        policy, soup = policy_of(path)
        script_src = policy["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert not {"data:", "blob:", "*", "http:", "https:"} & set(script_src), path
        assert policy["default-src"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'none'"]
        assert policy["style-src"] == ["'self'"]
        assert "frame-ancestors" not in policy  # ignored in <meta>, with a console error
        head = list(soup.head.children)
        meta = soup.select_one('meta[http-equiv="Content-Security-Policy"]')
        first_script = soup.find(["script", "link", "style"])
        assert head.index(meta) < head.index(first_script), path
        # Each inline script the browser runs is allowed by its hash, and nothing more.
        inline = [s.string or "" for s in soup.find_all("script", src=False)
                  if s.get("type", "text/javascript") == "text/javascript"]
        hashes = {csp_hook.script_hash(text) for text in inline}
        assert hashes == {s for s in script_src if s.startswith("'sha256-")}, path


def test_hashes_follow_the_page_depth(site: Build) -> None:
    """Material's first inline script names the site root relative to the page, so pages at
    different depths need different hashes: computed per page, not copied."""
    top, _ = policy_of(site.site_dir / "index.html")
    deep, _ = policy_of(site.site_dir / VERDIER)
    assert set(top["script-src"]) != set(deep["script-src"])
    assert "'self'" in top["script-src"] and "'self'" in deep["script-src"]


def test_build_stops_when_an_inline_script_changes_after_hashing(tmp_path: Path, site: Build) -> None:
    """The hook's last check: a script altered after its hash was taken stops the build."""
    page = tmp_path / "index.html"
    html = (site.site_dir / "index.html").read_text(encoding="utf-8")
    page.write_text(html.replace("__md_hash=", "__md_hash2=", 1), encoding="utf-8")
    with pytest.raises(Exception, match="changed after its hash was taken"):
        csp_hook.check_site(tmp_path)
    page.write_text(html, encoding="utf-8")
    assert csp_hook.check_site(tmp_path) == 1


# --- the site works under it in Chromium --------------------------------------------------

@pytest.mark.parametrize("names", [("light", "dark"), ("file",)], ids=["http", "file"])
def test_every_page_opens_without_violations_or_console_errors(walks: Walks, names: tuple[str, ...]) -> None:
    """Over http in both schemes and from the file system: each page of the shared walks
    (conftest.py `walks`, tests/pagewalk.py) shows its h1 and reported no violation, console
    error or warning, or page error, from its load to the end of its checks."""
    for name in names:
        walk = walks[name]
        assert [visit.path for visit in walk.visits] == PAGES
        assert [visit.path for visit in walk.visits if not visit.h1_visible] == [], name
        assert {visit.path: visit.csp for visit in walk.visits if visit.csp} == {}, name


def test_search_finds_pages_under_the_policy(watch: Watch, where: str) -> None:
    page = watch.goto(where + "index.html")
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv søkeord", timeout=10_000)
    page.locator("input.md-search__input").press_sequentially("tillit")
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_attached(timeout=10_000)
    targets = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert any("tillit-og-roller.html" in target for target in targets), targets
    # Enter opens the first result; the search <form> itself is not submitted (form-action 'none').
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(where + "index.html")
    page.wait_for_load_state("load")
    assert watch.report() == []


def test_palette_toggle_works_under_the_policy(watch: Watch, where: str) -> None:
    page = watch.goto(where + "forord.html")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.get_by_title("Bytt til mørkt tema").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page = watch.goto(where + "index.html")  # remembered on the next page
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert watch.report() == []


def test_glossary_tooltip_shows_under_the_policy(watch: Watch, where: str) -> None:
    page = watch.goto(where + LAW)
    page.locator("article abbr", has_text="Kommuneloven").first.hover()
    tooltip = page.locator(".md-tooltip2", has_text="Loven som setter rammer for kommunal styring")
    expect(tooltip).to_be_visible()
    assert watch.report() == []


def test_notebook_download_works_under_the_policy(watch: Watch, where: str, tmp_path: Path) -> None:
    page = watch.goto(where + NOTEBOOK)
    page.get_by_role("textbox", name=re.compile(re.escape(QUESTION))).fill("Svar under CSP")
    expect(page.get_by_role("status").first).to_contain_text("lagret")
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned som tekst").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert "Svar under CSP" in path.read_text(encoding="utf-8")
    assert watch.report() == []


# --- and it blocks what it must -----------------------------------------------------------

def planted(site: Build, tmp_path: Path, html_change) -> str:
    """A copy of the built page LAW changed by `html_change`, at the same depth beside the
    site's assets, so that its inline scripts (and their hashes) stay as built."""
    for folder in ("assets", "search"):
        (tmp_path / folder).symlink_to(site.site_dir / folder, target_is_directory=True)
    page = tmp_path / LAW.replace(".html", "-planted.html")
    page.parent.mkdir()
    page.write_text(html_change((site.site_dir / LAW).read_text(encoding="utf-8")), encoding="utf-8")
    return page.as_uri()


def test_planted_inline_handler_and_script_are_blocked_and_reported(
        watch: Watch, site: Build, tmp_path: Path) -> None:
    url = planted(site, tmp_path, lambda html: html.replace(
        "<article", '<img src="x" alt="" onerror="window.__pwned = 1">'
                    "<script>window.__pwned2 = 1</script><article", 1))
    page = watch.goto(url)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__pwned2") is None
    report = watch.report()
    assert any(line.startswith("script-src-attr blocked inline") for line in report), report
    assert any(line.startswith("script-src-elem blocked inline") for line in report), report


def test_injected_tooltip_markup_cannot_run_script(watch: Watch, site: Build, tmp_path: Path) -> None:
    """Material inserts an abbr's title into its tooltip as HTML: were a definition ever left
    unescaped, the policy still stops its handler."""
    url = planted(site, tmp_path, lambda html: re.sub(
        r'(<abbr title=")[^"]*("[^>]*>Kommuneloven)',
        r'\1&lt;img src=x onerror=&quot;window.__pwned = 1&quot;&gt; Loven\2', html, count=1))
    assert "window.__pwned" in Path(url.removeprefix("file://")).read_text(encoding="utf-8")
    page = watch.goto(url)
    page.locator("article abbr", has_text="Kommuneloven").first.hover()
    expect(page.locator(".md-tooltip2 img")).to_be_attached()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert any(line.startswith("script-src-attr blocked inline") for line in watch.report())
