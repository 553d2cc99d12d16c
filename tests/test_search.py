"""Search in a real Chromium finds the right page for a reader's Norwegian queries."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect


def open_search(page: Page, base_url: str) -> None:
    """Focus the search field and wait until the index is loaded («Skriv søkeord»)."""
    page.goto(base_url + "index.html")
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv søkeord", timeout=10_000)


def search(page: Page, base_url: str, query: str) -> list[str]:
    """Type `query` into the site search and return the result links' targets."""
    open_search(page, base_url)
    page.locator("input.md-search__input").press_sequentially(query)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_attached(timeout=10_000)
    return [re.split(r"[?#]", href)[0] for href in results.evaluate_all("els => els.map(e => e.href)")]


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("tillit", "ledelse-pa-dagsordenen/tillit-og-roller.html"),
        ("sosiale medier", "ledelse-pa-dagsordenen/kommunikasjon-og-sprak.html"),
        # An inflected form: the Norwegian stemmer finds «arbeidsgiverpolitikken» by its stem.
        ("arbeidsgiverpolitikken", "ledelse-pa-dagsordenen/skodd-for-framtida.html"),
        # An archetype typed with the guide's « » quotes.
        ("«Effektjegeren»", "lykkes-som-leder/oppgaveorientering.html"),
        ("utviklingssamtalen", "nyttige-tips/verktoy.html"),
        # The guide says «utviklingssamtale»; readers search the common word, found by its tag.
        ("medarbeidersamtale", "nyttige-tips/verktoy.html"),
        ("verdiene", "ledelse-pa-dagsordenen/tydelige-verdier.html"),
    ],
)
def test_search_finds_the_page(page: Page, base_url: str, query: str, expected_page: str) -> None:
    found = search(page, base_url, query)
    assert base_url + expected_page in found[:5], found[:5]


def test_search_for_nonsense_finds_nothing(page: Page, base_url: str) -> None:
    open_search(page, base_url)
    page.locator("input.md-search__input").press_sequentially("xyzzyplugh")
    expect(page.locator(".md-search-result__meta")).to_have_text("Ingen treff", timeout=10_000)


def test_search_splits_words_at_slashes(page: Page, base_url: str) -> None:
    """«kommunen/fylkeskommunen» in the foreword is found by its second word."""
    assert base_url + "forord.html" in search(page, base_url, "fylkeskommunen")
