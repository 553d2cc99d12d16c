"""«Til refleksjon»: a box of reflection questions where the guide places it, with a field
for the reader's answer under each question (reflection.js keeps answers in the browser)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, RootModel, model_validator

from macros.data import lookup
from macros.render import render
from macros.schemas import IDS, Strict, WithId, _short, _unique_ids

REFLECTION_LABEL = "Til refleksjon"


class Question(WithId):
    """A question and its id: the reader's storage key, its anchor, the workbook's field name.
    Kept when the question is reworded, never given to another (README, «Om denne utgaven»)."""

    WHAT = "question"


class Reflection(Strict):
    questions: Annotated[list[Question], Field(min_length=1)]


class SCHEMA(RootModel[Annotated[dict[str, Reflection], IDS]]):
    """docs/_data/reflections.yml: box id -> its questions, in the guide's order; no question
    id twice in the guide, and none the key of a box (their anchors would be the same)."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="after")
    def _unique(self) -> SCHEMA:
        questions = [(f"entry {key!r}: question {number}", question.id, question.text)
                     for key, box in self.root.items()
                     for number, question in enumerate(box.questions, start=1)]
        for where, ident, text in questions:
            if ident in self.root:
                raise ValueError(f"{where} ({_short(text)}): id {ident!r} is the key of a box; "
                                 f"give the question an id of its own, such as '{ident}-1'")
        _unique_ids(questions)
        return self


def reflection_anchor(key: str) -> str:
    """The box's id on its page (`refleksjon-verdier`): the target of links from
    «Mine refleksjoner» and «For deg som leder en samling»."""
    return f"refleksjon-{key}"


def reflection_questions(questions: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each question with its ids, made here and nowhere else, from the id in the data.

    `id` (`verdier-1`) names the reader's answer: reflection.js stores it under
    `gl-svar:<id>` (and finds the first release's `gl-refleksjon:<id>` there: the first
    edition's ids are its positional keys), and the workbook names its form field by it;
    `anchor` (`refleksjon-verdier-1`) is the question's id on the page where the box stands."""
    return [{"text": question["text"], "id": question["id"], "anchor": reflection_anchor(question["id"])}
            for question in questions]


def reflection(reflections: dict[str, Any], key: str, *, chapter: str = "", page_title: str = "") -> str:
    """A «Til refleksjon» box with the questions stored under `key` (data validated by load_data).

    `chapter` and `page_title` (the nav chapter and the page the box stands on)
    are shown by «Vis på storskjerm»."""
    entry = lookup(reflections, key, what="reflection")
    return render(
        "reflection.html", "reflection", key=key, anchor=reflection_anchor(key), label=REFLECTION_LABEL,
        questions=reflection_questions(entry["questions"]), chapter=chapter, page_title=page_title,
    )


def macros(site: Any) -> list[Any]:
    def reflection_(key: str) -> str:
        return reflection(site.data("reflections"), key, chapter=site.chapter_title(),
                          page_title=site.title_of(site.current_page()))

    return [reflection_]
