"""«Tillegg i den digitale utgaven»: the mark on every addition of this edition to KS' text.

Pages mark an addition with `<div class="gl-editorial" markdown>` and its label; the
components' templates import the `label` macro of editorial.html. No macro of its own."""

from __future__ import annotations

from typing import Any


def macros(site: Any) -> list[Any]:
    return []
