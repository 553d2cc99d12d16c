"""A page's title as its Markdown writes it: the data links pages by path and shows their titles."""

from __future__ import annotations

import re
from pathlib import Path

TITLE_RE = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def read_title(path: Path) -> str:
    """The page's `# ` heading; a page without one cannot be linked by name."""
    match = TITLE_RE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError("the page has no '# ' heading to use as link text")
    return match.group(1)
