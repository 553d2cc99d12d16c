"""The check of every page's macro calls (macros/calls.py), before any page renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import calls
from macros.errors import ComponentError


def reflection(key: str) -> str:
    return key


def write(docs: Path, name: str, text: str) -> None:
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def scan(docs: Path) -> calls.Scan:
    return calls.scan(docs, macros={"reflection": reflection}, known_names={"reflection", "page"},
                      data=lambda name: {"verdier": {}, "roller": {}})


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('{{ reflecton("verdier") }}', "page kap/a.md, line 5: unknown macro 'reflecton' (macros: refl"),
        ("{{ reflection() }}", "page kap/a.md, line 5: macro reflection(): missing a required argument"),
        ('{{ reflection("verdier", 2) }}', "macro reflection('verdier', 2): too many positional arguments"),
        ('{{ reflection(key="verdier", farge=1) }}', "got an unexpected keyword argument 'farge'"),
        ('{{ reflection("verdier") }', "page kap/a.md, line 5: Jinja syntax error: unexpected '}'"),
        ("{{ reflection(7) }}", "macro reflection(7): the id must be a text in quotes, got 7"),
        ('{{ reflection("ukjent") }}', "unknown reflection 'ukjent' (known: roller, verdier)"),
        ("{{ reflection(key=7) }}", "macro reflection(key=7): the id must be a text in quotes, got 7"),
        ("{{ side.tittel }}", "page kap/a.md, line 5: unknown name 'side'"),
    ],
)
def test_bad_call_names_page_line_macro_and_value(tmp_path: Path, call: str, message: str) -> None:
    write(tmp_path, "kap/a.md", f"---\ntitle: A\n---\n# A\n{call}\n")
    errors = scan(tmp_path).errors
    assert len(errors) == 1
    assert message in errors[0]


def test_good_calls_give_locations_and_no_errors(tmp_path: Path) -> None:
    write(tmp_path, "kap/a.md", '# A\n\n{{ reflection("verdier") }}\n{{ page.title }}\n')
    write(tmp_path, "kap/b.md", "# B\n\n{{ reflection(key='roller') }}\n")
    write(tmp_path, "_data/x.md", "{{ ikke en side }")  # data folders hold no pages
    result = scan(tmp_path)
    assert result.errors == []
    assert result.locations == {"verdier": "kap/a.md", "roller": "kap/b.md"}


def test_skill_cards_are_placed_where_their_archetype_call_stands_once(tmp_path: Path) -> None:
    """The overview of the skills links to these places (no `page:` kept by hand in the data)."""
    write(tmp_path, "kap/a.md", '# A\n\n{{ archetype("utforskeren") }}\n{{ archetype_overview() }}\n')
    result = calls.scan(tmp_path)
    assert result.places["archetype"] == {"utforskeren": "kap/a.md"}
    assert result.errors == []
    write(tmp_path, "kap/b.md", '# B\n\n{{ archetype("utforskeren") }}\n')  # the card twice: which to link?
    assert calls.scan(tmp_path).errors == [
        "page kap/b.md, line 3: macro archetype('utforskeren'): archetype 'utforskeren' stands on "
        "kap/a.md and again on kap/b.md; each card may stand once"]


def test_pages_not_rendered_by_mkdocs_macros_are_not_checked(tmp_path: Path) -> None:
    write(tmp_path, "kode.md", "---\nrender_macros: false\n---\n# Kode\n\n`{{ ikke jinja }`\n")
    assert scan(tmp_path).errors == []
    write(tmp_path, "kode.md", "# Kode\n\n`{{ ikke jinja }`\n")  # negative control
    assert scan(tmp_path).errors == ["page kode.md, line 3: Jinja syntax error: expected token "
                                     "'end of print statement', got 'jinja'"]


def test_check_raises_every_problem_at_once(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "{{ reflection() }}")
    write(tmp_path, "b.md", "{{ reflection(1) }}")
    with pytest.raises(ComponentError, match=r"(?s)page a\.md.*\n.*page b\.md"):
        calls.check(tmp_path, macros={"reflection": reflection}, known_names={"reflection"})
