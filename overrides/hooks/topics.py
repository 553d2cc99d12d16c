"""MkDocs hook: «Emner» shows each topic's heading with a capital letter («Arbeidsgiverpolitikk»).

The topics are the pages' tags (front matter `tags:`), lower case as words in a sentence
are, and stay so in the tag chips on each page and in the handbook's «Stikkordregister».
As headings on «Emner» (Material's tags listing, and its table of contents) they start
with a capital letter, as Norwegian headings do.
"""

from __future__ import annotations

import re

TOPICS_PAGE = "emner.md"
# The listing's heading text, and its entry in the table of contents.
HEADING = re.compile(r'(<span class="md-tag">)(\w)')
TOC_ENTRY = re.compile(r'(<a href="#tag:[^"]*" class="md-nav__link">\s*<span class="md-ellipsis">\s*)(\w)')


def capitalised(html: str) -> str:
    upper = lambda match: match[1] + match[2].upper()  # noqa: E731
    return TOC_ENTRY.sub(upper, HEADING.sub(upper, html))


def on_post_page(output: str, page: object, **kwargs: object) -> str:
    if page.file.src_uri != TOPICS_PAGE:
        return output
    return capitalised(output)
