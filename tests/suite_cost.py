"""`make bench-tests`: what `make test` costs the machine, and where it goes.

Run with `make bench-tests` (extra pytest arguments: `make bench-tests ARGS="-k search"`).
Prints figures (the README keeps none); it asserts nothing.

Why the whole machine's CPU, sampled from /proc/stat: the CPU time a process gets back
for its children (`time make test`, `resource.getrusage`) leaves out most of Chromium.
Its renderer and GPU processes are not reaped by the process that started Chromium: a
script that launched Chromium and opened twelve fresh contexts, one chapter page each,
counted 10.4 CPU-seconds in `time` against 27.2 on the machine. Machine-wide figures
count any other load too, so the script measures the idle machine first and prints that
beside the rest.

It runs the suite in this process (pytest.main), samples the machine's busy CPU every
0.5 s, and gives each test the CPU spent while it ran: the background builds
(tests/background.py) are counted in the tests they ran beside. Then, in a browser of its
own, it measures the fixed cost every browser test pays: a fresh context and page, one
chapter page loaded, the context closed (conftest.py `page`).
"""

from __future__ import annotations

import collections
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import BROWSER_ARGS, CHROMIUM, ROOT, served

SAMPLE_EVERY = 0.5  # seconds
CHAPTER_PAGE = "ledelse-pa-dagsordenen/tillit-og-roller.html"
BUDGET_S = 90  # issue 10: `make test` under 90 s on this 2-core machine


def machine_busy() -> float:
    """CPU-seconds all cores have spent busy since boot (not idle, not waiting for I/O)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(value) for value in stat.readline().split()[1:9]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


class Sampler(threading.Thread):
    """(time, busy CPU-seconds) every SAMPLE_EVERY seconds while the suite runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, float]] = [(time.time(), machine_busy())]
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            self.samples.append((time.time(), machine_busy()))

    def stop(self) -> None:
        self.done.set()
        self.join()
        self.samples.append((time.time(), machine_busy()))

    def between(self, start: float, end: float) -> float:
        """Busy CPU-seconds between two moments, each sample interval shared out by overlap."""
        spent = 0.0
        for (t0, c0), (t1, c1) in zip(self.samples, self.samples[1:], strict=False):
            overlap = min(t1, end) - max(t0, start)
            if overlap > 0 and t1 > t0:
                spent += (c1 - c0) * overlap / (t1 - t0)
        return spent


class Recorder:
    """A pytest plugin that notes when each test starts and ends."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.spans: dict[str, tuple[float, float]] = {}
        self.failed: set[str] = set()  # a test counts once, whichever phase failed

    def pytest_runtest_logstart(self, nodeid: str, location: object) -> None:
        self.started[nodeid] = time.time()

    def pytest_runtest_logfinish(self, nodeid: str, location: object) -> None:
        self.spans[nodeid] = (self.started.pop(nodeid), time.time())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.failed.add(report.nodeid)


def idle_baseline(seconds: float = 3.0) -> float:
    """Busy cores on the machine before the suite starts (other load, this script)."""
    before = machine_busy()
    time.sleep(seconds)
    return (machine_busy() - before) / seconds


def browser_test_overhead(site_dir: Path, runs: int = 12) -> dict[str, float]:
    """Median machine CPU-seconds of what conftest.py's `page` fixture and a first page load
    cost: a new context and page, CHAPTER_PAGE loaded, the context closed (the first two
    runs are a warm-up)."""
    from playwright.sync_api import sync_playwright

    spent: dict[str, list[float]] = collections.defaultdict(list)
    with served(site_dir) as base, sync_playwright() as playwright:
        url = base + CHAPTER_PAGE
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for run in range(runs):
            c0 = machine_busy()
            context = browser.new_context(locale="nb-NO")
            page = context.new_page()
            c1 = machine_busy()
            page.goto(url)
            page.wait_for_load_state("load")
            c2 = machine_busy()
            context.close()
            time.sleep(0.3)  # the closed renderer's last work
            c3 = machine_busy()
            if run >= 2:
                spent["context and page"].append(c1 - c0)
                spent["the page's load"].append(c2 - c1)
                spent["closing"].append(c3 - c2)
        browser.close()
    return {what: statistics.median(values) for what, values in spent.items()}


def main() -> int:
    cores = os.cpu_count() or 1
    baseline = idle_baseline()
    print(f"{cores} cores; before the suite the machine was busy {baseline:.2f} cores on average", flush=True)
    recorder, sampler = Recorder(), Sampler()
    os.chdir(ROOT)
    sampler.start()
    started = time.time()
    code = pytest.main(["-q", *sys.argv[1:]], plugins=[recorder])
    wall = time.time() - started
    sampler.stop()
    busy = sampler.between(started, started + wall)

    print()
    print(f"tests run:                    {len(recorder.spans):6d}  ({len(recorder.failed)} failed)")
    print(f"wall-clock:                   {wall:6.0f} s   (budget < {BUDGET_S} s)")
    print(f"machine CPU while it ran:     {busy:6.0f} CPU-s, {busy / wall:.2f} of {cores} cores busy "
          f"on average ({baseline * wall:.0f} CPU-s of that at the idle rate measured before)")
    print(f"{'floor on ' + str(cores) + ' cores:':<30}{busy / cores:6.0f} s   "
          "(this CPU with every core busy all along)")

    by_module: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for nodeid, (start, end) in recorder.spans.items():
        module = nodeid.split("::")[0]
        by_module[module][0] += end - start
        by_module[module][1] += sampler.between(start, end)
        by_module[module][2] += 1
    print("\nby test module (CPU includes the background builds that ran beside it):")
    print(f"  {'module':<38} {'tests':>5} {'wall s':>7} {'CPU-s':>7}")
    for module, (spent_wall, spent_cpu, count) in sorted(by_module.items(), key=lambda item: -item[1][1]):
        print(f"  {module:<38} {count:5d} {spent_wall:7.1f} {spent_cpu:7.1f}")

    slowest = sorted(recorder.spans.items(), key=lambda item: item[1][0] - item[1][1])[:10]
    print("\nslowest tests (wall s):")
    for nodeid, (start, end) in slowest:
        print(f"  {end - start:6.1f}  {nodeid}")

    site_dir = ROOT / "site"
    if (site_dir / CHAPTER_PAGE).is_file():
        overhead = browser_test_overhead(site_dir)
        print(f"\na browser test's fixed cost (median of 10, machine CPU-s; {CHAPTER_PAGE} from site/):")
        for what, value in overhead.items():
            print(f"  {what:<24} {value:5.2f}")
        print(f"  {'together':<24} {sum(overhead.values()):5.2f}")
    else:
        print("\n(no site/: run `make` first to measure a browser test's fixed cost)")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
