"""Shared fixtures: build MkDocs projects strict, once per session for the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Build:
    """The outcome of one `mkdocs build --strict`."""

    returncode: int
    output: str
    site_dir: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


PDF_CONFIG = ROOT / "mkdocs-pdf.yml"  # mkdocs.yml plus the PDF plugin, as `make` builds


def mkdocs_build(config: Path, site_dir: Path, *, pdf: bool = False,
                 env: dict[str, str] | None = None) -> Build:
    """Run `mkdocs build --strict` in a subprocess, as `make` does.

    `pdf=True` on the real site means the PDF configuration, mkdocs-pdf.yml. `env` adds
    environment variables, such as SITE_URL (mkdocs.yml `site_url: !ENV SITE_URL`), which
    is otherwise unset."""
    if pdf and config == ROOT / "mkdocs.yml":
        config = PDF_CONFIG
    env = {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1",
           **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def fixture_project(name: str, destination: Path) -> Path:
    """Copy `tests/fixtures/<name>` to `destination`, with the real macros package beside it."""
    project = destination / name
    shutil.copytree(FIXTURES / name, project)
    shutil.copy(FIXTURES / "base-mkdocs.yml", destination)  # each fixture INHERITs it
    (project / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    return project / "mkdocs.yml"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real guide, built once per test session, strict, with the PDF."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site", pdf=True)
    assert build.returncode == 0, build.output
    return build


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUB_PATH = "/guide/"  # the site is served under a sub-path, as many hosts do


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
