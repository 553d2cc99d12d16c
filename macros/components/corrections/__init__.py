"""The list of corrections made to the printed text, for editors to review
(«Om denne utgaven»)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, RootModel

from macros.render import render
from macros.schemas import PagePath, Strict, Text

# Kind in the data -> what the table says.
CORRECTION_KINDS = {
    "orddeling": "Ord delt av linjeskift",
    "skrivefeil": "Skrivefeil",
    "oppdelt setning": "Setning delt av en boks",
    "typografi": "Typografi",
}


class Correction(Strict):
    source: Text
    corrected: Text
    kind: Literal[tuple(CORRECTION_KINDS)]  # type: ignore[valid-type]
    page: PagePath
    join: bool = False


class SCHEMA(RootModel[Annotated[list[Correction], Field(min_length=1)]]):
    """docs/_data/corrections.yml: each correction, with the page it is on."""

    model_config = ConfigDict(strict=True)


def corrections(entries: list[dict[str, Any]], *, link_for: Any) -> str:
    """The list of corrections made to the printed text, for editors to review."""
    rows = [{**entry, "kind": CORRECTION_KINDS[entry["kind"]], "link": link_for(entry["page"])}
            for entry in entries]
    return render("corrections.html", "corrections", rows=rows)


def macros(site: Any) -> list[Any]:
    def corrections_() -> str:
        return corrections(site.data("corrections"), link_for=site.link_for)

    return [corrections_]
