"""Issue 23 in the data: every question and checklist item has an id of its own, and no data
file may write a key twice (YAML would keep the last one and drop the first without a word).

Quick tier: no build, no browser. The full builds of the bad inputs are in
test_fixture_builds.py (duplicate_box, question_without_id, duplicate_question_id)."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import ROOT
from macros import schemas
from macros.components import data_files, reflection
from macros.data import parse_yaml
from macros.errors import ComponentError

DATA = ROOT / "docs" / "_data"


def with_a_key_twice(text: str) -> tuple[str, str, int, int]:
    """`text` with one key written twice in one mapping: the file's first top-level key again
    at its end (a mapping file), or the first entry's first key again (a list of entries).
    Returns the text, the key and its two lines."""
    lines = text.splitlines()
    if isinstance(yaml.safe_load(text), dict):
        number, key = next((n, m.group(1)) for n, line in enumerate(lines, start=1)
                           if (m := re.match(r"^([a-z_]+):", line)))
        return text.rstrip("\n") + f"\n{key}: null\n", key, number, len(lines) + 1
    number, key = next((n, m.group(1)) for n, line in enumerate(lines, start=1)
                       if (m := re.match(r"^- ([a-z_]+):", line)))
    lines.insert(number, f'  {key}: "igjen"')
    return "\n".join(lines) + "\n", key, number, number + 1


@pytest.mark.parametrize("name", sorted(data_files()))
def test_a_key_written_twice_stops_the_build_naming_file_key_and_lines(name: str) -> None:
    text = (DATA / f"{name}.yml").read_text(encoding="utf-8")
    # The repaired twin: the file as it is parses to what plain YAML reads.
    assert parse_yaml(text, shown=f"docs/_data/{name}.yml") == yaml.safe_load(text)
    bad, key, first, second = with_a_key_twice(text)
    assert yaml.safe_load(bad) is not None  # plain YAML accepts it silently
    with pytest.raises(ComponentError) as error:
        parse_yaml(bad, shown=f"docs/_data/{name}.yml")
    assert str(error.value) == (
        f"data file docs/_data/{name}.yml: key {key!r} is written twice, on lines {first} and {second}; "
        "YAML would keep only the last. Remove or rename one.")


def test_a_key_twice_deep_inside_an_entry_is_refused_and_merge_keys_are_not() -> None:
    with pytest.raises(ComponentError, match=r"key 'text' is written twice, on lines 4 and 5"):
        parse_yaml("verdier:\n  questions:\n    - id: verdier-1\n      text: a\n      text: b\n",
                   shown="r.yml")
    merged = "base: &b {text: a}\nitem:\n  <<: *b\n  text: b\n"
    assert parse_yaml(merged, shown="m.yml") == {"base": {"text": "a"}, "item": {"text": "b"}}


def test_every_question_and_item_in_the_guide_has_a_well_formed_unique_id() -> None:
    reflections = yaml.safe_load((DATA / "reflections.yml").read_text(encoding="utf-8"))
    ids = [question["id"] for box in reflections.values() for question in box["questions"]]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)
    checklist = yaml.safe_load((DATA / "checklist.yml").read_text(encoding="utf-8"))
    assert [item["id"] for item in checklist["items"]] == ["1", "2", "3", "4", "5", "6"]


def test_the_first_editions_ids_are_the_positions_answers_were_stored_under() -> None:
    """Readers' answers were stored as `gl-refleksjon:<box>-<n>` and ticks as `gl-sjekkliste:<n>`
    until this edition: its ids are those positions, so reflections.js finds each old answer
    under `gl-refleksjon:<id>` whatever later editions do to the order (test_answers.py)."""
    reflections = yaml.safe_load((DATA / "reflections.yml").read_text(encoding="utf-8"))
    for key, box in reflections.items():
        positions = [f"{key}-{n}" for n in range(1, len(box["questions"]) + 1)]
        assert [q["id"] for q in box["questions"]] == positions


@pytest.mark.parametrize(("data", "message"), [
    ({"v": {"questions": ["Hva?"]}}, "entry 'v': questions[0]: question 'Hva?' has no id"),
    ({"v": {"questions": [{"text": "Hva?"}]}}, "entry 'v': questions[0]: question 'Hva?' has no id"),
    ({"v": {"questions": [{"id": "V 1", "text": "Hva?"}]}},
     "questions[0].id: id 'V 1': an id is lowercase"),
    ({"v": {"questions": [{"id": "v", "text": "Hva?"}]}}, "id 'v' is the key of a box"),
    ({"v": {"questions": [{"id": "v-1", "text": "Hva?"}]},
      "w": {"questions": [{"id": "v-1", "text": "Og?"}]}},
     "entry 'w': question 1 ('Og?'): id 'v-1' is already the id of entry 'v': question 1 ('Hva?')"),
])
def test_a_question_without_its_own_id_is_refused(data: dict, message: str) -> None:
    with pytest.raises(schemas.DataError, match=re.escape(message)):
        schemas.validate("reflections", data, source="docs/_data/reflections.yml")


@pytest.mark.parametrize(("items", "message"), [
    (["Forankring"], "items[0]: item 'Forankring' has no id"),
    ([{"id": 1, "text": "Forankring"}], 'write it in quotes: "1"'),
    ([{"id": "1", "text": "A"}, {"id": "1", "text": "B"}],
     "item 2 ('B'): id '1' is already the id of item 1 ('A')"),
])
def test_a_checklist_item_without_its_own_id_is_refused(items: list, message: str) -> None:
    with pytest.raises(schemas.DataError, match=re.escape(message)):
        schemas.validate("checklist", {"title": "Sjekkliste", "items": items},
                         source="docs/_data/checklist.yml")


def test_a_reworded_question_keeps_its_id_and_anchor() -> None:
    before = reflection.reflection_questions([{"id": "verdier-2", "text": "Hvordan opplever de det?"}])
    after = reflection.reflection_questions([
        {"id": "verdier-4", "text": "Ny?"},
        {"id": "verdier-2", "text": "Hvordan opplever de det, og hvorfor?"}])
    assert before[0]["id"] == after[1]["id"] == "verdier-2"
    assert before[0]["anchor"] == after[1]["anchor"] == "refleksjon-verdier-2"
