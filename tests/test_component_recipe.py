"""The component recipe (dev-docs/components.md) proved on a project of its own: a new
component is one folder and one entry in the table, and then it renders, its data is
validated, its calls are checked, and its styles and script reach the bundles.

The project (tests/fixtures/component_recipe) gets a copy of the project's macros/ and
the bundle hook, and follows the recipe: greeting/ goes into macros/components/, one line
into COMPONENTS. It is built in a process of its own whose `macros` is the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, ROOT

PROJECT = FIXTURES / "component_recipe"
ENTRY = '    Component("greeting", data="greetings", keyed=("greeting",)),\n'
TABLE_END = "    Component(\"storskjerm\"),\n)\n"


def follow_recipe(folder: Path) -> Path:
    """The fixture project beside a copy of macros/ with the greeting added by the recipe."""
    shutil.copytree(PROJECT, folder, ignore=shutil.ignore_patterns("greeting"))
    shutil.copytree(ROOT / "macros", folder / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "overrides/hooks").mkdir(parents=True)
    shutil.copy(ROOT / "overrides/hooks/bundle.py", folder / "overrides/hooks/bundle.py")
    # Step 1: the component's folder.
    shutil.copytree(PROJECT / "greeting", folder / "macros/components/greeting",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # Step 2: its one entry in the table.
    table = folder / "macros/components/__init__.py"
    text = table.read_text(encoding="utf-8")
    assert text.count(TABLE_END) == 1, "the table of components no longer ends as the recipe says"
    table.write_text(text.replace(TABLE_END, TABLE_END[:-2] + ENTRY + ")\n"), encoding="utf-8")
    return folder


def build(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(folder), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder / "site")],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def recipe_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = follow_recipe(tmp_path_factory.mktemp("recipe") / "project")
    result = build(folder)
    assert result.returncode == 0, result.stderr
    return folder / "site"


def test_the_new_component_renders_escaped(recipe_site: Path) -> None:
    soup = BeautifulSoup((recipe_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    [greeting] = soup.select("p.gl-greeting")
    assert greeting.get_text() == "Hei, <verden>!"
    assert greeting.find("verden") is None  # text, never markup


def test_its_styles_and_script_reach_the_bundles(recipe_site: Path) -> None:
    [css] = recipe_site.glob("assets/stylesheets/guide.*.min.css")
    [js] = recipe_site.glob("assets/javascripts/guide.*.min.js")
    assert ".gl-greeting{font-size:1.5rem}" in css.read_text(encoding="utf-8")
    assert "@media print{.gl-greeting{font-size:14pt}}" in css.read_text(encoding="utf-8")
    assert "glGreetingSeen" in js.read_text(encoding="utf-8")
    # The sources are published for the PDFs and for a reader of the site's code.
    assert (recipe_site / "assets/components/greeting/greeting.css").is_file()
    # The project's own components come along, in the table's order, the new one last.
    text = css.read_text(encoding="utf-8")
    assert 0 < text.index(".gl-reflection") < text.index(".gl-greeting")


def test_its_data_and_calls_are_checked_by_the_table(tmp_path: Path) -> None:
    """Negative controls: the same project with an unknown greeting, and with a typo in its
    data file, stops naming page and call, or file, entry and key."""
    folder = follow_recipe(tmp_path / "call")
    (folder / "docs/index.md").write_text('# Hilsen\n\n{{ greeting("mars") }}\n', encoding="utf-8")
    result = build(folder)
    assert result.returncode != 0
    assert "page index.md, line 3: macro greeting('mars'): unknown greeting 'mars' (known: verden)" \
        in result.stderr
    folder = follow_recipe(tmp_path / "data")
    (folder / "docs/_data/greetings.yml").write_text("verden:\n  txt: Hei!\n", encoding="utf-8")
    result = build(folder)
    assert result.returncode != 0
    assert "docs/_data/greetings.yml: entry 'verden': unknown key 'txt' (allowed: text); " \
           "did you mean 'text'?" in result.stderr
