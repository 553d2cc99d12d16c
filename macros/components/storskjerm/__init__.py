"""«Vis på storskjerm»: reflection questions and skill cards one at a time, full screen,
for a room. The button is imported by the reflection box's, the skill card's and the
facilitator page's templates (storskjerm.html); storskjerm.js opens the view."""

from __future__ import annotations

from typing import Any


def macros(site: Any) -> list[Any]:
    return []
