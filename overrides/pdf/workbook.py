"""MkDocs hook: the seminar workbook «Arbeidshefte» (site/arbeidshefte.pdf).

Built from the same data as the site (docs/_data): every reflection question
grouped by chapter with room to write, the four skill cards with a
self-assessment scale, and the checklist of success criteria. It is a tagged,
Norwegian PDF/UA-1 like the handbook, and fillable on screen: WeasyPrint's
`pdf_forms` turns each field into a tagged form field (/Form) named by its
`title` (/TU), while on paper the same fields are ruled boxes to write in.

Rendered only when the handbook is (mkdocs-pdf.yml adds the to-pdf plugin),
so `make serve` stays fast.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

HERE = Path(__file__).resolve().parent
PDF_PLUGIN = "to-pdf"  # the workbook is rendered exactly when the handbook is
OUTPUT = "arbeidshefte.pdf"  # macros/pdf_download.py links to it (WORKBOOK)
SIZE_PLACEHOLDER = re.compile(r"(<[^>]*\bdata-gl-workbook-size\b[^>]*>)[^<]*(<)")
TITLE = "Arbeidshefte – Guide til god ledelse"
SUBJECT = ("Arbeidshefte til KS' Guide til god ledelse: spørsmål til refleksjon, fire "
           "lederferdigheter med egenvurdering og sjekkliste for utviklingsarbeid.")

log = logging.getLogger("mkdocs.hooks.workbook")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = str(Path(config.config_file_path).resolve().parent)
    for path in (project, str(HERE)):
        if path not in sys.path:
            sys.path.insert(0, path)
    return config


def workbook_context(docs_dir: Path) -> dict[str, Any]:
    """The workbook's data, validated by the same code as the site's components."""
    from macros import components, notebook
    from macros.data import data_dir, load_data, page_title

    directory = data_dir(docs_dir)
    chapters = notebook.notebook_chapters(
        load_data(directory, "reflections"), notebook.reflection_locations(docs_dir),
        title_of=lambda src: page_title(docs_dir, src), url_of=lambda src: src)
    archetype_data = load_data(directory, "archetypes")
    archetypes = [components.archetype_entry(archetype_data, key) for key in components.ARCHETYPE_IDS]
    checklist = load_data(directory, "checklist")
    components.checklist(checklist)  # validates, fails loudly
    return {"chapters": chapters, "archetypes": archetypes, "checklist": checklist}


def workbook_html(docs_dir: Path) -> str:
    import edition
    import pdf_fonts

    template_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE), autoescape=True, undefined=jinja2.StrictUndefined)
    fonts = template_env.get_template("fonts.css.j2").render(
        faces=pdf_fonts.merged_faces(docs_dir / "assets" / "fonts"), family=pdf_fonts.FAMILY)
    return template_env.get_template("workbook.html.j2").render(
        title=TITLE, subject=SUBJECT, fonts_css=jinja2.utils.markupsafe.Markup(fonts),
        palette_css=jinja2.utils.markupsafe.Markup(
            (docs_dir / "assets" / "stylesheets" / "palette.css").read_text(encoding="utf-8")),
        workbook_css=jinja2.utils.markupsafe.Markup((HERE / "workbook.css").read_text(encoding="utf-8")),
        edition=edition.STATE.line, web=web_address(edition.STATE), **workbook_context(docs_dir))


def web_address(state: Any) -> dict[str, str] | None:
    """The site's address and its QR code, or None without a site_url."""
    if not state.site_url:
        return None
    import edition

    return {"address": state.address, "qr": edition.qr_data_uri(state.site_url)}


def write_workbook(docs_dir: Path, output: Path) -> None:
    import weasyprint

    weasyprint.HTML(string=workbook_html(docs_dir), base_url=str(docs_dir)).write_pdf(
        output, pdf_variant="pdf/ua-1", pdf_forms=True, uncompressed_pdf=False)


def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get(PDF_PLUGIN)
    if plugin is None or not plugin.enabled:
        return
    import hooks  # overrides/pdf/hooks.py: the handbook's Norwegian size label

    output = Path(config.site_dir) / OUTPUT
    start = time.perf_counter()
    try:
        write_workbook(Path(config.docs_dir), output)
    except Exception as exc:  # noqa: BLE001 - any failure must stop the build, named
        raise PluginError(f"workbook {OUTPUT}: {exc}") from exc
    pages = hooks.write_size(Path(config.site_dir), SIZE_PLACEHOLDER, hooks.size_label(output.stat().st_size))
    if pages == 0:
        raise PluginError(f"no page offers {OUTPUT}: is {{{{ workbook_download() }}}} gone?")
    log.info("Workbook %s written in %.1f s, offered on %d page(s)",
             OUTPUT, time.perf_counter() - start, pages)
