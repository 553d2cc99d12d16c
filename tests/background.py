"""Every build the session needs, started together at its beginning, in background processes.

A test module registers the builds it uses when it is imported (at collection):

    BUILDS.site("published", pdf=True, env={"SITE_URL": …}, module=__name__)
    BUILDS.fixture("bad/javascript_url", "javascript_url", module=__name__)

and reads one with `BUILDS.result(name)`, which waits for it. conftest.py starts, at the
first test, the builds of the modules that have a selected test. So the real site, its
second build for reproducibility, the SITE_URL build and the fixture projects run while
other tests run, instead of one after another. Each build is still its own
`mkdocs build --strict` process with its own output and exit code: the real site's builds
as subprocesses (the extra ones once `site`, which every browser test waits for, is
built), the fixture projects forked one by one from tests/buildserver.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helpers import ROOT, SESSION_ENV, Build, build_command, build_settings, fixture_project

# The real site's extra builds start when `site` is built: before, they would only slow
# down the build every browser test waits for (a lower priority instead starves them on a
# machine that other work keeps busy).
AFTER_SITE = "site"


@dataclass
class Job:
    name: str
    modules: set[str]
    kind: str  # "site" (a subprocess) or "fixture" (forked by the build server)
    config: Path | None = None  # site jobs
    pdf: bool = False
    env: dict[str, str] = field(default_factory=dict)
    after: str | None = None  # site jobs: start when this job's build has ended
    engine: str = "mkdocs"  # site jobs: mkdocs or properdocs (helpers.build_command)
    project: str = ""  # fixture jobs: the folder under tests/fixtures
    edit: Callable[[Path], None] | None = None  # changes the copy before it is built
    site_dir: Path | None = None
    output: Path | None = None
    process: subprocess.Popen | None = None
    launched: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None  # raised by `edit`, re-raised by result()
    build: Build | None = None


class Builds:
    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}
        self.server: subprocess.Popen | None = None
        self.started = False
        self.stopping = False

    # --- registering (at import) ---------------------------------------------------------

    def _register(self, job: Job) -> None:
        known = self.jobs.get(job.name)
        if known is not None:
            known.modules |= job.modules
            return
        self.jobs[job.name] = job

    def site(self, name: str, *, config: Path = ROOT / "mkdocs.yml", pdf: bool = False,
             env: dict[str, str] | None = None, after: str | None = None, engine: str = "mkdocs",
             module: str) -> None:
        """The real site (or another config) built strict in a subprocess, at once or `after`
        another build, by `engine` (mkdocs or properdocs)."""
        self._register(Job(name, {module}, "site", config=config, pdf=pdf, env=env or {}, after=after,
                           engine=engine))

    def fixture(self, name: str, project: str, *, edit: Callable[[Path], None] | None = None,
                module: str) -> None:
        """A copy of tests/fixtures/<project>, changed by `edit(mkdocs_yml)` if given, built strict."""
        self._register(Job(name, {module}, "fixture", project=project, edit=edit))

    # --- running (from conftest) ----------------------------------------------------------

    def start(self, modules: set[str], tmp: Path, *, real_site: bool = True) -> None:
        """Start the builds of these test modules: the site builds at once, the fixture
        projects in one build server. `real_site=False` (the quick tier) starts no build of
        the real site."""
        self.started = True
        wanted = [job for job in self.jobs.values()
                  if job.modules & modules and (real_site or job.kind != "site")]
        fixtures = []
        for job in wanted:
            folder = tmp / job.name
            folder.mkdir(parents=True)
            job.site_dir, job.output = folder / "site", folder / "build"
            if job.kind == "site":
                first = self.jobs.get(job.after) if job.after else None
                if first is None or first not in wanted:
                    self._launch(job)
                else:
                    threading.Thread(target=self._launch, args=(job, first), daemon=True).start()
                continue
            try:
                config = fixture_project(job.project, folder)
                if job.edit is not None:
                    job.edit(config)
            except BaseException as error:
                job.error = error
                continue
            _, env = build_settings(config)
            fixtures.append({"name": job.name, "config": str(config), "cwd": str(config.parent),
                             "site_dir": str(job.site_dir), "output": str(job.output), "env": env})
        if fixtures:
            jobs_file = tmp / "fixture-jobs.json"
            jobs_file.write_text(json.dumps(fixtures), encoding="utf-8")
            # Each fixture runs from its own folder, where `python -m mkdocs` would find the
            # project's code (macros/ and overrides/ are linked there to ROOT's); the forked
            # children cannot change their start-up path, so the server starts with ROOT on it.
            self.server = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("buildserver.py")), str(jobs_file), "1"],
                stdin=subprocess.DEVNULL, env={**SESSION_ENV, "PYTHONPATH": str(ROOT)})

    def _launch(self, job: Job, after: Job | None = None) -> None:
        if after is not None:
            after.launched.wait()
            after.process.wait()
        if self.stopping:
            return
        config, env = build_settings(job.config, pdf=job.pdf, env=job.env)
        with open(f"{job.output}.out", "w") as out, open(f"{job.output}.err", "w") as err:
            job.process = subprocess.Popen(build_command(config, job.site_dir, engine=job.engine),
                                           cwd=config.parent, env=env,
                                           stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        job.launched.set()

    def succeeded(self, name: str) -> Build:
        """The build `name`, once it is done; a failed build fails the test with its output."""
        build = self.result(name)
        assert build.returncode == 0, build.output
        return build

    def result(self, name: str) -> Build:
        """The build `name`, once it is done."""
        job = self.jobs[name]
        assert self.started and job.output is not None, f"build {name!r} was not started"
        if job.error is not None:
            raise job.error
        if job.build is None:
            if job.kind == "site":
                job.launched.wait()
                returncode = job.process.wait()
            else:
                rc = Path(f"{job.output}.rc")
                while not rc.exists():
                    assert self.server.poll() is None or rc.exists(), "the build server stopped"
                    time.sleep(0.05)
                returncode = int(rc.read_text(encoding="utf-8"))
            output = (Path(f"{job.output}.out").read_text(encoding="utf-8")
                      + Path(f"{job.output}.err").read_text(encoding="utf-8"))
            job.build = Build(returncode, output, job.site_dir)
        return job.build

    def stop(self) -> None:
        """End what is still running (a session stopped early, `-x`)."""
        self.stopping = True
        for process in [self.server, *(job.process for job in self.jobs.values())]:
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait()


BUILDS = Builds()

# The real site as a publisher builds it, read by test_print_design.py (QR codes),
# test_publishing.py (sitemap, 404 page) and test_web_polish.py (the statement's link):
# its address and the address of its official accessibility statement set.
PUBLISHED_URL = "https://guide.example.no/lederguide/"
UUSTATUS_URL = "https://uustatus.no/nb/erklaringer/publisert/0000-test"
# …and its own name as the edition's publisher (extra.publisher in mkdocs.yml), not KS.
PUBLISHER = {"PUBLISHER_NAME": "Eksempel kommune", "PUBLISHER_ADDRESS": "Rådhusgata 1, 1234 Eksempelby",
             "PUBLISHER_EMAIL": "post@eksempel.kommune.no", "PUBLISHER_PHONE": "12 34 56 78"}


def published(module: str) -> None:
    """Registers the publisher's build (fixture `published` in conftest.py) for `module`."""
    BUILDS.site("published", pdf=True, env={"SITE_URL": PUBLISHED_URL, "UUSTATUS_URL": UUSTATUS_URL,
                                            **PUBLISHER}, after=AFTER_SITE, module=module)
