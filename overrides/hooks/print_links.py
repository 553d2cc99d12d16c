"""MkDocs hook: external links whose text is not their address carry it (`data-gl-address`),
so that print.css prints the address after them, on paper and in the PDF."""

from __future__ import annotations

import html
import re

EXTERNAL_LINK = re.compile(
    r'<a (?P<attrs>[^>]*\bhref="(?P<href>(?:https?://|mailto:)[^"]+)"[^>]*)>(?P<text>[^<]+)</a>')


def address(href: str) -> str:
    """A link target as a reader would type it: no scheme, no trailing slash."""
    return re.sub(r"^(https?://|mailto:)", "", href).rstrip("/")


def mark_external_links(content: str) -> str:
    def mark(match: re.Match[str]) -> str:
        shown = address(html.unescape(match["href"]))
        if html.unescape(match["text"]).strip() == shown or "data-gl-address" in match["attrs"]:
            return match[0]
        return f'<a data-gl-address="{html.escape(shown)}" {match["attrs"]}>{match["text"]}</a>'

    return EXTERNAL_LINK.sub(mark, content)


def on_page_content(content: str, **kwargs: object) -> str:
    return mark_external_links(content)
