"""MkDocs hook: two builds of one commit give a byte-identical site/, PDFs included.

Every date in the output comes from SOURCE_DATE_EPOCH (seconds since 1970, UTC) – the
time of the last commit, which the Makefile sets from `git log -1 --format=%ct`. When it
is not set (a plain `mkdocs build`), this hook sets it the same way, from git; outside a
git checkout it falls back to the newest modification time of the sources (kept by a
tarball), so the build still does not depend on the clock. Who reads it:

- MkDocs: sitemap.xml's <lastmod> and the timestamp inside sitemap.xml.gz;
- fontTools: head.modified of the font subsets WeasyPrint embeds (the merged faces in
  overrides/pdf/pdf_fonts.py keep their own subsets' date, so a cached face is the same);
- overrides/pdf/pdf_event_hook.py: the handbook's creation and modification dates
  (mkdocs-to-pdf would take them from the clock).
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.reproducible")
SOURCES = ("docs", "macros", "overrides")


def commit_time(project: Path) -> int | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project,
                                capture_output=True, text=True, check=False)
    except OSError:  # no git installed
        return None
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else None


def newest_source_time(project: Path) -> int:
    paths = [path for folder in SOURCES for path in (project / folder).rglob("*") if path.is_file()]
    paths += list(project.glob("*.yml"))
    return int(max(path.stat().st_mtime for path in paths))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    origin = "given"
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        project = Path(config.config_file_path).resolve().parent
        epoch, origin = commit_time(project), "from the last commit"
        if epoch is None:
            epoch, origin = newest_source_time(project), "from the newest source file"
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    log.info("SOURCE_DATE_EPOCH=%s, %s", os.environ["SOURCE_DATE_EPOCH"].strip(), origin)
    return config
