"""«Se også»: a pointer to another KS publication or tool, or to a page of the guide."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, RootModel

from macros.data import lookup
from macros.render import render
from macros.schemas import IDS, OptionalText, Strict, Text, Url


class SeeAlso(Strict):
    lead: Text
    title: Text
    after: OptionalText = ""
    url: Url | None = None


class SCHEMA(RootModel[Annotated[dict[str, SeeAlso], IDS]]):
    """docs/_data/see_also.yml: reference id -> lead, title, text after it and address."""

    model_config = ConfigDict(strict=True)


def see_also(references: dict[str, Any], key: str, *, link_for: Any = None) -> str:
    """A «Se også» pointer to another KS publication or tool, or to a page of the guide
    (a `….md` url, turned into a link relative to the page by `link_for`)."""
    entry = lookup(references, key, what="see_also reference")
    url = entry["url"]
    if url and url.split("#")[0].endswith(".md") and link_for is not None:
        page, _, anchor = url.partition("#")
        url = link_for(page)["url"] + (f"#{anchor}" if anchor else "")
    return render("see_also.html", "see_also", lead=entry["lead"], title=entry["title"],
                  after=entry["after"], url=url)


def macros(site: Any) -> list[Any]:
    def see_also_(key: str) -> str:
        return see_also(site.data("see_also"), key, link_for=site.link_for)

    return [see_also_]
