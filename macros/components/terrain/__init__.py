"""The figure «Kart og terreng for kommunal ledelse» as inline, scalable SVG. The PDFs copy
terrain.css's rules into the SVG (overrides/pdf/pdf_event_hook.py)."""

from __future__ import annotations

from typing import Any

from macros.render import render


def terrain() -> str:
    """The figure «Kart og terreng for kommunal ledelse» as inline, scalable SVG."""
    return render("terrain.html", "terrain")


def macros(site: Any) -> list[Any]:
    return [terrain]
