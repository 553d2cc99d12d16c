"""Source Sans 3 for the PDF: the site's latin and latin-ext subsets merged into one face.

The site serves each style as two WOFF2 subsets told apart by `unicode-range`.
WeasyPrint 70 does not honour `unicode-range`: it picks one of the two files per
style and draws every letter with it, so Sámi letters (č đ ŋ š ŧ ž) come out as
wrong glyphs. The PDF therefore gets one merged face per style, without
`unicode-range`, built here with fontTools from the very files the site serves.

The merged face also gets a glyph of its own for U+2010 HYPHEN (a copy of the
hyphen): the PDF hyphenates with it, so text extraction can tell a word broken
at the end of a line from a real hyphen («samfunns- og arbeidsliv»).

Merging and saving four faces takes fontTools about 4 s, and every PDF build (the
handbook's hook and the workbook's) needs them, so the merged files are kept in
`.cache/pdf-fonts/` under a name made of the SHA-256 of everything they are made from:
the subset files, this module's source and fontTools' version. Change any of those and
the name changes, so a kept file can never be stale. Each face keeps the dates of the
subsets it was made from (`head.created`, `head.modified`), not the time it was merged: a file made
yesterday is byte for byte the file made today. WeasyPrint reads the faces from there
by their `file:` address (a data: URL of 400 kB would be parsed again by each render).

The workbook's form fields get a face of their own, FIELD_FAMILY (`field_face`): the
regular face with no layout tables (GSUB, GPOS), so none of its glyphs is a ligature or an
alternate. WeasyPrint embeds a font a form field uses whole, with a ToUnicode map made from
the font's cmap alone, so it cannot tell what a shaped glyph (the «ft» ligature, the
alternate «A») stands for. Were the fields set in the face the text is set in, every glyph
the text shapes that way would map to nothing (PDF/UA-1 7.21.7; `pdftotext` gave
«rbeidshe et» for «Arbeidsheftet»). With a face of their own the text's face is subset with
a ToUnicode map from shaping, as in the handbook, and a PDF viewer filling a field draws
plain letters from a face that holds every letter of both subsets.
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools is loaded only when a PDF is made (the workbook hook imports this module)
    from fontTools.ttLib import TTFont

FAMILY = "Source Sans 3"
FIELD_FAMILY = "Source Sans 3 Fields"  # the workbook's form fields (workbook.css), see above
SUBSETS = ("latin", "latin-ext")
STYLES = (("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic"))
HYPHENATION_CHARACTER = "\u2010"  # set as `hyphenate-character` in styles.scss
HYPHENATION_GLYPH = "uni2010"
# The project's .cache/ (as Material's own plugins use it), ignored by git: one for every
# configuration in the project (fixture projects too): each set of faces is kept under a key
# of its font files (cache_key).
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "pdf-fonts"


def write_whole(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (a temporary file, renamed): builds running side by
    side may write the same face, and a reader never sees half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Face:
    weight: str
    style: str
    path: Path  # the merged TrueType file

    @property
    def url(self) -> str:
        return self.path.as_uri()


def subset_path(fonts_dir: Path, subset: str, weight: str, style: str) -> Path:
    return fonts_dir / f"source-sans-3-{subset}-{weight}-{style}.woff2"


def _existing_subset(fonts_dir: Path, subset: str, weight: str, style: str) -> Path:
    path = subset_path(fonts_dir, subset, weight, style)
    if not path.is_file():
        raise FileNotFoundError(f"font subset {path} is missing; the PDF cannot use Source Sans 3")
    return path


def _as_truetype(path: Path) -> io.BytesIO:
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcTimestamp=False)
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
    """One TrueType face covering both subsets of one style, dated like its subsets."""
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    paths = [_existing_subset(fonts_dir, s, weight, style) for s in SUBSETS]
    font = Merger().merge([_as_truetype(path) for path in paths])
    _add_hyphenation_glyph(font)
    font.recalcTimestamp = False
    heads = [TTFont(path, lazy=True)["head"] for path in paths]
    font["head"].created = min(head.created for head in heads)  # the merger stamps today
    font["head"].modified = max(head.modified for head in heads)
    return font


def cache_key(fonts_dir: Path) -> str:
    """What the merged faces are made of: every subset file, this module, fontTools."""
    import fontTools

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(fontTools.version.encode())
    for weight, style in STYLES:
        for subset in SUBSETS:
            digest.update(_existing_subset(fonts_dir, subset, weight, style).read_bytes())
    return digest.hexdigest()[:16]


def _file_stem(family: str) -> str:
    return family.lower().replace(" ", "-")


@lru_cache(maxsize=4)
def merged_faces(fonts_dir: Path, cache: Path = CACHE) -> tuple[Face, ...]:
    """The four merged faces as files in `cache`, made only when no file of their key is there."""
    key = cache_key(fonts_dir)
    faces = []
    made = False
    for weight, style in STYLES:
        path = cache / f"{_file_stem(FAMILY)}-{weight}-{style}-{key}.ttf"
        if not path.is_file():
            data = io.BytesIO()
            merged_face(fonts_dir, weight, style).save(data)
            write_whole(path, data.getvalue())
            made = True
        faces.append(Face(weight, style, path))
    if made:  # faces of an earlier key are never read again: the folder does not grow
        for old in cache.glob("*.ttf"):
            if not old.name.endswith(f"-{key}.ttf"):
                old.unlink(missing_ok=True)
    return tuple(faces)


def field_font(regular: Path) -> TTFont:
    """The regular merged face with every character it maps and no layout tables: only
    glyphs that a character maps to, so a form field's ToUnicode map covers them all."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(regular, recalcTimestamp=False)
    options = subset.Options(layout_features=[], hinting=False, notdef_outline=True, name_IDs=["*"],
                             name_languages=["*"], glyph_names=False)
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    return font


@lru_cache(maxsize=4)
def field_face(fonts_dir: Path, cache: Path = CACHE) -> Face:
    """FIELD_FAMILY's file in `cache`, under the merged faces' key, made when it is not there."""
    regular = next(face for face in merged_faces(fonts_dir, cache)
                   if (face.weight, face.style) == ("400", "normal"))
    name = regular.path.name.replace(_file_stem(FAMILY), _file_stem(FIELD_FAMILY), 1)
    path = regular.path.with_name(name)
    if not path.is_file():
        data = io.BytesIO()
        field_font(regular.path).save(data)
        write_whole(path, data.getvalue())
    return Face("400", "normal", path)
