"""Runs many `mkdocs build --strict` of small projects, each in a process of its own, cheaply.

`python tests/buildserver.py JOBS.json` imports MkDocs, Material and the plugins once, then
forks one child per build in the order given (two at a time). Each child is a fresh copy of
that state, runs MkDocs' own command line (`mkdocs build --strict -f … -d …`) with its own
working directory and environment, and writes what the command prints and its exit code
into `<output>.out`, `<output>.err` and `<output>.rc` – the same as a subprocess would give,
tracebacks included, less the ~0.3 s of imports each time. Used by tests/background.py for
the fixture projects; the real site's builds run as ordinary subprocesses.
"""

from __future__ import annotations

import json
import os
import sys
import traceback


def preload() -> None:
    """What every build imports anyway; nothing of the project and no build state."""
    import markdown  # noqa: F401
    import mkdocs.__main__
    import mkdocs.commands.build
    import mkdocs.config.defaults  # noqa: F401
    import mkdocs_macros.plugin  # noqa: F401
    import pydantic  # noqa: F401  (every build validates its data files: macros/data.py)


def child(job: dict) -> None:
    """Become `mkdocs build` for one job; never returns."""
    code = 1
    try:
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        for fd, suffix in ((1, ".out"), (2, ".err")):
            target = os.open(job["output"] + suffix, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        from mkdocs.__main__ import cli

        try:
            cli.main(args=["build", "--strict", "-f", job["config"], "-d", job["site_dir"]],
                     prog_name="mkdocs", standalone_mode=True)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # as the interpreter would: the traceback on stderr, status 1
            traceback.print_exc()
            code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main(jobs_file: str, parallel: int = 2) -> None:
    with open(jobs_file, encoding="utf-8") as file:
        jobs = json.load(file)
    preload()
    running: dict[int, dict] = {}
    for job in jobs:
        while len(running) >= parallel:
            finish(running)
        pid = os.fork()
        if pid == 0:
            child(job)
        running[pid] = job
    while running:
        finish(running)


def finish(running: dict[int, dict]) -> None:
    pid, status = os.wait()
    job = running.pop(pid)
    # Written last and renamed, so a reader that sees .rc sees the whole output.
    with open(job["output"] + ".rc.tmp", "w", encoding="utf-8") as file:
        file.write(str(os.waitstatus_to_exitcode(status)))
    os.replace(job["output"] + ".rc.tmp", job["output"] + ".rc")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2)
