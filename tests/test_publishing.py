"""Publishing the site: reproducible builds, SITE_URL, a 404 page that works wherever it is
served, and nothing but the site in site/."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

import background
from background import BUILDS
from helpers import ROOT, Build, differing_files
from sitepages import nav_pages

PUBLIC_URL = background.PUBLISHED_URL
PUBLIC_PATH = urlparse(PUBLIC_URL).path
HOME_LINK = "Gå til forsiden av «Guide til god ledelse»"


# --- reproducible -------------------------------------------------------------------------

def source_date_epoch(build: Build) -> str:
    """The SOURCE_DATE_EPOCH a build used, from its log (overrides/hooks/reproducible.py)."""
    found = re.search(r"SOURCE_DATE_EPOCH=(\d+)", build.output)
    assert found, build.output
    return found[1]


# A second build of the real site, in a process and folder of its own, started with `site`
# at the session's start (background.py): same commit, same environment.
BUILDS.site("second_build", pdf=True, after=background.AFTER_SITE, module=__name__)


@pytest.fixture(scope="module")
def second_build() -> Build:
    return BUILDS.succeeded("second_build")


def test_two_builds_are_byte_identical_pdfs_included(site: Build, second_build: Build) -> None:
    again = second_build
    # The same commit: the same SOURCE_DATE_EPOCH (had a commit landed as they started,
    # the edition line's version would differ too).
    assert source_date_epoch(again) == source_date_epoch(site)
    files = [p for p in site.site_dir.rglob("*") if p.is_file()]
    assert {"guide-til-god-ledelse.pdf", "arbeidshefte.pdf", "sitemap.xml.gz"} <= {p.name for p in files}
    assert differing_files(site.site_dir, again.site_dir) == []


def test_comparison_names_a_differing_file(site: Build, tmp_path: Path) -> None:
    """Negative control for the test above: one changed byte in a PDF is named."""
    copy = tmp_path / "copy"
    shutil.copytree(site.site_dir, copy)
    pdf = copy / "arbeidshefte.pdf"
    data = bytearray(pdf.read_bytes())
    data[-10] ^= 1
    pdf.write_bytes(bytes(data))
    (copy / "extra.txt").write_text("x")
    assert differing_files(site.site_dir, copy) == ["arbeidshefte.pdf", "extra.txt"]


def test_dates_come_from_the_last_commit(site: Build) -> None:
    """The handbook and the sitemap carry the last commit's date (SOURCE_DATE_EPOCH), not the
    build's."""
    epoch = int(source_date_epoch(site))
    commits = subprocess.run(["git", "log", "-5", "--format=%ct"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert str(epoch) in commits  # a commit's time (the last one when the session began)
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    info = subprocess.run(["pdfinfo", "-isodates", site.site_dir / "guide-til-god-ledelse.pdf"],
                          capture_output=True, text=True, check=True).stdout
    dates = re.findall(r"^(?:CreationDate|ModDate):\s+(\S+)", info, re.M)
    assert len(dates) == 2 and all(date.startswith(stamp) for date in dates), (stamp, dates)
    with gzip.open(site.site_dir / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        # MkDocs stamps the gzip with the day of SOURCE_DATE_EPOCH, at midnight UTC.
        assert sitemap.mtime == epoch - epoch % 86400


# --- build inputs -------------------------------------------------------------------------

def test_no_build_inputs_in_the_site(site: Build) -> None:
    inputs = [p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*")
              if p.suffix in {".j2", ".scss", ".py", ".pyc", ".yml"}]
    assert inputs == []
    assert not (site.site_dir / "pdf").exists()
    # …while the theme's own assets from overrides/ are still published.
    assert list((site.site_dir / "assets" / "javascripts" / "lunr").rglob("*.js"))


# --- SITE_URL -----------------------------------------------------------------------------

background.published(__name__)


@pytest.fixture(scope="module")
def public_site(published: Build) -> Build:
    """The site built as for publishing under PUBLIC_URL (conftest `published`)."""
    return published


def test_sitemap_lists_every_page_with_its_full_address(public_site: Build, site: Build) -> None:
    sitemap = (public_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    addresses = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    expected = [PUBLIC_URL + src.removesuffix(".md") + ".html" for src in [*nav_pages(), "personvern.md"]]
    assert sorted(addresses) == sorted(expected)
    # Unset, there is no address to give: the sitemap is empty, not wrong.
    assert "<loc>" not in (site.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def serve(site_dir: Path, tmp_path: Path):
    """`site_dir` on loopback under the path of its address, PUBLIC_URL (/lederguide/), with
    404.html for every missing address."""
    root = tmp_path / "www"
    shutil.copytree(site_dir, root / PUBLIC_PATH.strip("/"))
    not_found = (root / PUBLIC_PATH.strip("/") / "404.html").read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(not_found)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PUBLIC_PATH}"


def open_missing(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """Open a missing address; returns the page and its console errors other than the 404 itself."""
    page = browser.new_context(locale="nb-NO").new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text
            and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url)
    assert response is None or response.status in (404, 200)
    page.wait_for_load_state("networkidle")
    return page, errors


def assert_styled_not_found_page(page: Page) -> None:
    expect(page.locator("h1")).to_have_text("Fant ikke siden")
    # Material's stylesheet and the site's fonts are loaded: the header bar is laid out.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert "Source Sans 3" in page.locator("body").evaluate("e => getComputedStyle(e).fontFamily")
    assert page.evaluate("""[...document.fonts].some(
        f => f.family.includes("Source Sans 3") && f.status === "loaded")""")


def test_404_with_site_url_works_at_any_depth(browser: Browser, public_site: Build, tmp_path: Path) -> None:
    server, base = serve(public_site.site_dir, tmp_path)
    try:
        for missing in ("finnes-ikke.html", "ledelse-pa-dagsordenen/finnes/ikke/her.html"):
            page, errors = open_missing(browser, base + missing)
            assert_styled_not_found_page(page)
            page.get_by_role("link", name=HOME_LINK).click()
            expect(page).to_have_url(base + "index.html")
            assert errors == [], (missing, errors)
            page.context.close()
    finally:
        server.shutdown()


def test_404_without_site_url_works_under_a_sub_path(browser: Browser, base_url: str) -> None:
    """Served for a missing address in the site's folder, under /guide/ (conftest.base_url)."""
    page, errors = open_missing(browser, base_url + "finnes-ikke.html")
    assert_styled_not_found_page(page)
    page.get_by_role("link", name=HOME_LINK).click()
    expect(page).to_have_url(base_url + "index.html")
    expect(page.locator("h1").first).to_be_visible()
    assert errors == []
    page.context.close()


def test_404_without_site_url_works_from_the_file_system(browser: Browser, site: Build) -> None:
    page, errors = open_missing(browser, (site.site_dir / "404.html").as_uri())
    assert_styled_not_found_page(page)
    page.get_by_role("link", name=HOME_LINK).click()
    expect(page).to_have_url((site.site_dir / "index.html").as_uri())
    assert errors == []
    page.context.close()


def test_404_search_works_under_a_sub_path(browser: Browser, base_url: str) -> None:
    page, errors = open_missing(browser, base_url + "finnes-ikke.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("tillit")
    result = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect(result).to_be_attached(timeout=10_000)
    assert result.evaluate("a => a.href").startswith(base_url)
    assert errors == []
    page.context.close()
