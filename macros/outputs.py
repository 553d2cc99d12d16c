"""The files a PDF build writes beside the site, and where the pages show their sizes.

One owner for each name: the hooks that write the files (overrides/hooks/handbook.py,
workbook.py, offline_zip.py), the macros that offer them (macros/pdf_download.py), the
link check (overrides/hooks/link_checks.py) and the tests import them from here. The
handbook's own file name is the to-pdf plugin's `output_path` in mkdocs-pdf.yml, which
the plugin needs to be told; code reads it from there (`handbook`).

A download box leaves a placeholder element carrying one of the `*_SIZE` attributes
(`<span data-gl-pdf-size>PDF</span>`); once the file is written, its hook puts the
Norwegian size label into every such element (`write_size`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

PDF_PLUGIN = "to-pdf"  # mkdocs-pdf.yml's plugin: the PDFs and the zip are made exactly when it is on
WORKBOOK = "arbeidshefte.pdf"
HANDOUT = "guide-til-god-ledelse-kapittel-{number}.pdf"
SITE_ZIP = "guide-til-god-ledelse-nettsted.zip"

PDF_SIZE = "data-gl-pdf-size"
WORKBOOK_SIZE = "data-gl-workbook-size"
HANDOUT_SIZE = "data-gl-handout-size"  # its value is the chapter's number
ZIP_SIZE = "data-gl-zip-size"


def pdf_plugin(plugins: Any) -> Any:
    """The enabled to-pdf plugin, or None (mkdocs.yml alone, `make serve`)."""
    plugin = plugins.get(PDF_PLUGIN) if plugins is not None else None
    return plugin if plugin is not None and getattr(plugin, "enabled", True) else None


def handbook(plugins: Any) -> str | None:
    """The handbook's file name (mkdocs-pdf.yml `output_path`), or None without the PDFs."""
    plugin = pdf_plugin(plugins)
    return plugin.config["output_path"] if plugin is not None else None


def handout(number: int) -> str:
    return HANDOUT.format(number=number)


def size_placeholder(attribute: str, value: str | None = None) -> re.Pattern[str]:
    """The element carrying `attribute` (with `value`, if given) and the text it holds."""
    marker = re.escape(attribute) + (rf'="{re.escape(value)}"' if value is not None else r"\b")
    return re.compile(rf"(<[^>]*\b{marker}[^>]*>)[^<]*(<)")


def size_label(size: int, kind: str = "PDF") -> str:
    """Norwegian file size: «PDF, 850 kB», «ZIP, 1,4 MB»."""
    if size < 1_000_000:
        return f"{kind}, {max(1, round(size / 1000))} kB"
    return f"{kind}, " + f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def write_size(site_dir: Path, placeholder: re.Pattern[str], label: str) -> int:
    """Write `label` into every element `placeholder` finds; returns how many pages had one."""
    pages = 0
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new, count = placeholder.subn(rf"\g<1>{label}\g<2>", text)
        if count:
            if new != text:
                path.write_text(new, encoding="utf-8")
            pages += 1
    return pages
