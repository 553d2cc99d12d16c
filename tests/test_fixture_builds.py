"""Tiny MkDocs projects built strict: components render, bad input stops the build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from background import BUILDS
from helpers import FIXTURES


def section_after(soup: BeautifulSoup, heading: str) -> str:
    """The HTML between the h2 `heading` and the next page-level h2."""
    h2 = soup.find("h2", string=heading)
    assert h2 is not None, f"no heading {heading!r}"
    parts = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(str(sibling))
    return "".join(parts)


# Every project below is built in the background from the session's start (background.py),
# each in a process of its own; the tests read the outcome.
BUILDS.fixture("components", "components", module=__name__)


@pytest.fixture(scope="module")
def components_site() -> Path:
    """A good project: it builds, strict and without warnings, so the failures below come
    from their bad input, not from the setup."""
    build = BUILDS.result("components")
    assert build.returncode == 0, build.output
    assert build.warnings == []
    return build.site_dir


def page(site: Path, name: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_reflection_renders_questions_and_escapes_script(components_site: Path) -> None:
    html = section_after(page(components_site), "Refleksjon")
    box = BeautifulSoup(html, "html.parser")
    questions = [q.get_text() for q in box.select(".gl-reflection__text")]
    assert questions[0] == "Hvordan kommer organisasjonens verdier til uttrykk i ditt lederskap?"
    assert questions[1] == "Hva betyr <script>alert('x')</script> for deg?"
    assert "<script>" not in html


def test_components_render_under_their_headings(components_site: Path) -> None:
    soup = page(components_site)
    assert "«Effektjegeren»" in BeautifulSoup(section_after(soup, "Kort"), "html.parser").get_text()
    checklist = BeautifulSoup(section_after(soup, "Sjekkliste"), "html.parser")
    assert len(checklist.select(".gl-checklist__box")) == 2
    see_also = BeautifulSoup(section_after(soup, "Se også"), "html.parser").get_text(" ", strip=True)
    assert "Se også heftet «Skodd for framtida» (KS)" in see_also
    quotes = BeautifulSoup(section_after(soup, "Sitat"), "html.parser").select("figure.gl-pull-quote")
    assert [q.has_attr("aria-hidden") for q in quotes] == [True, False]
    assert BeautifulSoup(section_after(soup, "Figur"), "html.parser").select_one("svg[role=img]")
    row = BeautifulSoup(section_after(soup, "Rettelser"), "html.parser").select_one("tbody tr")
    assert "Kommune-loven sier" in row.get_text() and row.a["href"] == "index.html"


def test_glossary_terms_get_tooltips(components_site: Path) -> None:
    abbr = BeautifulSoup(section_after(page(components_site), "Ordliste"), "html.parser").abbr
    assert abbr.get_text() == "Kommuneloven"
    assert abbr["title"] == "Loven som setter rammer for kommunal styring og ledelse."


def test_overview_links_resolve_from_a_nested_page(components_site: Path) -> None:
    soup = page(components_site, "kapittel/ferdigheter.html")
    links = {a["href"] for a in soup.select(".gl-archetype__link a")}
    assert links == {"../ferdigheter.html", "../index.html"}  # where each card's archetype() stands
    assert all((components_site / "kapittel" / link).resolve().is_file() for link in links)


# Each fixture holds exactly one bad input (tests/fixtures/<scenario>); the build must stop
# with a message naming the file or page, the entry or macro, and the bad value.
BAD_INPUT = [
    # data files, checked against macros/schemas.py before any page renders
    ("typo_key_summary", ["docs/_data/archetypes.yml", "entry 'utforskeren'", "unknown key 'sumary'",
                          "did you mean 'summary'?"]),
    ("typo_key_url", ["docs/_data/see_also.yml", "entry 'tillit'", "unknown key 'ulr'"]),
    ("list_for_text", ["docs/_data/see_also.yml", "entry 'tillit'", "title:", "['Tillit', 'Tillit 2']"]),
    ("javascript_url", ["docs/_data/see_also.yml", "entry 'tillit'", "url:", "'javascript:alert(1)'"]),
    ("after_number", ["docs/_data/see_also.yml", "entry 'tillit'", "after:", "got 2015"]),
    ("url_missing_page", ["docs/_data/see_also.yml", "entry 'tillit'", "url:",
                          "kapittel/mangler.md does not exist"]),
    ("fifth_archetype", ["docs/_data/archetypes.yml", "unknown entry 'sjefen'",
                         "nettverkssmeden, effektjegeren"]),
    ("duplicate_glossary_term", ["docs/_data/glossary.yml", "entry 2 ('Kommuneloven')",
                                 "same term as entry 1"]),
    ("glossary_same_anchor", ["docs/_data/glossary.yml", "entry 2 ('Stat kommune')", "#stat-kommune"]),
    ("glossary_markup", ["docs/_data/glossary.yml", "entry 1 ('Kommuneloven')", "definition:",
                         "markup is not allowed", "<img src=x onerror="]),
    ("reflections_as_list", ["docs/_data/reflections.yml", "should be a mapping", "got a list"]),
    ("page_without_heading", ["docs/_data/corrections.yml", "entry 1 ('Kommune-loven sier')", "page:",
                              "uten-tittel.md: the page has no '# ' heading"]),
    ("empty_questions", ["docs/_data/reflections.yml", "entry 'tom'", "questions:", "got []"]),
    ("malformed_data", ["docs/_data/checklist.yml", "is not valid YAML", "line 2, column 6"]),
    ("duplicate_box", ["docs/_data/reflections.yml", "key 'verdier' is written twice", "lines 1 and 6"]),
    ("question_without_id", ["docs/_data/reflections.yml", "entry 'verdier'", "'Hva er viktig for dem?'",
                             "has no id"]),
    ("duplicate_question_id", ["docs/_data/reflections.yml", "entry 'verdier': question 2",
                               "'Hva er viktig for dem?'", "id 'verdier-1' is already the id of",
                               "question 1 ('Hva er viktig for deg?')"]),
    # macro calls, checked on every page before any page renders (the notebook page renders first)
    ("call_mistyped", ["page kapittel/verdier.md, line 5", "unknown macro 'reflecton'"]),
    ("call_missing_argument", ["page kapittel/verdier.md, line 5", "macro reflection()",
                               "missing a required argument: 'key'"]),
    ("call_extra_argument", ["page kapittel/verdier.md, line 5", "macro reflection('verdier', 'roller')",
                             "too many positional arguments"]),
    ("call_syntax_error", ["page kapittel/verdier.md, line 5", "Jinja syntax error", "unexpected '}'"]),
    ("call_number_id", ["page kapittel/verdier.md, line 5", "macro reflection(2015)", "got 2015"]),
    ("unknown_archetype", ["page index.md, line 3", "macro archetype('sjefen')",
                           "unknown archetype 'sjefen'"]),
    ("unknown_kwarg", ["page index.md, line 3", "farge='rød'", "unexpected keyword argument 'farge'"]),
    ("undefined_variable", ["page index.md, line 3", "unknown name 'ukjent_variabel'"]),
    # while a page renders
    ("missing_data", ["page index.md", "macro checklist()",
                      "docs/_data/checklist.yml is missing"]),
    # in the rendered HTML (overrides/hooks/link_checks.py)
    ("raw_link_missing", ["page index.md", '<a href="kapittel/mangler.html">', "no such file"]),
    ("missing_image", ["page index.md", '<img src="bilder/kart.png">', "no such file"]),
    ("tooltip_injection", ["page index.md", "<abbr title='Loven <img src=x onerror=", "markup in a title"]),
]


for _scenario, _ in BAD_INPUT:
    BUILDS.fixture(f"bad/{_scenario}", _scenario, module=__name__)


@pytest.mark.parametrize(("scenario", "expected"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_bad_input_fails_the_build_with_a_message(scenario: str, expected: list[str]) -> None:
    build = BUILDS.result(f"bad/{scenario}")
    assert build.returncode != 0
    for fragment in expected:
        assert fragment in build.output, build.output
    assert "Traceback" not in build.output, build.output
    assert "stands on no page" not in build.output  # the notebook never takes the blame
    errors = [line for line in build.output.splitlines() if line.startswith("ERROR")]
    assert 1 <= len(errors) <= 2, build.output  # a few lines, not a traceback
    assert not (build.site_dir / "index.html").exists()


# The one-line repair of each bad fixture: (file, bad text, good text); bad text None creates
# the file. Built repaired, each fixture must pass, so its failure came from that input alone.
GOOD_CALL = '{{ reflection("verdier") }}'
REPAIRS = {
    "typo_key_summary": ("_data/archetypes.yml", "sumary:", "summary:"),
    "typo_key_url": ("_data/see_also.yml", "ulr:", "url:"),
    "list_for_text": ("_data/see_also.yml", "[Tillit, Tillit 2]", "Tillit"),
    "javascript_url": ("_data/see_also.yml", "javascript:alert(1)", "https://www.ks.no/"),
    "after_number": ("_data/see_also.yml", "after: 2015", 'after: "2015"'),
    "url_missing_page": ("_data/see_also.yml", "kapittel/mangler.md", "index.md"),
    "fifth_archetype": ("_data/archetypes.yml",
                        "sjefen:\n  name: Sjefen\n  orientation: Styringsorientering\n  summary: Bestemmer.\n"
                        "  traits: [\"Bestemmer alt.\"]\n", ""),
    "duplicate_glossary_term": ("_data/glossary.yml", "- term: Kommuneloven\n  forms: [kommuneloven]",
                                "- term: Kommunelova\n  forms: [kommuneloven]"),
    "glossary_same_anchor": ("_data/glossary.yml", "term: Stat kommune", "term: Statskommune"),
    "glossary_markup": ("_data/glossary.yml", ' <img src=x onerror="window.__pwned=1">', ""),
    "reflections_as_list": ("_data/reflections.yml", "- verdier:\n    ", "verdier:\n  "),
    "page_without_heading": ("uten-tittel.md", "Denne siden", "# Uten tittel\n\nDenne siden"),
    "empty_questions": ("_data/reflections.yml", "[]", '[{id: tom-1, text: "Hva nå?"}]'),
    "malformed_data": ("_data/checklist.yml", "[uavsluttet", "avsluttet"),
    # one box with both questions
    "duplicate_box": ("_data/reflections.yml", "\n\nverdier:\n  questions:\n", "\n"),
    "question_without_id": ("_data/reflections.yml", '    - text: "Hva er viktig for dem?"',
                            '    - id: verdier-2\n      text: "Hva er viktig for dem?"'),
    "duplicate_question_id": ("_data/reflections.yml",
                              '    - id: verdier-1\n      text: "Hva er viktig for dem?"',
                              '    - id: verdier-2\n      text: "Hva er viktig for dem?"'),
    "call_mistyped": ("kapittel/verdier.md", '{{ reflecton("verdier") }}', GOOD_CALL),
    "call_missing_argument": ("kapittel/verdier.md", "{{ reflection() }}", GOOD_CALL),
    "call_extra_argument": ("kapittel/verdier.md", '{{ reflection("verdier", "roller") }}', GOOD_CALL),
    "call_syntax_error": ("kapittel/verdier.md", '{{ reflection("verdier") }', GOOD_CALL),
    "call_number_id": ("kapittel/verdier.md", "{{ reflection(2015) }}", GOOD_CALL),
    "unknown_archetype": ("index.md", "sjefen", "effektjegeren"),
    "unknown_kwarg": ("index.md", ', farge="rød"', ""),
    "undefined_variable": ("index.md", "{{ ukjent_variabel }}", "verden"),
    "missing_data": ("_data/checklist.yml", None, 'title: Sjekkliste\nitems: [{id: "1", text: Ett punkt}]\n'),
    "raw_link_missing": ("index.md", "kapittel/mangler.html", "kapittel/finnes.html"),
    "missing_image": ("bilder/kart.png", None, "png"),
    "tooltip_injection": ("index.md", ' <img src=x onerror="window.__pwned=1">', ""),
}


def repair(scenario: str) -> Callable[[Path], None]:
    """The edit that repairs a copy of the fixture (given its mkdocs.yml) before it is built."""
    def edit(config: Path) -> None:
        name, bad, good = REPAIRS[scenario]
        path = config.parent / "docs" / name
        if bad is None:
            assert not path.exists()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(good, encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert bad in text
            path.write_text(text.replace(bad, good), encoding="utf-8")
    return edit


for _scenario in sorted(REPAIRS):
    BUILDS.fixture(f"repaired/{_scenario}", _scenario, edit=repair(_scenario), module=__name__)


@pytest.mark.parametrize("scenario", sorted(REPAIRS))
def test_each_bad_fixture_fails_on_its_own(scenario: str) -> None:
    """Negative control per case: the same project with the one bad input repaired builds."""
    build = BUILDS.result(f"repaired/{scenario}")  # raises the repair's own failure, if any
    assert build.returncode == 0, build.output
    assert (build.site_dir / "index.html").is_file()


def test_every_bad_input_fixture_is_tested() -> None:
    """A fixture folder nobody builds proves nothing: each one is a case above or a good project."""
    # component_recipe is built by test_component_recipe.py.
    good = {"components", "notebook_good", "glossary_tooltips", "component_recipe"}
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == good | {case[0] for case in BAD_INPUT}
    assert set(REPAIRS) == {case[0] for case in BAD_INPUT}


BUILDS.fixture("notebook_good", "notebook_good", module=__name__)


def test_notebook_page_rendered_first_builds_when_every_call_is_good() -> None:
    """Negative control for the call_* fixtures: same pages, with a good call."""
    build = BUILDS.result("notebook_good")
    assert build.returncode == 0, build.output
    notebook = page(build.site_dir)
    assert [a["href"] for a in notebook.select(".gl-notebook__source a")] == [
        "kapittel/verdier.html#refleksjon-verdier"]
