"""A new edition of the guide, as issue 23 tried it: on «Å lede med tydelige verdier» a new
question first, the second reworded, the third removed; everything else as it is.

`new_edition(tmp)` builds it (the website, no PDF: ≈ 1–3 s) from a copy of docs/ with the
real mkdocs.yml; `switchable(...)` serves one edition after the other at the same address,
so a reader's browser keeps its storage across the "upgrade"."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import engines
from helpers import ROOT, mkdocs_build

OLD = {  # the box `verdier` of the first edition: id -> question
    "verdier-1": "Hvordan kommer organisasjonens verdier til uttrykk i ditt lederskap?",
    "verdier-2": "Hvordan opplever medarbeiderne dine at disse verdiene er synlige?",
    "verdier-3": "Er det noen dilemmaer mellom hva du synes er viktige verdier og de forventningene du "
                 "stilles overfor som leder i kommunen/fylkeskommunen?",
}
NEW_QUESTION = "Hvilken verdi er viktigst for deg når du må ta et vanskelig valg?"
REWORDED = OLD["verdier-2"] + " Gi gjerne et eksempel."
NEW_BOX = f"""verdier:
  questions:
    - id: verdier-4
      text: "{NEW_QUESTION}"
    - id: verdier-1
      text: "{OLD['verdier-1']}"
    - id: verdier-2
      text: "{REWORDED}"
"""


def new_edition(tmp: Path) -> Path:
    """The site of the new edition, built strict; returns its folder."""
    project = tmp / "ny-utgave"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs")
    data = project / "docs" / "_data" / "reflections.yml"
    text = data.read_text(encoding="utf-8")
    start = text.index("verdier:\n")
    end = text.index("\nroller:\n")
    data.write_text(text[:start] + NEW_BOX + text[end:], encoding="utf-8")
    for name in ("overrides", "macros"):
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    build = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert build.returncode == 0, build.output
    return build.site_dir


@contextlib.contextmanager
def switchable(first: Path, tmp: Path, sub_path: str) -> Iterator[tuple[str, callable]]:
    """`first` served at a base URL (with the engines' probe); the second value switches the
    address to another site folder, as a publisher replacing the files would."""
    link = tmp / "gjeldende"
    link.symlink_to(first, target_is_directory=True)

    def switch(site: Path) -> None:
        link.unlink()
        link.symlink_to(site, target_is_directory=True)

    with engines.served_with_probe(link, sub_path) as base:
        yield base, switch
