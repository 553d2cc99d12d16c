"""«Til refleksjon»: a box of reflection questions where the guide places it, with a field
for the reader's answer under each question (reflection.js keeps answers in the browser)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, RootModel

from macros.data import lookup
from macros.render import render
from macros.schemas import IDS, Strict, TextList

REFLECTION_LABEL = "Til refleksjon"


class Reflection(Strict):
    questions: TextList


class SCHEMA(RootModel[Annotated[dict[str, Reflection], IDS]]):
    """docs/_data/reflections.yml: box id -> its questions, in the guide's order."""

    model_config = ConfigDict(strict=True)


def reflection_anchor(key: str) -> str:
    """The box's id on its page (`refleksjon-verdier`): the target of links from
    «Mine refleksjoner» and «For deg som leder en samling»."""
    return f"refleksjon-{key}"


def reflection_questions(key: str, questions: list[str]) -> list[dict[str, str]]:
    """Each question of box `key` with its ids, made here and nowhere else.

    `id` (`verdier-1`) names the reader's answer: reflection.js stores it under
    `gl-refleksjon:<id>` (the layout of the first release: readers keep their words),
    and the workbook names its form field by it; `anchor` (`refleksjon-verdier-1`) is
    the question's id on the page where the box stands."""
    return [{"text": text, "id": f"{key}-{number}", "anchor": f"{reflection_anchor(key)}-{number}"}
            for number, text in enumerate(questions, start=1)]


def reflection(reflections: dict[str, Any], key: str, *, chapter: str = "", page_title: str = "") -> str:
    """A «Til refleksjon» box with the questions stored under `key` (data validated by load_data).

    `chapter` and `page_title` (the nav chapter and the page the box stands on)
    are shown by «Vis på storskjerm»."""
    entry = lookup(reflections, key, what="reflection")
    return render(
        "reflection.html", "reflection", key=key, anchor=reflection_anchor(key), label=REFLECTION_LABEL,
        questions=reflection_questions(key, entry["questions"]), chapter=chapter, page_title=page_title,
    )


def macros(site: Any) -> list[Any]:
    def reflection_(key: str) -> str:
        return reflection(site.data("reflections"), key, chapter=site.chapter_title(),
                          page_title=site.title_of(site.current_page()))

    return [reflection_]
