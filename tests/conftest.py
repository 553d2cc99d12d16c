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


def mkdocs_build(config: Path, site_dir: Path, *, pdf: bool = False) -> Build:
    """Run `mkdocs build --strict` in a subprocess, as `make` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ENABLE_PDF_EXPORT", None)
    if pdf:
        env["ENABLE_PDF_EXPORT"] = "1"
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
