"""Shared fixtures: the real site built once per session, served, and one Chromium."""

from __future__ import annotations

import shutil

import pytest

from helpers import CHROMIUM, ROOT, SUB_PATH, Build, mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real guide, built once per test session, strict, with the PDF."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site", pdf=True)
    assert build.returncode == 0, build.output
    return build


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
def browser():
    """Debian's Chromium driven by Playwright (which cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()
