"""Tiny MkDocs projects built strict: components render, bad input stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import fixture_project, mkdocs_build


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


@pytest.fixture(scope="module")
def components_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("components")
    build = mkdocs_build(fixture_project("components", tmp), tmp / "site")
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
    assert links == {"../ferdigheter.html"}
    assert (components_site / "kapittel" / "../ferdigheter.html").resolve().is_file()


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("unknown_archetype", ["page index.md", "macro archetype('sjefen')", "unknown archetype 'sjefen'"]),
        ("empty_questions", ["page index.md", "macro reflection('tom')", "must be a non-empty list"]),
        ("missing_data", ["page index.md", "macro success_criteria()", "success_criteria.yml is missing"]),
        ("malformed_data", ["page index.md", "macro success_criteria()", "is not valid YAML"]),
        ("unknown_kwarg", ["page index.md", "farge='rød'", "unexpected keyword argument 'farge'"]),
        ("undefined_variable", ["'ukjent_variabel' is undefined"]),
    ],
)
def test_bad_input_fails_the_build_with_a_message(
    scenario: str, expected: list[str], tmp_path: Path
) -> None:
    build = mkdocs_build(fixture_project(scenario, tmp_path), tmp_path / "site")
    assert build.returncode != 0
    for fragment in expected:
        assert fragment in build.output, build.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_negative_control_a_good_project_does_not_fail(tmp_path: Path) -> None:
    """Guards the test above: the failures come from the bad input, not the setup."""
    build = mkdocs_build(fixture_project("components", tmp_path), tmp_path / "site")
    assert build.returncode == 0, build.output
