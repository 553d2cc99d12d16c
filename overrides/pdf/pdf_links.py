"""Links to pages the printed book leaves out (shared by hooks.py and pdf_event_hook.py)."""

from __future__ import annotations

from bs4 import Tag


def drop_link(link: Tag) -> None:
    """A list item that is only the link goes; elsewhere the link becomes plain text."""
    item = link.find_parent("li")
    if item is not None and item.get_text(" ", strip=True) == link.get_text(" ", strip=True):
        item.decompose()
    else:
        link.unwrap()
