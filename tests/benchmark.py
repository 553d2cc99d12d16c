"""`make bench`: build times, PDF render time and size, front-page transfer.

Prints the figures (the README keeps none), each budget next to its figure so a regression
is visible at a glance; it asserts nothing.
"""

from __future__ import annotations

import gzip
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

# tests/ is this script's folder; `make` puts the project folder on the virtualenv's path.
from helpers import BROWSER_ARGS, CHROMIUM, ROOT, served
from macros.outputs import SITE_ZIP
from overrides.hooks import offline_zip
from sitepages import nav_pages

RUNS = 12  # interleaved: ours, bare, ours, bare … so that machine drift hits both alike
BUILD_BUDGET = 2.0  # at most 2 × a bare mkdocs-material build of the same pages (issue 21)
TRANSFER_BUDGET_KB = 120  # the front page's first visit, gzip (tests/test_first_visit.py too)
REQUESTS_BUDGET = 16
PDF_BUDGET_MB = 2.0


def timed_build(config: Path, site_dir: Path, *, pdf: bool, cpu: bool = False,
                log: list[str] | None = None) -> float:
    """Seconds one `mkdocs build` takes: wall-clock, or with `cpu` the CPU time (user +
    system) of the build process, which other load on a shared machine disturbs less.
    With `log`, the build's log lines are appended to it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if pdf:
        config = config.with_name("mkdocs-pdf.yml")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    quiet = [] if log is not None else ["-q"]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *quiet, "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, check=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if log is not None else subprocess.DEVNULL, text=True,
    )
    if log is not None:
        log.extend(result.stderr.splitlines())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used if cpu else wall


def timed(work: object) -> float:
    """Wall-clock seconds `work()` takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def interleaved_builds(configs: list[Path], tmp: Path, *, runs: int = RUNS) -> list[list[float]]:
    """Build each site `runs` times, in turn, after one untimed warm-up each; CPU seconds."""
    for i, config in enumerate(configs):
        timed_build(config, tmp / f"site-{i}", pdf=False)
    times: list[list[float]] = [[] for _ in configs]
    for _ in range(runs):
        for i, config in enumerate(configs):
            times[i].append(timed_build(config, tmp / f"site-{i}", pdf=False, cpu=True))
    return times


def bare_config(directory: Path) -> Path:
    """mkdocs-material with nothing but its defaults, over the same pages and nav."""
    pages = "\n".join(f"  - {page}" for page in nav_pages())
    folder = directory / "bare"
    folder.mkdir()
    config = folder / "mkdocs.yml"
    config.write_text(
        f"site_name: Bare\ndocs_dir: {ROOT / 'docs'}\nexclude_docs: |\n  _data/\n"
        f"theme:\n  name: material\nnav:\n{pages}\n",
        encoding="utf-8",
    )
    return config


def front_page_transfer(site_dir: Path, *, search: bool = False) -> tuple[int, list[str], dict[str, int]]:
    """Gzip-compressed bytes of everything a first visit to the front page loads, the
    paths requested and bytes by kind. With `search`, the reader then clicks the search
    field, which loads the search index, worker and stemmer (overrides/hooks/material_patches.py)."""
    from playwright.sync_api import sync_playwright

    urls: list[str] = []
    with served(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: urls.append(request.url))
        page.goto(base + "index.html")
        page.wait_for_load_state("networkidle")
        if search:
            page.locator("input.md-search__input").click()  # loads the search index
            page.wait_for_timeout(500)
            page.wait_for_load_state("networkidle")
        browser.close()
    by_kind: dict[str, int] = {}
    total = 0
    paths = []
    for url in dict.fromkeys(urls):
        parsed = urlparse(url)
        if parsed.hostname != "127.0.0.1":
            by_kind["other hosts"] = by_kind.get("other hosts", 0) + 1
            continue
        path = site_dir / unquote(parsed.path).lstrip("/")
        paths.append(parsed.path)
        size = len(gzip.compress(path.read_bytes(), compresslevel=6))
        kind = path.suffix.lstrip(".") or "html"
        by_kind[kind] = by_kind.get(kind, 0) + size
        total += size
    return total, paths, by_kind


def handouts(site_dir: Path, log: list[str]) -> None:
    """The chapter handouts (overrides/pdf/handouts.py): the time the build spent
    rendering them (its own log line) and each one's size."""
    spent = [line.split(" written in ")[-1] for line in log if "Chapter handouts written in" in line]
    handbook = [line.split(" took ")[-1] for line in log if "articles to PDF took" in line]
    print(f"chapter handouts (wall):      {spent[0] if spent else '?':>8}  "
          f"(the handbook's rendering: {handbook[0] if handbook else '?'})")
    for path in sorted(site_dir.glob("guide-til-god-ledelse-kapittel-*.pdf")):
        print(f"  {path.name:<40} {path.stat().st_size / 1000:6.0f} kB")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print(f"Building each site {RUNS}× (interleaved, after a warm-up); CPU seconds…", flush=True)
        configs = [ROOT / "mkdocs.yml", bare_config(tmp_path)]
        ours_times, bare_times = interleaved_builds(configs, tmp_path)
        ours, bare = min(ours_times), min(bare_times)
        ratio = ours / bare
        ours_median, bare_median = statistics.median(ours_times), statistics.median(bare_times)
        print(f"site build (no PDF):          {ours:6.2f} s fastest, {ours_median:.2f} s median")
        print(f"bare mkdocs-material build:   {bare:6.2f} s fastest, {bare_median:.2f} s median")
        # Each round builds ours and the bare site back to back: the median of the rounds'
        # ratios is the figure least moved by other load coming and going on the machine.
        paired = statistics.median(o / b for o, b in zip(ours_times, bare_times, strict=True))
        print(f"ratio (fastest runs):         {ratio:6.2f} ×   (budget ≤ {BUILD_BUDGET} ×) "
              f"{'OK' if ratio <= BUILD_BUDGET else 'OVER BUDGET'}; "
              f"median runs {ours_median / bare_median:.2f} ×; median of the rounds' ratios {paired:.2f} ×")

        without_pdf = timed_build(ROOT / "mkdocs.yml", tmp_path / "nopdf", pdf=False)
        log: list[str] = []
        with_pdf = timed_build(ROOT / "mkdocs.yml", tmp_path / "pdf", pdf=True, log=log)
        pdf = tmp_path / "pdf" / "guide-til-god-ledelse.pdf"
        if pdf.is_file():
            size_mb = pdf.stat().st_size / 1_000_000
            print(f"site build with PDFs (wall):  {with_pdf:6.2f} s  "
                  f"(the PDFs ≈ {with_pdf - without_pdf:.2f} s of it)")
            print(f"PDF size:                     {size_mb:6.2f} MB  (budget ≤ {PDF_BUDGET_MB} MB) "
                  f"{'OK' if size_mb <= PDF_BUDGET_MB else 'OVER BUDGET'}")
            handouts(tmp_path / "pdf", log)
        else:
            print(f"site build with PDF:          {with_pdf:6.2f} s  (no PDF written)")
        site_zip = tmp_path / "pdf" / SITE_ZIP
        if site_zip.is_file():
            # The hook's work once more on the built site (its files, zipped the same way).
            files = offline_zip.site_files(tmp_path / "pdf")
            seconds = min(timed(lambda: offline_zip.make_zip(files, offline_zip.zip_date()))
                          for _ in range(3))
            print(f"offline zip (the whole site): {site_zip.stat().st_size / 1_000_000:6.2f} MB, "
                  f"made in {seconds:.2f} s of the build (offline_zip.py)")

        total, paths, by_kind = front_page_transfer(tmp_path / "pdf")
        kb = total / 1024
        ok = kb <= TRANSFER_BUDGET_KB and len(paths) <= REQUESTS_BUDGET
        print(f"front page first visit:       {kb:6.1f} KB gzip in {len(paths)} requests "
              f"(budget ≤ {TRANSFER_BUDGET_KB} KB, ≤ {REQUESTS_BUDGET} requests) "
              f"{'OK' if ok else 'OVER BUDGET'}")
        for kind, size in sorted(by_kind.items(), key=lambda item: -item[1]):
            shown = f"{size} requests" if kind == "other hosts" else f"{size / 1024:6.1f} KB"
            print(f"  {kind:<12} {shown}")
        print("  requests:    " + "\n               ".join(paths))
        total, paths, _ = front_page_transfer(tmp_path / "pdf", search=True)
        print(f"  + the reader opens search: {total / 1024:6.1f} KB gzip in {len(paths)} requests")


if __name__ == "__main__":
    main()
