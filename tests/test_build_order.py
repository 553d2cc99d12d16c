"""The build's order, as mkdocs.yml states it: the plugins, then the hooks in the order
listed, for every event; two hooks' on_post_build at -100, after Material's offline plugin.
And the build's state in one object per build (overrides/pdf/build.py), never in a module."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from helpers import ROOT
from overrides.pdf import build as build_state
from overrides.pdf.edition import Edition

HOOKS_DIR = "overrides/hooks/"
LATE = ["offline_zip.py", "csp.py"]  # on_post_build at -100, in this order, after the offline plugin


@pytest.fixture(scope="module")
def events() -> dict[str, list[tuple[str, int]]]:
    """(who, priority) of every event's handlers, in the order MkDocs calls them, with the PDFs."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs-pdf.yml"))
    return {event: [(getattr(handler, "__module__", "?"), getattr(handler, "mkdocs_priority", 0))
                    for handler in handlers]
            for event, handlers in config.plugins.events.items()}


def listed_hooks() -> list[str]:
    return [line.strip().removeprefix("- ").removeprefix(HOOKS_DIR)
            for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(f"- {HOOKS_DIR}")]


def test_every_hook_runs_in_the_order_listed_but_the_two_late_ones(events) -> None:
    listed = listed_hooks()
    for event, handlers in events.items():
        hooks = [(who.removeprefix(HOOKS_DIR), priority) for who, priority in handlers
                 if who.startswith(HOOKS_DIR)]
        late = [name for name, priority in hooks if priority != 0]
        assert all(priority in (0, -100) for _, priority in hooks), (event, hooks)
        assert late == (LATE if event == "post_build" else []), (event, hooks)
        ordered = [name for name, _ in hooks if name not in late] + late
        assert ordered == sorted(ordered, key=listed.index), (event, ordered)


def test_the_zip_and_the_last_check_come_after_the_offline_plugin_and_the_pdf(events) -> None:
    """Material's offline plugin writes search/search_index.js at -100, which the zip must hold;
    handbook.py writes the handbook's size after mkdocs-to-pdf, a plugin, has rendered it."""
    order = [who for who, _ in events["post_build"]]
    assert order[-3:] == ["material.plugins.offline.plugin", *(HOOKS_DIR + name for name in LATE)]
    assert order.index("mkdocs_to_pdf.plugin") < order.index(HOOKS_DIR + "handbook.py")
    # Why the zip needs its priority: a hook at 0 (here handbook.py) runs before the offline plugin.
    assert order.index(HOOKS_DIR + "handbook.py") < order.index("material.plugins.offline.plugin")


def test_the_date_is_set_before_the_edition_reads_it(events) -> None:
    order = [who for who, _ in events["config"]]
    assert order.index(HOOKS_DIR + "reproducible.py") < order.index(HOOKS_DIR + "handbook.py")


def test_each_build_has_its_own_state(tmp_path: Path) -> None:
    first, second = ({"docs_dir": str(tmp_path / name)} for name in ("a", "b"))
    one = build_state.start(first, Edition(site_url="https://a.example/"))
    two = build_state.start(second, Edition())
    one.tags["index.html"] = ["tillit"]
    assert build_state.of(first) is one and build_state.of(second) is two
    assert two.tags == {} and two.handouts == [] and two.docs_dir == tmp_path / "b"
    with pytest.raises(PluginError, match="handbook.py makes it"):
        build_state.of({})


def test_the_pdf_event_hook_reads_the_build_only_while_the_handbook_renders() -> None:
    """mkdocs-to-pdf calls pre_pdf_render with the document alone: handbook.py binds the build
    around the plugin's rendering, and outside it there is none to read."""
    from bs4 import BeautifulSoup

    from overrides.pdf import pdf_event_hook

    build = build_state.Build(edition=Edition(), docs_dir=ROOT / "docs")
    with build_state.rendering(build):
        assert build_state.rendered() is build
        with build_state.rendering(other := build_state.Build(edition=Edition(), docs_dir=ROOT)):
            assert build_state.rendered() is other
        assert build_state.rendered() is build
    with pytest.raises(PluginError, match="outside overrides/hooks/handbook.py's binding"):
        build_state.rendered()
    with pytest.raises(PluginError, match="outside overrides/hooks/handbook.py's binding"):
        pdf_event_hook.pre_pdf_render(BeautifulSoup("<html></html>", "html.parser"), SimpleNamespace())
