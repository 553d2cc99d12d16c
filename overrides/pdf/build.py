"""One build's state: what later steps need from earlier ones, in one object per build.

overrides/hooks/handbook.py makes it in on_config and hands it on in MkDocs' configuration
(`config[KEY]`), which every hook is given; nothing is kept in a module between builds
(`mkdocs serve` rebuilds in the same process, and the tests build many sites in one).
mkdocs-to-pdf calls its event hook (overrides/pdf/pdf_event_hook.py) with the combined
document only, so the handbook hook binds the object for the length of the PDF plugin's
rendering (`rendering`), the one call in which the plugin calls that hook; outside it
there is no build to read, and asking for one is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from overrides.pdf.edition import Edition

if TYPE_CHECKING:
    from overrides.pdf.handouts import Handout

KEY = "guide_build"  # in MkDocs' configuration; not a setting of mkdocs.yml


@dataclass
class Build:
    edition: Edition
    docs_dir: Path
    tags: dict[str, list[str]] = field(default_factory=dict)  # page url -> its front matter tags
    urls: dict[str, str] = field(default_factory=dict)  # mkdocs-to-pdf's data-url -> page url
    handouts: list[Handout] = field(default_factory=list)  # collected in the handbook, written after it


def start(config: Any, edition: Edition) -> Build:
    """The build now starting, in `config` for the steps after this one."""
    build = Build(edition=edition, docs_dir=Path(config["docs_dir"]))
    config[KEY] = build
    return build


def of(config: Any) -> Build:
    """The build `config` is being built with (made by `start`)."""
    build = config.get(KEY)
    if not isinstance(build, Build):
        raise PluginError("no build state in the configuration: overrides/hooks/handbook.py makes it "
                          "in on_config and must be listed under hooks: in mkdocs.yml")
    return build


# Set only while mkdocs-to-pdf renders (`rendering`): a context variable, reset when the
# rendering ends, so no build outlives it or sees another's.
_rendering: ContextVar[Build] = ContextVar("guide_build_rendering")


@contextmanager
def rendering(build: Build) -> Iterator[Build]:
    token = _rendering.set(build)
    try:
        yield build
    finally:
        _rendering.reset(token)


def rendered() -> Build:
    """The build whose handbook mkdocs-to-pdf is rendering now."""
    try:
        return _rendering.get()
    except LookupError:
        raise PluginError("the handbook is rendered outside overrides/hooks/handbook.py's binding of "
                          "the build (mkdocs-to-pdf's on_post_build; overrides/pdf/build.py)") from None
