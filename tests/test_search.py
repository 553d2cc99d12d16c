"""Search in a real Chromium finds the right page for a reader's Norwegian queries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from helpers import Build, wait_until
from sitepages import article, soup

# Counts the queries Material's search sends its worker and the result lists it gets back
# (Material's SearchMessageType: QUERY 2, RESULT 3), so that a test reads the results of the
# whole query, not of the letters typed on the way: the list is redrawn for each.
WATCH_WORKER = """(() => {
  if (window.__searchWatch) return;
  const watch = window.__searchWatch = { queries: [], results: 0, pages: [] };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type !== 3) return;
        watch.results += 1;
        watch.pages = event.data.data.items.map(group => group[0].location.split("#")[0]);
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) watch.queries.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();"""

LAST_QUERY_ANSWERED = """query => {
  const watch = window.__searchWatch;
  return watch.queries.at(-1) === query && watch.results === watch.queries.length;
}"""

# The site's own pages, which should not outrank the guide's text for the guide's words.
GLOSSARY = "ordliste.html"
STATEMENT = "tilgjengelighetserklaering.html"
EDITION = "om-denne-utgaven.html"
OWN_PAGES = (GLOSSARY, STATEMENT, EDITION)


def open_search(page: Page, base_url: str) -> None:
    """Focus the search field and wait until the index is loaded («Skriv søkeord»)."""
    page.add_init_script(WATCH_WORKER)
    page.goto(base_url + "index.html")
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv søkeord", timeout=10_000)


def search(page: Page, base_url: str, query: str) -> list[str]:
    """Type `query` into the site search and return the result pages, best first.

    Opens the search on the front page the first time; later queries on the same page
    replace the one in the field, as a reader does.
    """
    if not page.url.startswith(base_url):
        open_search(page, base_url)
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press_sequentially(query)
    # Material reads the field on keyup; Playwright types letters off the US keyboard
    # (« » æ ø å) without key events, so a last key makes sure the whole query is read.
    field.press("End")
    wait_until(page, LAST_QUERY_ANSWERED, query)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    return [re.split(r"[?#]", href)[0].removeprefix(base_url)
            for href in results.evaluate_all("els => els.map(e => e.href)")]


def all_results(page: Page) -> list[str]:
    """Every result page of the last query, best first, also those Material shows only
    when the reader scrolls (it renders ten at first)."""
    return page.evaluate("() => window.__searchWatch.pages")


def struck_out(page: Page) -> list[list[str]]:
    """Per result page, the query words Material strikes through as «Mangler» (missing)."""
    return page.locator(".md-search-result__item > a.md-search-result__link:first-child").evaluate_all(
        "links => links.map(link => [...link.querySelectorAll('del')].map(d => d.textContent))")


def any_struck_out(page: Page) -> list[str]:
    """The words struck through anywhere in the results, pages and their sections."""
    return page.locator(".md-search-result__list del").all_text_contents()


def page_text(site: Build, page_html: str) -> str:
    return article(soup(Path(site.site_dir, page_html))).get_text(" ").lower()


def words_from(text: str, start: str) -> int:
    """How many words in `text` start with `start`."""
    return len(re.findall(rf"\b{re.escape(start)}\w*", text))


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
    assert expected_page in found[:5], found[:5]


def test_search_for_nonsense_finds_nothing(page: Page, base_url: str) -> None:
    open_search(page, base_url)
    page.locator("input.md-search__input").press_sequentially("xyzzyplugh")
    expect(page.locator(".md-search-result__meta")).to_have_text("Ingen treff", timeout=10_000)


def test_search_splits_words_at_slashes(page: Page, base_url: str) -> None:
    """«kommunen/fylkeskommunen» in the foreword is found by its second word."""
    assert "forord.html" in search(page, base_url, "fylkeskommunen")


# Two words, the page holding both, and a page that holds the first word far more often
# but never the second: with the words combined by OR, that page came first.
EVERY_WORD = [
    ("verdier rådmann", "forord.html", "ledelse-pa-dagsordenen/tydelige-verdier.html", "verdi", "rådmann"),
    ("kultur rådmann", "forord.html", "ledelse-pa-dagsordenen/organisasjonskultur.html", "kultur", "rådmann"),
]


@pytest.mark.parametrize(("query", "holds_all", "holds_one", "frequent", "missing"), EVERY_WORD)
def test_search_requires_every_word(page: Page, base_url: str, site: Build, query: str, holds_all: str,
                                    holds_one: str, frequent: str, missing: str) -> None:
    one, both = page_text(site, holds_one), page_text(site, holds_all)
    assert words_from(one, missing) == 0 < words_from(both, missing)
    assert words_from(one, frequent) >= 3 * words_from(both, frequent), (frequent, holds_one, holds_all)

    found = search(page, base_url, query)
    assert found[0] == holds_all, found
    assert holds_one not in found, found
    # Every result holds every word, and none is shown struck through as missing.
    assert not any_struck_out(page), any_struck_out(page)

    # Negative control: with a third word that stands nowhere, the query falls back to
    # the words combined by OR, and the page lacking a word comes first, as it did before.
    fallback = search(page, base_url, query + " xyzzy")
    assert fallback[0] == holds_one, fallback
    assert holds_all in fallback, fallback


def test_search_requires_every_word_from_the_file_system(page: Page, site: Build) -> None:
    """Opened from the file system, search runs in the vendored iframe-worker shim: the
    same patch, the same one result for two words that stand together only in the foreword."""
    page.goto((site.site_dir / "index.html").as_uri())
    field, meta = page.locator("input.md-search__input"), page.locator(".md-search-result__meta")
    field.click()
    expect(meta).to_have_text("Skriv søkeord", timeout=10_000)
    field.press_sequentially("verdier rådmann")
    field.press("End")
    expect(meta).to_have_text("1 treff", timeout=10_000)  # combined by OR: 15
    expect(page.locator(".md-search-result__item > a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"/forord\.html"))


def test_search_falls_back_when_the_words_are_never_together(page: Page, base_url: str) -> None:
    """«lojalitetsplikt» and «gevinstrealisering» stand on different pages: both are found."""
    found = search(page, base_url, "lojalitetsplikt gevinstrealisering")
    assert "ledelse-pa-dagsordenen/lov-og-avtaleverk.html" in found, found
    assert "nyttige-tips/verktoy.html" in found, found
    # Results lacking one word and results lacking the other: the words combined by OR.
    assert set(any_struck_out(page)) == {"lojalitetsplikt", "gevinstrealisering"}, any_struck_out(page)


def test_search_does_not_mark_inflected_words_missing(page: Page, base_url: str) -> None:
    """A word found by its stem (and a stop word) is not struck through as «Mangler».

    Material strikes through every query word that no matched index term starts with, so
    «verdiene», found by the stem «verdi», was marked missing on the pages that hold it.
    """
    assert search(page, base_url, "verdiene")[0] == "ledelse-pa-dagsordenen/tydelige-verdier.html"
    assert not any_struck_out(page), any_struck_out(page)
    search(page, base_url, "ledelse og tillit")
    assert not any_struck_out(page), any_struck_out(page)
    # Negative control: a word the result does not hold is still shown as missing.
    search(page, base_url, "tillit xyzzy")
    assert struck_out(page)[0] == ["xyzzy"], struck_out(page)


# Queries for the guide's words for which one of the site's own pages came first.
GUIDE_WORDS = [
    # Glossary terms: «Ordliste» had them in a heading each, which Material weighs 1000 times.
    ("hovedavtalen", GLOSSARY),
    ("kommuneloven", GLOSSARY),
    ("lojalitetsplikt", GLOSSARY),
    ("parlamentarisk modell", GLOSSARY),
    ("styringsrett", GLOSSARY),
    ("fylkeskommune", GLOSSARY),
    # A privacy word: the statement's heading «Personvern»; the guide speaks of «personvernet».
    ("personvern", STATEMENT),
    # Words «Om denne utgaven» quotes from its list of corrections.
    ("gevinstrealisering", EDITION),
    ("rollerepertoar", EDITION),
]


def test_search_ranks_the_guide_above_the_sites_own_pages(page: Page, base_url: str) -> None:
    wrong = {}
    for query, own_page in GUIDE_WORDS:
        found = search(page, base_url, query)
        # A page of the guide comes first; the site's own page is still found, further down.
        if found[0] in OWN_PAGES or own_page not in all_results(page):
            wrong[query] = found[:4]
    assert not wrong, wrong


def test_search_finds_the_sites_own_pages_by_their_names(page: Page, base_url: str) -> None:
    """Ranked down, the pages are still first for their own names."""
    wrong = {}
    for query, own_page in [("ordliste", GLOSSARY), ("tilgjengelighetserklæring", STATEMENT),
                            ("om denne utgaven", EDITION), ("wcag", STATEMENT)]:
        found = search(page, base_url, query)
        if found[:1] != [own_page]:
            wrong[query] = found[:4]
    assert not wrong, wrong
