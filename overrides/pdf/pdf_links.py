"""Links to pages the printed book leaves out (used by overrides/hooks/handbook.py,
pdf_event_hook.py and handouts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the objects come from the caller: no import of bs4 for a site-only build
    from bs4 import BeautifulSoup, Tag


def drop_link(link: Tag) -> None:
    """A list item that is only the link goes; elsewhere the link becomes plain text."""
    item = link.find_parent("li")
    if item is not None and item.get_text(" ", strip=True) == link.get_text(" ", strip=True):
        item.decompose()
    else:
        link.unwrap()


def drop_dangling_links(soup: BeautifulSoup) -> None:
    """Links to pages the book leaves out: a list item that is only such a link goes,
    elsewhere the link becomes plain text (no «(s. N)» to a page that is not there)."""
    ids = {element["id"] for element in soup.find_all(id=True)}
    for link in soup.select('a[href^="#"]'):
        if link["href"][1:] in ids:
            continue
        drop_link(link)


# «Stikkordregister»'s anchors (pdf_event_hook.place_index_anchors): a span around the term,
# or, where the term stands in a link, the link itself.
INDEX_TARGET = "gl-index-target"


def drop_index_anchor(anchor: Tag) -> None:
    """An index anchor the book does not point to: a span goes (its text stays), a link
    keeps everything but the anchor's id and class."""
    if anchor.name == "span":
        anchor.unwrap()
        return
    del anchor["id"]
    classes = [name for name in anchor.get("class") or [] if name != INDEX_TARGET]
    if classes:
        anchor["class"] = classes
    else:
        del anchor["class"]


def drop_index_anchors(soup: BeautifulSoup) -> None:
    """Every index anchor (a handout has no «Stikkordregister»)."""
    for anchor in soup.select(f".{INDEX_TARGET}"):
        drop_index_anchor(anchor)
