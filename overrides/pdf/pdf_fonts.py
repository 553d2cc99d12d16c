"""Source Sans 3 for the PDF: the site's latin and latin-ext subsets merged into one face.

The site serves each style as two WOFF2 subsets told apart by `unicode-range`.
WeasyPrint 70 does not honour `unicode-range`: it picks one of the two files per
style and draws every letter with it, so Sámi letters (č đ ŋ š ŧ ž) come out as
wrong glyphs. The PDF therefore gets one merged face per style, without
`unicode-range`, built here with fontTools from the very files the site serves.

The merged face also gets a glyph of its own for U+2010 HYPHEN (a copy of the
hyphen): the PDF hyphenates with it, so text extraction can tell a word broken
at the end of a line from a real hyphen («samfunns- og arbeidsliv»).
"""

from __future__ import annotations

import base64
import copy
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools is loaded only when a PDF is made (the workbook hook imports this module)
    from fontTools.ttLib import TTFont

FAMILY = "Source Sans 3"
SUBSETS = ("latin", "latin-ext")
STYLES = (("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic"))
HYPHENATION_CHARACTER = "\u2010"  # set as `hyphenate-character` in styles.scss
HYPHENATION_GLYPH = "uni2010"


@dataclass(frozen=True)
class Face:
    weight: str
    style: str
    truetype: bytes

    @property
    def data_url(self) -> str:
        return "data:font/ttf;base64," + base64.b64encode(self.truetype).decode("ascii")


def subset_path(fonts_dir: Path, subset: str, weight: str, style: str) -> Path:
    return fonts_dir / f"source-sans-3-{subset}-{weight}-{style}.woff2"


def _as_truetype(path: Path) -> io.BytesIO:
    from fontTools.ttLib import TTFont

    if not path.is_file():
        raise FileNotFoundError(f"font subset {path} is missing; the PDF cannot use Source Sans 3")
    font = TTFont(path)
    font.flavor = None  # WOFF2 → plain TrueType, which fontTools can merge
    data = io.BytesIO()
    font.save(data)
    data.seek(0)
    return data


def _add_hyphenation_glyph(font: TTFont) -> None:
    """Give U+2010 its own glyph, drawn like the hyphen."""
    source = font.getBestCmap()[ord("-")]
    order = [*font.getGlyphOrder(), HYPHENATION_GLYPH]
    font.setGlyphOrder(order)
    glyf = font["glyf"]
    glyf.glyphOrder = order
    glyf.glyphs[HYPHENATION_GLYPH] = copy.deepcopy(glyf[source])
    font["hmtx"].metrics[HYPHENATION_GLYPH] = font["hmtx"].metrics[source]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[ord(HYPHENATION_CHARACTER)] = HYPHENATION_GLYPH


def merged_face(fonts_dir: Path, weight: str, style: str) -> TTFont:
    """One TrueType face covering both subsets of one style."""
    from fontTools.merge import Merger

    font = Merger().merge([_as_truetype(subset_path(fonts_dir, s, weight, style)) for s in SUBSETS])
    _add_hyphenation_glyph(font)
    return font


@lru_cache(maxsize=4)
def merged_faces(fonts_dir: Path) -> tuple[Face, ...]:
    faces = []
    for weight, style in STYLES:
        data = io.BytesIO()
        merged_face(fonts_dir, weight, style).save(data)
        faces.append(Face(weight, style, data.getvalue()))
    return tuple(faces)
