"""Files the build keeps between runs in `.cache/` beside the configuration (ignored by git,
removed by `make clean`), each named by a key of everything that made it, so that a kept
file is never stale:

- `jinja/theme/`, `jinja/components/`: compiled templates (macros/jinja_cache.py);
- `data/`: the data files' validated content (macros/data.py);
- `pdf-fonts/`: the PDF's merged faces (overrides/pdf/pdf_fonts.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CACHE_DIR = ".cache"


def kept_folder(config_file: str | Path, name: str) -> Path:
    """`.cache/<name>/` beside the configuration file `config_file`."""
    return Path(config_file).parent / CACHE_DIR / name


def write_whole(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (a temporary file, renamed): builds running side by
    side may write the same file, and a reader never sees half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
