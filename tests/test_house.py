"""The house by component: each component's template, styles and script in one folder
(macros/components/<name>/), listed once in the table of components."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from macros.components import COMPONENTS, PREFIX

ROOT = Path(__file__).resolve().parent.parent
# Where the project keeps stylesheets and templates (not the tests' fixture projects).
STYLE_PLACES = ("docs", "overrides", "macros")
RENDERS = re.compile(r'class="(?P<classes>[^"]*)"')
SELECTOR = re.compile(rf"\.({PREFIX}[a-z0-9]+(?:-[a-z0-9]+)*)(?![a-z0-9_-]*\()")


def blocks(classes: str) -> set[str]:
    """`gl-reflection` from `gl-reflection__title gl-reflection--x`: BEM blocks only."""
    return {re.split(r"__|--", name)[0] for name in classes.split() if name.startswith(PREFIX)}


def stylesheets() -> list[Path]:
    return sorted(path for place in STYLE_PLACES for suffix in ("*.css", "*.scss")
                  for path in (ROOT / place).rglob(suffix) if "node_modules" not in path.parts)


def templates() -> list[Path]:
    return sorted(path for place in STYLE_PLACES for suffix in ("*.html", "*.j2")
                  for path in (ROOT / place).rglob(suffix))


def rendered_by(paths: list[Path]) -> dict[str, set[Path]]:
    """BEM block -> the folders of the templates that write `class="<block>…"`."""
    found: dict[str, set[Path]] = {}
    for path in paths:
        for match in RENDERS.finditer(path.read_text(encoding="utf-8")):
            for block in blocks(match["classes"]):
                found.setdefault(block, set()).add(path.parent)
    return found


def misplaced(sheets: list[Path], rendered: dict[str, set[Path]]) -> list[str]:
    """Each stylesheet holding a `.gl-<block>` selector that is not in the folder of the
    template rendering that block."""
    problems = []
    for sheet in sheets:
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for block in sorted({re.split(r"__|--", m)[0] for m in SELECTOR.findall(text)}):
            folders = rendered.get(block, set())
            if folders and sheet.parent not in folders:
                where = ", ".join(sorted(str(f.relative_to(ROOT)) for f in folders))
                problems.append(f"{sheet.relative_to(ROOT)} styles .{block}, rendered in {where}")
    return problems


def test_every_stylesheet_of_a_component_sits_with_its_template() -> None:
    rendered = rendered_by(templates())
    assert {f"{PREFIX}reflection", f"{PREFIX}storskjerm", f"{PREFIX}pdf-cover"} <= set(rendered)
    assert misplaced(stylesheets(), rendered) == []
    # One folder renders each block: a component's classes are its own.
    assert {block: folders for block, folders in rendered.items() if len(folders) > 1} == {}


def test_the_check_finds_a_rule_in_the_wrong_folder(tmp_path: Path) -> None:
    """Negative control: a print rule for the reflection box left in a page-level stylesheet."""
    component = tmp_path / "reflection"
    component.mkdir()
    (component / "reflection.html").write_text('<section class="gl-reflection gl-x">', encoding="utf-8")
    (component / "reflection.css").write_text(".gl-reflection { color: red; }", encoding="utf-8")
    stray = tmp_path / "print.css"
    stray.write_text("@media print { .md-typeset .gl-reflection__lines { height: 2cm; } }\n"
                     "/* .gl-reflection in a comment is no rule */", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        rendered = rendered_by([component / "reflection.html"])
        assert misplaced([component / "reflection.css"], rendered) == []
        assert misplaced([stray], rendered) == ["print.css styles .gl-reflection, rendered in reflection"]
    finally:
        ROOT = saved


def test_each_component_of_the_table_is_one_folder_with_its_own_files() -> None:
    folders = {path.name for path in (ROOT / "macros/components").iterdir()
               if path.is_dir() and path.name != "__pycache__"}
    assert folders == {component.name for component in COMPONENTS}
    for component in COMPONENTS:
        assert (component.folder / "__init__.py").is_file(), component.name
        assert callable(component.module().macros), component.name
        own = {path.name for path in component.folder.iterdir() if path.is_file()}
        named = {"__init__.py", *(f"{component.name}{s}" for s in (".html", ".css", ".book.css", ".js"))}
        assert own <= named, f"{component.name}: files the table does not read: {sorted(own - named)}"
        if component.data:
            assert hasattr(component.module(), "SCHEMA"), f"{component.name} has data but no SCHEMA"


def test_the_readme_is_for_readers_editors_and_publishers() -> None:
    """≤ 200 lines with the two commands; developer matter is in CONTRIBUTING.md and dev-docs/,
    and every document the README links to exists."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    assert re.search(r"^make\s+#", text, re.M) and re.search(r"^make test\s+#", text, re.M)
    links = re.findall(r"\]\(((?!https?:)[^)#]+)(?:#[^)]*)?\)", text)
    assert "CONTRIBUTING.md" in links and any(link.startswith("dev-docs/") for link in links)
    assert [link for link in links if not (ROOT / link).is_file()] == []


def test_the_build_order_leaves_the_listed_order_at_most_twice() -> None:
    """The hooks run in the order mkdocs.yml lists them; at most two of their event methods
    carry a priority of their own, each named where the order is stated (above `hooks:`)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.findall(r"^  - overrides/hooks/(\w+)\.py$", config, re.M)
    assert len(hooks) >= 10
    prioritised = [f"{hook}.py:{name}" for hook in hooks
                   for name, method in vars(importlib.import_module(f"overrides.hooks.{hook}")).items()
                   if name.startswith("on_") and hasattr(method, "mkdocs_priority")]
    assert 1 <= len(prioritised) <= 2, prioritised
    comment = config.split("\nhooks:")[0]
    assert all(entry.split(":")[0] in comment for entry in prioritised), prioritised
