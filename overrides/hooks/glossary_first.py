"""MkDocs hook: a glossary term is marked once per page, where a reader meets it first.

The `abbr` extension's glossary (macros.registry.configure_tooltips) wraps every
occurrence of every term in `<abbr title="definition">`, headings included, so a page
was dotted with underlines. Here, per page and per term (the definition names the term;
its word forms share it), only the first occurrence in running text keeps its `abbr`
and becomes focusable (`tabindex="0"`), so Material's tooltip (`content.tooltips`)
opens on keyboard focus as on hover; macros/components/glossary/glossary.js lets Esc
close it. Occurrences in headings, in links (no focusable element inside another) and
in parts hidden from assistive technology (a pull quote repeating the text) are left
as plain words and do not count as the first.

Plain string work with regular expressions on the markup Python-Markdown writes: the
build time is at its budget, and parsing every page as a tree would cost more.
"""

from __future__ import annotations

import re

ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)
# Where a term is not marked: headings, links, and what assistive technology skips.
PLAIN_ZONES = (
    re.compile(r"<h(?P<level>[1-6])\b.*?</h(?P=level)>", re.S),
    re.compile(r"<a\b.*?</a>", re.S),
    re.compile(r'<(?P<tag>figure|div|section|aside)\b[^>]*aria-hidden="true".*?</(?P=tag)>', re.S),
)


def first_occurrences_only(html: str) -> str:
    if "<abbr" not in html:
        return html
    plain = [m.span() for zone in PLAIN_ZONES for m in zone.finditer(html)]
    seen: set[str] = set()

    def mark(match: re.Match[str]) -> str:
        start = match.start()
        if any(a <= start < b for a, b in plain) or match["title"] in seen:
            return match["text"]
        seen.add(match["title"])
        return f'<abbr title="{match["title"]}" tabindex="0">{match["text"]}</abbr>'

    return ABBR.sub(mark, html)


def on_page_content(html: str, **kwargs: object) -> str:
    return first_occurrences_only(html)
