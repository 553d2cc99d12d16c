"""Validated data files kept in `.cache/data/` (macros/data.py): read back only while the file,
the pages and the validating code are what they were; what failed is never kept."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import build_command, build_settings, differing_files, fixture_project
from macros import data, schemas
from macros.errors import ComponentError
from macros.kept import write_whole

FILES = ("reflections", "archetypes", "checklist", "see_also", "corrections", "glossary")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of the components fixture's pages and data (each test keeps results in its own
    `tmp_path / "kept"`)."""
    folder = tmp_path / "docs"
    shutil.copytree(Path(__file__).parent / "fixtures" / "components" / "docs", folder)
    return folder


def load(docs: Path, name: str, kept: Path | None) -> object:
    """`load_data` as a new build process would call it: nothing in memory from before."""
    data._validated.cache_clear()
    data.start_build(docs, kept=kept)
    try:
        return data.load_data(docs / "_data", name)
    finally:
        data._builds.pop(docs, None)


def kept_files(kept: Path, name: str) -> list[Path]:
    return sorted(kept.glob(f"{name}-*.json"))


def test_the_files_checked_are_the_files_with_a_schema() -> None:
    assert data.DATA_FILES == FILES
    assert set(schemas.SCHEMAS) == set(FILES)


def test_a_kept_result_is_the_validated_data(docs: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    for name in FILES:
        fresh = load(docs, name, None)
        assert load(docs, name, kept) == fresh
        [file] = kept_files(kept, name)
        assert json.loads(file.read_text(encoding="utf-8"))["valid"] == fresh
        assert load(docs, name, kept) == fresh  # read back


def test_a_kept_result_is_what_the_next_build_reads(docs: Path, tmp_path: Path) -> None:
    """Negative control for the tests below: a kept result is read, not validated again."""
    kept = tmp_path / "kept"
    load(docs, "checklist", kept)
    [file] = kept_files(kept, "checklist")
    stored = json.loads(file.read_text(encoding="utf-8"))
    stored["valid"]["title"] = "Lest fra .cache"
    file.write_text(json.dumps(stored), encoding="utf-8")
    assert load(docs, "checklist", kept)["title"] == "Lest fra .cache"


def test_an_edited_file_is_validated_again_and_an_error_is_never_kept(docs: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    load(docs, "see_also", kept)
    [before] = kept_files(kept, "see_also")
    path = docs / "_data" / "see_also.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("https://www.10faktor.no",
                                                             "javascript:alert(1)"), encoding="utf-8")
    with pytest.raises(schemas.DataError, match="entry '10-faktor': url: only https:"):
        load(docs, "see_also", kept)
    with pytest.raises(schemas.DataError):  # and again: nothing of the failure was kept
        load(docs, "see_also", kept)
    assert kept_files(kept, "see_also") == [before]


def test_a_linked_page_losing_its_heading_fails_the_build_despite_a_kept_result(docs: Path,
                                                                               tmp_path: Path) -> None:
    """corrections.yml links index.md by path: the page is part of what was validated."""
    kept = tmp_path / "kept"
    load(docs, "corrections", kept)
    page = docs / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "", 1), encoding="utf-8")
    with pytest.raises(schemas.DataError, match="index.md: the page has no '# ' heading"):
        load(docs, "corrections", kept)


def test_a_change_to_the_validating_code_is_a_new_key(tmp_path: Path, monkeypatch) -> None:
    code = tmp_path / "macros"
    shutil.copytree(data.MACROS_DIR, code, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    monkeypatch.setattr(data, "MACROS_DIR", code)
    data._validator.cache_clear()
    try:
        first = data._validator()
        data._validator.cache_clear()
        assert data._validator() == first
        with (code / "schemas.py").open("a", encoding="utf-8") as file:
            file.write("\n# a new rule\n")
        data._validator.cache_clear()
        assert data._validator() != first
    finally:
        data._validator.cache_clear()


def test_a_new_result_replaces_the_files_older_one_only(docs: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    load(docs, "checklist", kept)
    load(docs, "glossary", kept)
    [old] = kept_files(kept, "checklist")
    path = docs / "_data" / "checklist.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# en merknad\n", encoding="utf-8")
    load(docs, "checklist", kept)
    [new] = kept_files(kept, "checklist")
    assert new != old
    assert len(kept_files(kept, "glossary")) == 1
    assert not [p for p in kept.iterdir() if p.name.startswith(".")]  # no temporary file left


@pytest.mark.parametrize("damage", ["garbage", "not an object", "no result"])
def test_a_damaged_kept_file_is_validated_again_and_replaced(docs: Path, tmp_path: Path, damage: str) -> None:
    kept = tmp_path / "kept"
    fresh = load(docs, "archetypes", kept)
    [file] = kept_files(kept, "archetypes")
    file.write_text({"garbage": "{\"valid\": [", "not an object": "[1, 2]",
                     "no result": "{}"}[damage], encoding="utf-8")
    assert load(docs, "archetypes", kept) == fresh
    assert json.loads(file.read_text(encoding="utf-8"))["valid"] == fresh


def test_a_folder_that_cannot_be_written_only_costs_time(docs: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.write_text("a file where the folder should be", encoding="utf-8")
    assert load(docs, "glossary", kept) == load(docs, "glossary", None)


def test_a_missing_file_is_still_an_error(docs: Path, tmp_path: Path) -> None:
    (docs / "_data" / "checklist.yml").unlink()
    with pytest.raises(ComponentError, match="checklist.yml is missing"):
        load(docs, "checklist", tmp_path / "kept")


def modules_imported_building(config: Path, site_dir: Path) -> set[str]:
    """Build strict as `make` does, under `python -X importtime`: the modules it imported.
    One date for every build (the mkdocs theme prints the build's)."""
    config, env = build_settings(config, env={"SOURCE_DATE_EPOCH": "1764374400"})
    command = build_command(config, site_dir)
    assert command[:3] == [sys.executable, "-m", "mkdocs"]
    result = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], cwd=config.parent, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_a_build_with_kept_data_makes_the_same_site_without_pydantic(tmp_path: Path) -> None:
    config = fixture_project("components", tmp_path)
    first = modules_imported_building(config, tmp_path / "first")
    assert "pydantic" in first  # nothing kept yet: validated
    assert len(list((config.parent / ".cache" / "data").glob("*.json"))) == len(FILES)
    second = modules_imported_building(config, tmp_path / "second")
    assert "pydantic" not in second and "macros.schemas" not in second
    assert differing_files(tmp_path / "first", tmp_path / "second") == []


def test_a_write_that_fails_leaves_neither_the_file_nor_a_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "kept" / "x.json"
    with pytest.raises(TypeError):
        write_whole(target, "text, not bytes")  # type: ignore[arg-type]
    assert list(target.parent.iterdir()) == []
    write_whole(target, b"{}")
    assert target.read_bytes() == b"{}" and oct(target.stat().st_mode & 0o777) == "0o644"
