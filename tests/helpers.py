"""Test helpers: build a MkDocs project strict, as `make` does, and copy fixture projects.

Imported by name (`from helpers import …`): pyproject.toml puts tests/ on the path.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


# The environment as the session began: builds start in the background while tests run, and
# a test that sets a variable for itself (monkeypatch.setenv("SOURCE_DATE_EPOCH", …)) must
# not hand it to a build that happens to start meanwhile.
SESSION_ENV = dict(os.environ)


def build_settings(config: Path, *, pdf: bool = False,
                   env: dict[str, str] | None = None) -> tuple[Path, dict[str, str]]:
    """The configuration file and environment of a build as `make` runs it.

    `pdf=True` on the real site means the PDF configuration, mkdocs-pdf.yml. `env` adds
    environment variables, such as SITE_URL (mkdocs.yml `site_url: !ENV SITE_URL`), which
    is otherwise unset."""
    if pdf and config == ROOT / "mkdocs.yml":
        config = PDF_CONFIG
    env = {**{k: v for k, v in SESSION_ENV.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1",
           **(env or {})}
    return config, env


def build_command(config: Path, site_dir: Path, *, engine: str = "mkdocs") -> list[str]:
    """`engine` builds: mkdocs, or properdocs (MkDocs' maintained continuation, tests/test_properdocs.py)."""
    return [sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site_dir)]


def mkdocs_build(config: Path, site_dir: Path, *, pdf: bool = False,
                 env: dict[str, str] | None = None) -> Build:
    """Run `mkdocs build --strict` in a subprocess, as `make` does (see build_settings).

    Builds the whole session needs are started at once in the background instead
    (tests/background.py)."""
    config, env = build_settings(config, pdf=pdf, env=env)
    result = subprocess.run(
        build_command(config, site_dir),
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def differing_files(one: Path, other: Path) -> list[str]:
    """Every file that is not byte-identical in both trees, or is in only one of them."""
    names = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    names |= {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    return sorted(name for name in names
                  if not ((one / name).is_file() and (other / name).is_file()
                          and filecmp.cmp(one / name, other / name, shallow=False)))


def fixture_project(name: str, destination: Path) -> Path:
    """Copy `tests/fixtures/<name>` to `destination`, with the real macros package and
    overrides/ (its hooks) beside it."""
    project = destination / name
    shutil.copytree(FIXTURES / name, project)
    shutil.copy(FIXTURES / "base-mkdocs.yml", destination)  # each fixture INHERITs it
    for package in ("macros", "overrides"):
        (project / package).symlink_to(ROOT / package, target_is_directory=True)
    return project / "mkdocs.yml"


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Chromium as the tests launch it (conftest.py): no sandbox in a container, no GPU, and none
# of the browser's own requests (updates, sync) beside the site's.
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "/guide/"  # the site is served under a sub-path, as many hosts do


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path, *, handler: type[Quiet] = Quiet, sub_path: str = "/") -> Iterator[str]:
    """`directory` served over HTTP on loopback while the block runs; yields its base URL
    (ending in `sub_path`, which `handler` then serves). conftest.py's `base_url` serves the
    real site with a 404 page instead; tests/engines.py's handler adds its probe."""
    bound = functools.partial(handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    finally:
        server.shutdown()


def wait_until(page, predicate: str, arg: object = None, *, timeout: float = 10_000) -> None:
    """Wait until the JavaScript function `predicate(arg)` returns a true value in `page`.

    Playwright's wait_for_function compiles its predicate in the page with eval, which the
    site's Content-Security-Policy forbids ('unsafe-eval'); page.evaluate hands the browser a
    function through DevTools, which no page policy governs. So the predicate is polled from
    inside one evaluated function, every 20 ms, until it holds or `timeout` ms have passed."""
    page.evaluate(
        """async ([arg, timeout]) => {
            const predicate = PREDICATE;
            const deadline = performance.now() + timeout;
            while (!(await predicate(arg))) {
                if (performance.now() > deadline) throw new Error("wait_until: timed out");
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
        }""".replace("PREDICATE", predicate),
        [arg, timeout],
    )
