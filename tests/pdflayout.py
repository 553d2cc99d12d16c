"""Measuring a PDF's pages as a reader sees them, from poppler's `pdftotext -bbox-layout`.

- `fullness`: how much of a page's type area holds text, as the vertical span from the
  first to the last text line between the running head and the footer, over the height
  of that area.
- `body_line_lengths`: characters per line of body text. Body text is the lines set in
  the commonest type size (their box height is the mode's, ±0.6 pt), so headings, running
  heads, footers, captions and the small print are out; so is each block's last line (a
  paragraph's short last line says nothing about the measure) and any line of one word.

Run as a script for the figures: `python tests/pdflayout.py file.pdf [top_mm bottom_mm]`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

NS = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    last_in_block: bool

    @property
    def height(self) -> float:
        return round(self.y1 - self.y0, 1)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def read_pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(xml)
    pages = []
    for number, page in enumerate(root.iter(f"{NS}page"), start=1):
        lines = []
        for block in page.iter(f"{NS}block"):
            block_lines = block.findall(f"{NS}line")
            for i, line in enumerate(block_lines):
                words = [w.text or "" for w in line.findall(f"{NS}word")]
                lines.append(Line(number, *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
                                  " ".join(words), i == len(block_lines) - 1))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), lines))
    return pages


def fullness(page: Page, top_mm: float, bottom_mm: float) -> float:
    """Share (0–1) of the type area between running head and footer spanned by text."""
    top, bottom = top_mm * MM, page.height - bottom_mm * MM
    inside = [line for line in page.lines if line.y0 >= top - 2 and line.y1 <= bottom + 2]
    if not inside:
        return 0.0
    span = max(line.y1 for line in inside) - min(line.y0 for line in inside)
    return span / (bottom - top)


def body_line_lengths(pages: list[Page]) -> list[int]:
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return []
    body = Counter(line.height for line in lines).most_common(1)[0][0]
    return [len(line.text) for line in lines
            if abs(line.height - body) <= 0.6 and not line.last_in_block and " " in line.text]


def percentile(values: list[int], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(pdf: Path, top_mm: float, bottom_mm: float) -> str:
    pages = read_pages(pdf)
    inner = pages[1:-1]  # cover and back cover aside
    full = sorted((fullness(p, top_mm, bottom_mm), p.number) for p in inner)
    lengths = body_line_lengths(inner)
    rows = [f"{pdf.name}: {len(pages)} pages, {pdf.stat().st_size / 1e6:.2f} MB",
            "emptiest pages: " + ", ".join(f"p{n} {f:.0%}" for f, n in full[:8]),
            f"pages under 25 %: {[n for f, n in full if f < 0.25]}",
            f"body lines: {len(lengths)}; median {statistics.median(lengths):.0f}, "
            f"p90 {percentile(lengths, 0.9):.0f}, max {max(lengths)} characters"]
    return "\n".join(rows)


if __name__ == "__main__":
    path = Path(sys.argv[1])
    top, bottom = (float(sys.argv[2]), float(sys.argv[3])) if len(sys.argv) > 3 else (22.0, 22.0)
    print(report(path, top, bottom))
