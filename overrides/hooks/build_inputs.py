"""MkDocs hook: build inputs stay out of site/.

MkDocs publishes every file in the theme's custom_dir (`overrides/`) that is not a
template. The PDFs' templates and styles (`overrides/pdf/`: .j2, .scss, .css) and the
hooks are read from the source tree by the PDF plugin and the hooks; a reader has no
use for them, so they are dropped from the site's files. After the build, site/ is
checked: a template, stylesheet source or Python file in it stops the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

# Folders of the custom_dir that hold build inputs, never published.
INPUT_FOLDERS = ("pdf", "hooks")
INPUT_SUFFIXES = {".j2", ".scss", ".py", ".pyc"}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return files
    # A prefix test on the absolute path of each file (the theme has hundreds), with no
    # file system look-up (Path.resolve) per file.
    inputs = tuple(os.path.join(os.path.abspath(custom_dir), folder, "") for folder in INPUT_FOLDERS)
    for file in list(files):
        if file.abs_src_path and os.path.abspath(file.abs_src_path).startswith(inputs):
            files.remove(file)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    published = sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                       if path.suffix in INPUT_SUFFIXES)
    if published:
        raise PluginError(f"build inputs published in site/: {', '.join(published)}")
