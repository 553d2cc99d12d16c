"""A sentence of the guide set large."""

from __future__ import annotations

from typing import Any

from macros.errors import ComponentError
from macros.render import render


def pull_quote(text: str, *, repeated: bool = False) -> str:
    """A sentence set large. `repeated` marks a repeat of body text on the same page:
    it is then hidden from screen readers, which already read it in the body."""
    if not isinstance(text, str) or not text.strip():
        raise ComponentError(f"the quote must be a non-empty text, got {text!r}")
    return render("pull_quote.html", "pull_quote", text=text.strip(), repeated=repeated)


def macros(site: Any) -> list[Any]:
    def pull_quote_(text: str) -> str:
        return pull_quote(text, repeated=site.repeated_on_page(text))

    return [pull_quote_]
