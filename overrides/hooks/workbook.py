"""MkDocs hook: the seminar workbook «Arbeidshefte» (site/arbeidshefte.pdf).

Built from the same data as the site (docs/_data, gathered by macros/workbook.py): every
reflection question grouped by chapter with room to write, the four skill cards with a
self-assessment scale, and the checklist of success criteria. It is a tagged,
Norwegian PDF/UA-1 like the handbook, and fillable on screen: WeasyPrint's
`pdf_forms` turns each field into a tagged form field (/Form) named by its
`title` (/TU), while on paper the same fields are ruled boxes to write in.
Its template and stylesheet are overrides/pdf/workbook.html.j2 and workbook.css.

Rendered only when the handbook is (mkdocs-pdf.yml adds the to-pdf plugin),
so `make serve` stays fast.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.outputs import WORKBOOK, WORKBOOK_SIZE, pdf_plugin, size_label, size_placeholder, write_size
from macros.workbook import workbook_context
from overrides.pdf import build as build_state
from overrides.pdf import edition, pdf_fonts

TEMPLATES = Path(__file__).resolve().parent.parent / "pdf"  # overrides/pdf/: templates, styles
TITLE = "Arbeidshefte – Guide til god ledelse"
SUBJECT = ("Arbeidshefte til KS' «Guide til god ledelse»: refleksjonsspørsmål, fire "
           "lederferdigheter med egenvurdering og sjekkliste for utviklingsarbeid.")

log = logging.getLogger("mkdocs.hooks.workbook")


def workbook_html(docs_dir: Path, state: edition.Edition) -> str:
    template_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    fonts_dir = docs_dir / "assets" / "fonts"
    fonts = template_env.get_template("fonts.css.j2").render(
        faces=pdf_fonts.merged_faces(fonts_dir), family=pdf_fonts.FAMILY,
        field_face=pdf_fonts.field_face(fonts_dir), field_family=pdf_fonts.FIELD_FAMILY)
    return template_env.get_template("workbook.html.j2").render(
        title=TITLE, subject=SUBJECT, fonts_css=Markup(fonts),
        palette_css=Markup((docs_dir / "assets" / "stylesheets" / "palette.css").read_text(encoding="utf-8")),
        workbook_css=Markup((TEMPLATES / "workbook.css").read_text(encoding="utf-8")),
        edition=state, web=web_address(state), **workbook_context(docs_dir))


def web_address(state: edition.Edition) -> dict[str, str] | None:
    """The site's address and its QR code, or None without a site_url."""
    if not state.site_url:
        return None
    return {"address": state.address, "qr": edition.qr_data_uri(state.site_url)}


def write_workbook(docs_dir: Path, output: Path, state: edition.Edition) -> None:
    import weasyprint  # only with the PDF plugin: a site-only build never loads it

    weasyprint.HTML(string=workbook_html(docs_dir, state), base_url=str(docs_dir)).write_pdf(
        output, pdf_variant="pdf/ua-1", pdf_forms=True, uncompressed_pdf=False)


def on_post_build(config: MkDocsConfig) -> None:
    if pdf_plugin(config.plugins) is None:  # the workbook is rendered exactly when the handbook is
        return
    output = Path(config.site_dir) / WORKBOOK
    start = time.perf_counter()
    try:
        write_workbook(Path(config.docs_dir), output, build_state.of(config).edition)
    except Exception as exc:  # any failure must stop the build, named
        raise PluginError(f"workbook {WORKBOOK}: {exc}") from exc
    label = size_label(output.stat().st_size)
    pages = write_size(Path(config.site_dir), size_placeholder(WORKBOOK_SIZE), label)
    if pages == 0:
        raise PluginError(f"no page offers {WORKBOOK}: is {{{{ workbook_download() }}}} gone?")
    log.info("Workbook %s written in %.1f s, offered on %d page(s)",
             WORKBOOK, time.perf_counter() - start, pages)
