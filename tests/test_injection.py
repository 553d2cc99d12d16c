"""No script from data or pages runs in a reader's browser: Material's tooltips insert an
element's `title` as HTML, so glossary definitions (and any title) must be plain text.

Proven in Chromium: hover the term and check that `window.__pwned` stays unset."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from background import BUILDS
from helpers import served

PWNED = "() => window.__pwned"


def without_checks(config: Path) -> None:
    config.write_text(config.read_text(encoding="utf-8") + "hooks: []\n", encoding="utf-8")


BUILDS.fixture("injection/without_checks", "tooltip_injection", edit=without_checks, module=__name__)
BUILDS.fixture("bad/tooltip_injection", "tooltip_injection", module=__name__)  # as test_fixture_builds
BUILDS.fixture("glossary_tooltips", "glossary_tooltips", module=__name__)


@pytest.fixture
def serve() -> Iterator:
    """serve(site_dir) -> base URL of that folder over HTTP on loopback."""
    with contextlib.ExitStack() as servers:
        yield lambda site_dir: servers.enter_context(served(site_dir))


def hover_tooltip(page, url: str, term: str) -> str:  # page: Playwright's Page
    """Open `url`, hover the abbreviation `term`, return the tooltip's inner HTML."""
    page.goto(url)
    page.locator("abbr", has_text=term).first.hover()
    tooltip = page.locator(".md-tooltip2__inner").first
    tooltip.wait_for(state="visible")
    page.wait_for_timeout(300)  # an injected image's onerror fires after its failed load
    return tooltip.inner_html()


def test_negative_control_the_attack_runs_where_nothing_checks(page, serve) -> None:
    """Without the checks hook (overrides/hooks/link_checks.py), a page's own abbreviation
    with markup does run its script: the test below can tell an inert tooltip from a live one."""
    build = BUILDS.result("injection/without_checks")
    assert build.returncode == 0, build.output
    html = hover_tooltip(page, serve(build.site_dir) + "index.html", "Kommuneloven")
    assert "<img" in html
    assert page.evaluate(PWNED) == 1


def test_the_same_page_with_the_checks_does_not_build() -> None:
    """The build test_fixture_builds.py reads for its case tooltip_injection, read here too."""
    build = BUILDS.result("bad/tooltip_injection")
    assert build.returncode != 0
    assert "page index.md: <abbr title='Loven <img src=x onerror=" in build.output, build.output
    assert "Traceback" not in build.output


def test_glossary_definition_reaches_the_tooltip_as_text(page, serve) -> None:
    build = BUILDS.result("glossary_tooltips")
    assert build.returncode == 0, build.output
    hover_tooltip(page, serve(build.site_dir) + "index.html", "Kommuneloven")
    tooltip = page.locator(".md-tooltip2__inner").first
    assert tooltip.inner_text() == "Loven om «styring & ledelse» – \"kommunal\" og 'fylkeskommunal'."
    assert tooltip.evaluate("el => el.children.length") == 0  # text only, no elements
    assert page.evaluate(PWNED) is None


def test_real_site_glossary_tooltips_hold_text_only(site, base_url: str, page) -> None:
    """Every glossary term on the real site's first page with terms: hover, no script, no element."""
    from bs4 import BeautifulSoup

    for html_file in sorted(site.site_dir.rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        terms = soup.select("article abbr[title]")
        if terms:
            break
    assert terms, "no glossary term on any page"
    url = base_url + html_file.relative_to(site.site_dir).as_posix()
    for abbr in terms[:5]:
        hover_tooltip(page, url, abbr.get_text())
        tooltip = page.locator(".md-tooltip2__inner").first
        assert tooltip.inner_text() == abbr["title"]
        assert tooltip.evaluate("el => el.children.length") == 0
    assert page.evaluate(PWNED) is None
