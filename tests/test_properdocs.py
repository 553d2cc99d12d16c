"""ProperDocs (MkDocs' maintained continuation, pinned in requirements.in) builds the same
site as MkDocs: the same files, the PDFs byte for byte, the pages but for the `generator`
meta that names the engine. MkDocs 1.6.1 has had no release since 2024-08; this keeps the
drop-in a tested one. The real site with the PDFs (mkdocs-pdf.yml), strict, as `make`
builds it, but with `python -m properdocs`; started in the background once `site` is built."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

import background
from background import BUILDS
from helpers import Build, differing_files
from macros.outputs import SITE_ZIP

BUILDS.site("properdocs", pdf=True, engine="properdocs", after=background.AFTER_SITE, module=__name__)

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">; ProperDocs writes
# "mkdocs-ProperDocs 1.6.7, …".
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
PDFS = ("guide-til-god-ledelse.pdf", "arbeidshefte.pdf", "guide-til-god-ledelse-kapittel-1.pdf")


@pytest.fixture(scope="module")
def properdocs() -> Build:
    return BUILDS.succeeded("properdocs")


def normalised(name: str, data: bytes) -> bytes:
    """A built file with the engine's name taken out: the generator meta of an HTML page,
    and of every page inside the offline zip."""
    if name.endswith(".html"):
        return GENERATOR.sub(b'<meta name="generator">', data)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"\0".join(entry.filename.encode() + b"\0"
                              + normalised(entry.filename, archive.read(entry))
                              for entry in archive.infolist())
    return data


def differing_but_for_the_engine(one: Path, other: Path) -> list[str]:
    def same(name: str) -> bool:
        if not ((one / name).is_file() and (other / name).is_file()):
            return False
        return normalised(name, (one / name).read_bytes()) == normalised(name, (other / name).read_bytes())

    return [name for name in differing_files(one, other) if not same(name)]


@pytest.mark.real_site
def test_properdocs_builds_the_same_site_as_mkdocs(site: Build, properdocs: Build) -> None:
    assert differing_but_for_the_engine(site.site_dir, properdocs.site_dir) == []
    for name in PDFS:  # the PDFs byte for byte, not only after normalising
        assert (site.site_dir / name).read_bytes() == (properdocs.site_dir / name).read_bytes(), name
    # It is ProperDocs that built it (the control: otherwise the test compares MkDocs with itself).
    front = (properdocs.site_dir / "index.html").read_bytes()
    assert b"ProperDocs 1.6.7" in GENERATOR.search(front)[0]
    assert b"mkdocs-1.6.1" in GENERATOR.search((site.site_dir / "index.html").read_bytes())[0]


@pytest.mark.real_site
def test_the_comparison_sees_more_than_the_engine(site: Build, tmp_path: Path) -> None:
    """Negative control: a changed word in a page, and in the zip's copy of it, is named."""
    copy = tmp_path / "copy"
    shutil.copytree(site.site_dir, copy)
    page = copy / "forord.html"
    page.write_bytes(page.read_bytes().replace(b"leder", b"lerer", 1))
    archive = copy / SITE_ZIP
    with zipfile.ZipFile(site.site_dir / SITE_ZIP) as old, zipfile.ZipFile(archive, "w") as new:
        for entry in old.infolist():
            data = old.read(entry)
            new.writestr(entry, data.replace(b"leder", b"lerer", 1) if entry.filename.endswith("/forord.html")
                         else data)
    assert differing_but_for_the_engine(site.site_dir, copy) == ["forord.html", SITE_ZIP]
