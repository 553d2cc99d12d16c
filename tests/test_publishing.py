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
from helpers import ROOT, Build, differing_files, mkdocs_build
from macros.components import folders
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
    build = BUILDS.result("second_build")
    assert build.returncode == 0, build.output
    return build


def test_two_builds_are_byte_identical_pdfs_included(site: Build, second_build: Build) -> None:
    again = second_build
    # The same commit: the same SOURCE_DATE_EPOCH (had a commit landed as they started,
    # the edition line's version would differ too).
    assert source_date_epoch(again) == source_date_epoch(site)
    files = [p for p in site.site_dir.rglob("*") if p.is_file()]
    assert {"guide-til-god-ledelse.pdf", "arbeidshefte.pdf", "sitemap.xml.gz"} <= {p.name for p in files}
    assert differing_files(site.site_dir, again.site_dir) == []


# --- the theme's and the components' templates, kept compiled (overrides/hooks/template_cache.py)

def material_project(folder: Path, marker: str, hooks: tuple[str, ...] = ("template_cache.py",)) -> Path:
    """A Material site of one page whose override template prints `marker`, with `hooks`
    (file names in overrides/hooks/)."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Forside\n\nTekst.\n", encoding="utf-8")
    (folder / "theme").mkdir()
    (folder / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}<p id="merke">' + marker
        + "</p>{{ super() }}{% endblock %}\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    listed = "".join(f"  - {ROOT / 'overrides/hooks' / hook}\n" for hook in hooks)
    config.write_text(
        "site_name: Prøve\ntheme:\n  name: material\n  custom_dir: theme\n  language: nb\n"
        + (f"hooks:\n{listed}" if hooks else ""), encoding="utf-8")
    return config


def test_kept_templates_give_the_site_fresh_ones_give_and_an_edit_shows_at_once(tmp_path: Path) -> None:
    """An editor's view: the second build reads the kept templates and writes the same site
    as the first; a changed override shows in the very next build."""
    config = material_project(tmp_path / "prosjekt", "første")
    cold = mkdocs_build(config, tmp_path / "kald")
    assert cold.returncode == 0, cold.output
    kept = list((config.parent / ".cache" / "jinja" / "theme").glob("*/__jinja2_*.cache"))
    assert len(kept) >= 10  # Material's templates and the override
    stamps = {path: path.stat().st_mtime_ns for path in kept}
    warm = mkdocs_build(config, tmp_path / "varm")
    assert warm.returncode == 0, warm.output
    assert differing_files(cold.site_dir, warm.site_dir) == []
    assert {path: path.stat().st_mtime_ns for path in kept} == stamps  # read, not written again
    (config.parent / "theme" / "main.html").write_text(
        (config.parent / "theme" / "main.html").read_text(encoding="utf-8").replace("første", "andre"),
        encoding="utf-8")
    edited = mkdocs_build(config, tmp_path / "endret")
    html = (edited.site_dir / "index.html").read_text(encoding="utf-8")
    assert '<p id="merke">andre</p>' in html and "første" not in html


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    """A read-only checkout or a full disk: `.cache` cannot be made (here a file stands in its
    place, which stops root too), or a kept template cannot be written."""
    config = material_project(tmp_path / "prosjekt", "merke")
    (config.parent / ".cache").write_text("ikke en mappe", encoding="utf-8")
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert '<p id="merke">merke</p>' in (build.site_dir / "index.html").read_text(encoding="utf-8")

    from jinja2 import DictLoader, Environment

    from macros import jinja_cache

    environment = Environment(loader=DictLoader({"side.html": "Tekst"}))
    folder = jinja_cache.use_cache(environment, tmp_path / "jinja")
    folder.rmdir()  # removed under it, as a full disk refuses the file
    assert environment.get_template("side.html").render() == "Tekst"


def test_the_components_templates_are_kept_in_a_folder_of_their_own(tmp_path: Path, monkeypatch) -> None:
    """The hook gives the components' environment (macros/render.py) a cache beside the
    theme's: each prunes the folders of other settings, so they must not share one."""
    from types import SimpleNamespace

    from jinja2 import Environment

    from macros import jinja_cache, render
    from macros.jinja_cache import settings_key
    from overrides.hooks import template_cache

    environment = render._environment()
    monkeypatch.setattr(environment, "bytecode_cache", None)  # put back after the test
    assert settings_key(environment) is not None  # a fixed autoescape: cacheable
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    template_cache.on_config(config)
    folder = Path(environment.bytecode_cache.directory)
    assert folder.parent == tmp_path / ".cache" / "jinja" / "components"
    theme = template_cache.on_env(Environment(), config, None)  # other settings: another key
    assert Path(theme.bytecode_cache.directory).parent == tmp_path / ".cache" / "jinja" / "theme"
    assert folder.is_dir()  # not removed by the theme's cache
    text = "«Tillit» <b>"
    kept = []
    for _ in range(2):  # compiled and kept, then read from the kept file
        again = render.template_environment(folders())
        again.globals["outputs"] = render.outputs
        jinja_cache.use_cache(again, folder.parent)
        kept.append(str(again.get_template("pull_quote.html").module.pull_quote(text=text)))
    assert len(list(folder.glob("__jinja2_*.cache"))) == 1
    fresh = render.template_environment(folders())  # no cache
    fresh.globals["outputs"] = render.outputs
    assert kept[0] == kept[1] == str(fresh.get_template("pull_quote.html").module.pull_quote(text=text))
    assert "&lt;b&gt;" in kept[1]  # still escaped


def test_code_compiled_under_other_settings_is_never_read(tmp_path: Path, monkeypatch) -> None:
    """Jinja's cache checks a template's source, not the environment's settings
    (pallets/jinja#1738) nor Jinja's version: the hook's folder name does."""
    from jinja2 import DictLoader, Environment, FileSystemBytecodeCache, select_autoescape

    from macros import jinja_cache

    def env(**settings: object) -> Environment:
        return Environment(loader=DictLoader({"side.html": "Tekst\n"}), **settings)

    # Negative control: one plain cache folder for both settings gives the second the
    # first one's output.
    shared = tmp_path / "delt"
    shared.mkdir()
    for keep in (False, True):
        plain = env(keep_trailing_newline=keep, bytecode_cache=FileSystemBytecodeCache(str(shared)))
        assert plain.get_template("side.html").render() == "Tekst"  # wrong for keep=True
    # With the hook each setting compiles its own code.
    cache = tmp_path / "jinja"
    for keep, expected in ((False, "Tekst"), (True, "Tekst\n"), (False, "Tekst")):
        environment = env(keep_trailing_newline=keep)
        folder = jinja_cache.use_cache(environment, cache)
        assert environment.get_template("side.html").render() == expected
        assert [path.name for path in cache.iterdir()] == [folder.name]  # older folders removed
    monkeypatch.setattr("jinja2.__version__", "9.9.9")
    assert jinja_cache.use_cache(env(), cache) != folder
    # autoescape as a function decides per template: not cached rather than cached wrongly.
    per_template = env(autoescape=select_autoescape())
    assert jinja_cache.use_cache(per_template, cache) is None
    assert per_template.bytecode_cache is None


# --- the theme's files, listed without walking Material's icons (overrides/hooks/theme_files.py)

def test_the_theme_listing_leaves_out_only_what_mkdocs_drops(tmp_path: Path) -> None:
    """The hook's loader lists what Jinja's own lists, except inside folders named `.…`, whose
    files MkDocs never copies; Material's 14 500 icons are what it no longer walks."""
    import jinja2
    import material

    from overrides.hooks.theme_files import ThemeLoader

    override = tmp_path / "theme"
    for name in ("main.html", "assets/stil.css", "assets/.punkt.css", ".skjult/stil.css", "a/.b/c.js"):
        (override / name).parent.mkdir(parents=True, exist_ok=True)
        (override / name).write_text("x", encoding="utf-8")
    dirs = [str(override), str(Path(material.__file__).parent / "templates")]
    plain = jinja2.FileSystemLoader(dirs).list_templates()
    dotted = {path for path in plain if any(part.startswith(".") for part in path.split("/")[:-1])}
    assert len(dotted) > 10_000 and {".skjult/stil.css", "a/.b/c.js"} <= dotted
    listed = ThemeLoader(dirs).list_templates()
    assert listed == [path for path in plain if path not in dotted]
    assert {"main.html", "assets/stil.css", "assets/.punkt.css"} <= set(listed)  # MkDocs drops the last


def test_the_theme_listing_gives_the_same_site_and_still_finds_icons(tmp_path: Path) -> None:
    """A Material project with static files in the override, some in dot folders, and an
    icon included by name from Material's `.icons`: the same site with the hook as without."""
    sites = {}
    for hooks in ((), ("theme_files.py",)):
        config = material_project(tmp_path / f"prosjekt-{len(hooks)}", "merke", hooks)
        theme = config.parent / "theme"
        for name in ("assets/stil.css", ".skjult/stil.css", "assets/.punkt.css"):
            (theme / name).parent.mkdir(parents=True, exist_ok=True)
            (theme / name).write_text("p { color: red }", encoding="utf-8")
        main = theme / "main.html"
        main.write_text(main.read_text(encoding="utf-8").replace(
            "{{ super() }}", '<span id="ikon">{% include ".icons/material/home.svg" %}</span>{{ super() }}'),
            encoding="utf-8")
        build = mkdocs_build(config, tmp_path / f"site-{len(hooks)}")
        assert build.returncode == 0, build.output
        sites[hooks] = build.site_dir
    without, with_hook = sites.values()
    assert differing_files(without, with_hook) == []
    assert (with_hook / "assets" / "stil.css").is_file()
    assert not (with_hook / ".skjult").exists() and not (with_hook / "assets" / ".punkt.css").exists()
    assert re.search(r'<span id="ikon"><svg [^>]*>', (with_hook / "index.html").read_text(encoding="utf-8"))


def test_the_real_site_lists_its_theme_with_the_hook() -> None:
    """mkdocs.yml lists the hook, and after its on_config every theme environment MkDocs
    makes has the hook's loader (without it, the test above would compare two plain builds)."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    hook = config.plugins["overrides/hooks/theme_files.py"]
    assert type(config.theme.get_env().loader).__name__ == "FileSystemLoader"
    hook.on_config(config)
    assert type(config.theme.get_env().loader).__name__ == "ThemeLoader"


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
