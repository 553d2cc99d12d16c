"""The guide's source text as units (sentences, list items, headings) to look for in
the site and the PDF, with the reviewed exceptions spelled out.

The source is an extraction of the printed magazine layout; `tests/guide-til-god-ledelse.txt`
is the project's own copy of it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SOURCE = TESTS / "guide-til-god-ledelse.txt"
CORRECTIONS = ROOT / "docs" / "_data" / "corrections.yml"

# Layout furniture: lines that are not the guide's text but its print layout.
# Reviewed list; every other line of the source must be found.
FURNITURE_LINES = {
    "---",
    "○",
    "FERDIGHETER",
    "TIL REFLEKSJON",
    "## TIL REFLEKSJON ▶",
    "TIL REFLEKSJON ▶",
    "◀ TIL REFLEKSJON",
    "## 2",
    "--------------\t---",
}
# The printed table of contents (with page numbers) is replaced by the navigation.
TOC_START, TOC_END = "# Innhold", "---"
# The figure's labels are checked on the figure itself (test_figure_labels).
FIGURE_LABELS = ("FRIVILLIG SEKTOR", "STATEN", "INNBYGGERE", "FOLKEVALGTE", "OMGIVELSER")

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"“A-ZÆØÅ0-9])")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def normalize(text: str) -> str:
    """Compare text the way a reader reads it: case, quotes, dashes and spacing aside."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"[«»“”\"'’‘]", "", text)
    text = re.sub(r"\s*[-–—]\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip().lower()


def load_corrections() -> list[dict[str, Any]]:
    return yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8"))


def corrected_source() -> str:
    """The source with the reviewed corrections of «Om denne utgaven» applied."""
    text = SOURCE.read_text(encoding="utf-8")
    for entry in load_corrections():
        if entry.get("join"):
            continue
        assert entry["source"] in text, f"correction source not in the source text: {entry['source']!r}"
        text = text.replace(entry["source"], entry["corrected"])
    return text


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"^[-*]\s+", "", line)
    line = MARKDOWN_LINK.sub(r"\1", line)
    line = line.replace("**", "").replace("*", "")
    return line.replace("◀", "").replace("▶", "").strip()


def paragraphs(text: str) -> list[str]:
    """Blocks of the source, furniture removed, Markdown markup stripped."""
    lines = text.splitlines()
    blocks: list[list[str]] = [[]]
    in_toc = False
    for raw in lines:
        line = raw.strip()
        if line == TOC_START:
            in_toc = True
            continue
        if in_toc:
            in_toc = line != TOC_END
            continue
        if not line or line in FURNITURE_LINES or line in FIGURE_LABELS:
            blocks.append([])
            continue
        if raw.lstrip().startswith("#"):  # a heading; its trailing colon is layout
            blocks.append([_strip_markdown(line).rstrip(":")])
            blocks.append([])
            continue
        if raw.lstrip().startswith("- "):
            blocks.append([_strip_markdown(line)])
            blocks.append([])
            continue
        blocks[-1].append(_strip_markdown(line))
        if raw.endswith("  "):  # a hard line break: address lines, «Se også» lines
            blocks.append([])
    return [" ".join(block) for block in blocks if block and " ".join(block).strip()]


def units() -> list[str]:
    """Every sentence, list item and heading of the corrected source, normalized, in order."""
    found: list[str] = []
    for block in paragraphs(corrected_source()):
        for sentence in SENTENCE_END.split(block):
            unit = normalize(sentence)
            if len(unit) > 1:
                found.append(unit)
    return found


def missing_and_out_of_order(
    site_text: str, *, floating: list[str] = ()
) -> tuple[list[str], list[str]]:
    """Units not in `site_text`, and units found only before the previous unit.

    Two kinds of unit are only required to be present, not in order:
    sentences the layout prints twice (pull quotes), and sentences inside a
    `floating` component text (reflection boxes, skill cards, pull quotes,
    «Se også» lines), which the printed layout set beside the body text, so
    their place relative to it is layout, not text.
    """
    all_units = units()
    repeated = {u for u in all_units if all_units.count(u) > 1}
    missing, out_of_order = [], []
    cursor = 0
    for unit in all_units:
        if unit in repeated or any(unit in text for text in floating):
            if unit not in site_text:
                missing.append(unit)
            continue
        position = site_text.find(unit, cursor)
        if position >= 0:
            cursor = position + len(unit)
        elif unit in site_text:
            out_of_order.append(unit)
        else:
            missing.append(unit)
    return missing, out_of_order
