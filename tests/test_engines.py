"""The guide in the other engines its readers use: Firefox (Gecko) and Safari's WebKit, each
driven headless from Debian's packages (tests/engines.py). The same smoke tests in both:
the pages load with no error and no violation of the Content-Security-Policy, search, an
answer kept across a reload and gathered in «Mine refleksjoner», answers kept with their
questions through a new edition (issue 23), Storskjerm by keyboard
and shown over the page, a glossary tooltip, the palette, and the offline zip from file://.
Chromium is tested throughout the other files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import engines
from helpers import SUB_PATH, Build

ENGINES = ["firefox", "webkit"]
VERDIER = "ledelse-pa-dagsordenen/tydelige-verdier.html"
NOTEBOOK = "mine-refleksjoner.html"
GLOSSARY = "ledelse-pa-dagsordenen/tillit-og-roller.html"  # a chapter page with glossary terms
ZIP = "guide-til-god-ledelse-nettsted.zip"
SMOKE_PAGES = ["index.html", VERDIER, NOTEBOOK, "nyttige-tips/for-deg-som-leder-en-samling.html",
               "lykkes-som-leder/kart-og-terreng.html", "404.html"]
ANSWER = "Vi snakker om verdiene på hvert personalmøte – «åpenhet» først."


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest):
    why = engines.available(request.param)
    if why:
        pytest.skip(f"{request.param}: {why}")
    browser = engines.start(request.param)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def probed(site: Build):
    with engines.served_with_probe(site.site_dir, SUB_PATH) as base:
        yield base


@pytest.fixture(scope="module")
def offline(site: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip unpacked, as a reader in a room without network would, with the probe."""
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site.site_dir / ZIP) as archive:
        archive.extractall(folder)
    [root] = [path for path in folder.iterdir() if path.is_dir()]
    engines.probe_folder(root)
    return root


def fresh(engine: engines.Engine, base: str) -> None:
    """Nothing kept from an earlier test: the storage of the site's origin emptied."""
    engine.get(base + "index.html")
    engine.run("localStorage.clear(); sessionStorage.clear();")


def loaded(engine: engines.Engine, url: str) -> None:
    engine.get(url)
    # The site's script has run: it reveals the buttons it wires (none without JavaScript).
    engine.until("return document.readyState === 'complete' && !!window.document$;")


def test_pages_load_without_errors_or_policy_violations(engine: engines.Engine, probed: str) -> None:
    """Firefox prefetched <link rel="next">, which default-src 'none' forbids: a violation on
    every page (the probe caught it before csp.py took the links out)."""
    for path in SMOKE_PAGES:
        loaded(engine, probed + path)
        assert engine.run("return document.documentElement.lang;") == "nb", path
        assert engine.run("return document.querySelector('h1') !== null;"), path
        assert engine.probe() == [], (engine.name, path)


def test_search_finds_the_page(engine: engines.Engine, probed: str) -> None:
    loaded(engine, probed + "index.html")
    field = engine.find("input.md-search__input")
    engine.run("document.querySelector('label.md-search__icon, .md-header__button[for=__search]').click();")
    field.send_keys("sosiale medier")
    results = engine.until("""
        const links = [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')];
        return links.length ? links.map((a) => a.getAttribute('href')) : null;""")
    # The page test_search.py expects first for the same query in Chromium.
    assert results[0].split("?")[0].endswith("ledelse-pa-dagsordenen/kommunikasjon-og-sprak.html"), results
    assert engine.probe() == []


def test_an_answer_is_kept_across_a_reload_and_gathered(engine: engines.Engine, probed: str) -> None:
    fresh(engine, probed)
    loaded(engine, probed + VERDIER)
    field = engine.find("#svar-verdier-1")
    field.click()
    field.send_keys(ANSWER)
    engine.until("return /lagret/.test(document.querySelector('.gl-reflection [role=status]').textContent);")
    loaded(engine, probed + VERDIER)
    assert engine.run("return document.querySelector('#svar-verdier-1').value;") == ANSWER
    loaded(engine, probed + NOTEBOOK)
    assert engine.until("return document.querySelector('#svar-verdier-1').value;") == ANSWER
    assert engine.probe() == []


STAGE = """
    const dialog = document.querySelector('dialog.gl-storskjerm');
    if (!dialog || !dialog.open) return null;
    const text = dialog.querySelector('.gl-storskjerm__text');
    const box = text.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {counter: dialog.querySelector('.gl-storskjerm__counter').textContent.trim(),
            text: text.textContent.trim(), onTop: dialog.contains(hit),
            fullscreen: !!(document.fullscreenElement || document.webkitFullscreenElement),
            focusInside: dialog.contains(document.activeElement)};"""
# The stage once `condition` holds of it (s), or null.
STAGE_WHEN = ("const s = (() => {{ " + STAGE.replace("{", "{{").replace("}", "}}")
              + " }})(); return s && ({}) ? s : null;")


def test_storskjerm_by_keyboard_shows_the_question_over_the_page(engine: engines.Engine, probed: str) -> None:
    """WebKit drew the full-screen page over the dialog: the question was open, took keys,
    and could not be seen (elementFromPoint found the page)."""
    loaded(engine, probed + VERDIER)
    button = engine.until(
        "return document.querySelector('#refleksjon-verdier button[data-gl-storskjerm]:not([hidden])');")
    questions = engine.run("""const button = arguments[0];
        return [...document.getElementById(button.dataset.glStorskjerm)
                  .querySelectorAll(button.dataset.glStorskjermItems)]
          .map((q) => q.textContent.replace(/\\s+/g, ' ').trim());""", button)
    assert len(questions) >= 2
    engine.run("arguments[0].focus();", button)
    engine.press(engines.KEYS["Enter"])
    state = engine.until(STAGE_WHEN.format("s.text"))
    # Full screen, where the engine grants it, arrives after the dialog has opened.
    if engine.run("return !!(document.fullscreenEnabled || document.webkitFullscreenEnabled);"):
        state = engine.until(STAGE_WHEN.format("s.fullscreen && s.onTop"))
    assert state["onTop"] and state["focusInside"], state
    assert state["text"] == questions[0] and state["counter"].endswith(f"1 av {len(questions)}"), state
    engine.press(engines.KEYS["PageDown"])
    state = engine.until(STAGE_WHEN.format("s.text === arguments[0]"),
                         questions[1])
    assert state["onTop"] and state["counter"].endswith(f"2 av {len(questions)}"), state
    if engine.name == "webkit":
        # WebKitWebDriver never answers an Escape sent in full screen (the browser itself takes
        # the key to leave full screen); the reader's other way out by keyboard: «Lukk».
        engine.run("document.querySelector('.gl-storskjerm__close').focus();")
        engine.press(engines.KEYS["Enter"])
    else:
        engine.press(engines.KEYS["Escape"])
    engine.until("return !document.querySelector('dialog.gl-storskjerm').open;")
    assert engine.until("return document.activeElement === arguments[0];", button)
    assert engine.probe() == []


def test_a_glossary_term_shows_its_definition_on_focus(engine: engines.Engine, probed: str) -> None:
    loaded(engine, probed + GLOSSARY)
    term = engine.until("return document.querySelector('article abbr');")
    definition = engine.run("return arguments[0].getAttribute('title');", term)
    engine.run("arguments[0].focus();", term)
    shown = engine.until("""
        const open = [...document.querySelectorAll('.md-tooltip2--active')]
          .filter((t) => getComputedStyle(t).visibility !== 'hidden'
                         && parseFloat(getComputedStyle(t).opacity) > 0);
        return open.length ? open.map((t) => t.textContent.trim()) : null;""")
    assert shown == [definition], shown
    assert engine.probe() == []


def test_the_palette_is_kept_from_page_to_page(engine: engines.Engine, probed: str) -> None:
    fresh(engine, probed)
    loaded(engine, probed + "forord.html")
    assert engine.run("return document.body.getAttribute('data-md-color-scheme');") == "default"
    engine.run("document.querySelector('[aria-label=\"Bytt til mørkt tema\"]').focus();")
    engine.press(engines.KEYS["Enter"])
    engine.until("return document.body.getAttribute('data-md-color-scheme') === 'slate';")
    loaded(engine, probed + "index.html")
    assert engine.run("return document.body.getAttribute('data-md-color-scheme');") == "slate"
    assert engine.probe() == []


def test_the_offline_zip_works_from_the_file_system(engine: engines.Engine, offline: Path) -> None:
    """From file://, as the zip's box promises: pages without errors, an answer typed on a
    chapter page gathered in «Mine refleksjoner», the colour scheme kept between pages."""
    index = (offline / "index.html").as_uri()
    loaded(engine, index)
    engine.run("localStorage.clear();")
    assert engine.probe() == []
    loaded(engine, (offline / VERDIER).as_uri())
    field = engine.find("#svar-verdier-1")
    field.click()
    field.send_keys(ANSWER)
    engine.until("return /lagret/.test(document.querySelector('.gl-reflection [role=status]').textContent);")
    engine.run("document.querySelector('[aria-label=\"Bytt til mørkt tema\"]').focus();")
    engine.press(engines.KEYS["Enter"])
    engine.until("return document.body.getAttribute('data-md-color-scheme') === 'slate';")
    loaded(engine, (offline / NOTEBOOK).as_uri())
    assert engine.until("return document.querySelector('#svar-verdier-1').value;") == ANSWER
    assert engine.run("return document.body.getAttribute('data-md-color-scheme');") == "slate"
    assert engine.probe() == []
    engine.run("localStorage.clear();")


def test_a_new_edition_keeps_each_answer_with_its_question(
        engine: engines.Engine, site: Build, new_edition: Path, tmp_path: Path) -> None:
    """Issue 23's scenario (test_editions.py in Chromium): the three questions on «Å lede med
    tydelige verdier» answered; a new edition (a new first question, the second reworded, the
    third removed) served at the same address; each answer beside its own question, the
    removed one's on «Mine refleksjoner» with its old text."""
    import editions

    words = {ident: f"Svar til {ident}: «åpenhet» først." for ident in editions.OLD}
    with editions.switchable(site.site_dir, tmp_path, SUB_PATH) as (base, upgrade):
        fresh(engine, base)
        loaded(engine, base + VERDIER)
        for ident, answer in words.items():
            field = engine.find(f"#svar-{ident}")
            field.click()
            field.send_keys(answer)
        engine.until("return Object.keys(arguments[0]).every((i) => localStorage.getItem('gl-svar:' + i));",
                     words)
        upgrade(new_edition)
        loaded(engine, base + VERDIER)
        shown = engine.run("""return [...document.querySelectorAll('.gl-reflection [data-gl-question]')]
            .map((q) => [q.querySelector('[data-gl-question-text]').textContent.trim(),
                         q.querySelector('textarea').value]);""")
        assert shown == [[editions.NEW_QUESTION, ""], [editions.OLD["verdier-1"], words["verdier-1"]],
                         [editions.REWORDED, words["verdier-2"]]], (engine.name, shown)
        loaded(engine, base + NOTEBOOK)
        kept = engine.until("""const kept = [...document.querySelectorAll('[data-gl-orphan]')];
            const text = (o, part) => o.querySelector('.gl-notebook__orphan-' + part).textContent;
            return kept.length && kept.map((o) => [text(o, 'question'), text(o, 'answer')]);""")
        assert kept == [[editions.OLD["verdier-3"], words["verdier-3"]]], (engine.name, kept)
        assert engine.probe() == []
