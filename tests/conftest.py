"""Shared fixtures: the real site built once per session, served, and one Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import engines
import pagewalk
from background import BUILDS
from helpers import BROWSER_ARGS, CHROMIUM, SUB_PATH, Build

BUILDS.site("site", pdf=True, module=__name__)
# Tests that wait for the extra builds of the real site run last, those that need no
# build of the real site first: they run while `site` is being built.
LATE_FIXTURES = {"published", "second_build"}


# The quick tier (`make check`, `pytest --quick`): every test that needs neither a browser
# nor a build of the real site (which makes the PDFs). A test needs them when one of these
# fixtures is in its closure, or when it is marked `real_site` (it reads a real-site build
# through BUILDS.result itself).
SLOW_FIXTURES = {"site", "published", "second_build", "browser", "where", "new_edition"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--quick", action="store_true",
                     help="only the tests that need no browser and no build of the real site (make check)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real_site: reads a build of the real site (not in --quick)")


def needs_the_real_site_or_a_browser(item: pytest.Item) -> bool:
    return bool(set(getattr(item, "fixturenames", ())) & SLOW_FIXTURES
                or item.get_closest_marker("real_site"))


def pytest_report_header(config: pytest.Config) -> list[str]:
    """The engines' versions at the top of the report: a browser test's outcome depends on them."""
    return [f"engines: {', '.join(engines.versions())}"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("quick"):
        slow = [item for item in items if needs_the_real_site_or_a_browser(item)]
        if slow:
            config.hook.pytest_deselected(items=slow)
            items[:] = [item for item in items if not needs_the_real_site_or_a_browser(item)]

    def rank(item: pytest.Item) -> int:
        names = set(getattr(item, "fixturenames", ()))
        # `where` (test_csp.py) reads base_url or file_url, both the built site, at run time.
        return 2 if names & LATE_FIXTURES else 1 if names & {"site", "where"} else 0

    items.sort(key=rank)  # stable: file order within each group


@pytest.fixture(scope="session", autouse=True)
def background_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Starts, before the first test, every build the selected tests will read (background.py)."""
    items = request.session.items
    modules = {item.module.__name__ for item in items if getattr(item, "module", None)}
    if any("site" in getattr(item, "fixturenames", ()) for item in items):
        modules.add(__name__)
    BUILDS.start(modules, tmp_path_factory.mktemp("builds"),
                 real_site=not request.config.getoption("quick"))
    yield BUILDS
    BUILDS.stop()


@pytest.fixture(scope="session")
def site() -> Build:
    """The real guide, built once per test session, strict, with the PDF."""
    return BUILDS.succeeded("site")


@pytest.fixture(scope="session")
def published() -> Build:
    """The real site built strict with SITE_URL (and UUSTATUS_URL) set, as a publisher builds it
    (background.published)."""
    return BUILDS.succeeded("published")


@pytest.fixture(scope="session")
def base_url(site: Build, tmp_path_factory: pytest.TempPathFactory):
    """The built site served over HTTP on loopback, under SUB_PATH."""
    import functools
    import http.server
    import threading

    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site.site_dir, root / SUB_PATH.strip("/"))
    not_found = root / SUB_PATH.strip("/") / "404.html"

    class SiteHandler(http.server.SimpleHTTPRequestHandler):
        """Serves the site as static hosts do: 404.html, status 404, for a missing address."""

        def log_message(self, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            if code != 404 or not self.path.startswith(SUB_PATH):
                return super().send_error(code, message, explain)
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    handler = functools.partial(SiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def new_edition(site: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a new edition (tests/editions.py): a question added first on «Å lede med
    tydelige verdier», the second reworded, the third removed. Built once, after `site`."""
    import editions

    return editions.new_edition(tmp_path_factory.mktemp("edition"))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (which cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()


# One walk over every page per colour scheme (and one from the file system), shared by
# test_accessibility.py and test_csp.py: tests/pagewalk.py says what each walk collects.

@pytest.fixture(scope="session")
def walks(browser: Browser, base_url: str, site: Build) -> pagewalk.Walks:
    """walks["light"], walks["dark"] (over http) and walks["file"], each made when first read."""
    return pagewalk.Walks(browser, base_url, site.site_dir.as_uri() + "/")
