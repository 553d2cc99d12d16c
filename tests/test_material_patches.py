"""Every patch of Material's output (overrides/hooks/material_patches.py) fits the Material
installed, and a Material whose output no longer fits stops the build, naming the patch.

What the patches do for a reader is tested where a reader meets it: search loaded on
intent in tests/test_first_visit.py, stemming and every word required in
tests/test_search.py, no request to another host in tests/test_accessibility.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from helpers import ROOT
from overrides.hooks import material_patches as patches

OVERRIDES = ROOT / "overrides"


def installed_bundle() -> str:
    return patches.material_bundle(patches.MATERIAL_TEMPLATES).read_text(encoding="utf-8")


def material_copy(folder: Path) -> Path:
    """The parts of Material's templates the patches read, copied to `folder` to be changed."""
    bundle = patches.material_bundle(patches.MATERIAL_TEMPLATES).relative_to(patches.MATERIAL_TEMPLATES)
    for part in (patches.LUNR_NO, patches.SEARCH_WORKER, bundle):
        (folder / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(patches.MATERIAL_TEMPLATES / part, folder / part)
    return folder


def configured(site_dir: Path, *, search: bool = True) -> SimpleNamespace:
    """What the hook reads of MkDocs' configuration."""
    return SimpleNamespace(theme=SimpleNamespace(custom_dir=str(OVERRIDES)), site_dir=str(site_dir),
                           plugins={"search": object()} if search else {})


def test_the_installed_material_is_the_one_the_patches_were_checked_against() -> None:
    import material

    assert material.__version__ == patches.MATERIAL_VERSION
    patches.check_search_worker(OVERRIDES)  # passes as installed


def test_no_cdn_script_is_left_in_the_bundle() -> None:
    original = installed_bundle()
    assert all(url in original for url in patches.CDN_SCRIPTS)
    patched = patches.without_cdn_scripts(original)
    assert "unpkg.com" not in patched and patched.count(patches.EMPTY_SCRIPT) >= len(patches.CDN_SCRIPTS)
    # Negative control: a Material without one of the URLs (or a second pass) stops the build.
    with pytest.raises(PluginError, match=r"\(privacy\): 'https://unpkg.com/resize-observer-polyfill' "
                                          r"is no longer in Material's bundle.*Material 9\.8\.2"):
        patches.without_cdn_scripts(patched)


def test_material_s_bundle_is_patched_in_its_two_places_once() -> None:
    original = installed_bundle()
    patched = patches.lazy_search(original)
    assert patched.count("wanted.then") == 1 and patched.count("class extends EventTarget") == 1
    assert "new Worker(" in patched  # the real worker, made by the wrapper
    # Negative control: what is no longer there (a new Material, or a second pass) stops the build.
    with pytest.raises(PluginError, match=r"\(lazy search\): the search index request is found 0 times"):
        patches.lazy_search(patched)


def test_build_stops_when_material_changes_what_the_search_patch_relies_on(tmp_path: Path) -> None:
    """Material's lunr.no.min.js must be the copy above our patch, and its search worker the
    one the patch was tested with."""
    material = material_copy(tmp_path / "material")
    patches.check_search_worker(OVERRIDES, material)
    # A Material upgrade that changes its lunr.no.min.js …
    upstream = material / patches.LUNR_NO
    upstream.write_bytes(upstream.read_bytes().replace(b"stemmer-no", b"stemmer-nb"))
    with pytest.raises(PluginError, match="is not the copy in"):
        patches.check_search_worker(OVERRIDES, material)
    shutil.copyfile(patches.MATERIAL_TEMPLATES / patches.LUNR_NO, upstream)
    # … or its search worker stops the build.
    worker = material / patches.SEARCH_WORKER
    worker.write_bytes(worker.read_bytes() + b"\n")
    with pytest.raises(PluginError, match="search worker is not"):
        patches.check_search_worker(OVERRIDES, material)


@pytest.mark.parametrize("change", ["the worker call", "a CDN script", "a second bundle"])
def test_the_build_stops_at_its_start_when_material_no_longer_fits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    """on_config tries every patch on Material as installed, before anything renders; the
    unchanged copy passes (the control), each change stops it naming the patch."""
    material = material_copy(tmp_path / "material")
    monkeypatch.setattr(patches, "MATERIAL_TEMPLATES", material)
    config = configured(tmp_path / "site")
    assert patches.on_config(config) is config
    bundle = patches.material_bundle(material)
    text = bundle.read_text(encoding="utf-8")
    if change == "the worker call":
        bundle.write_text(text.replace("=new Worker(", "=new SharedWorker("), encoding="utf-8")
        expected = r"\(lazy search\): the search worker is found 0 times"
    elif change == "a CDN script":
        bundle.write_text(text.replace("mermaid@11", "mermaid@12"), encoding="utf-8")
        expected = r"\(privacy\): 'https://unpkg.com/mermaid@11/dist/mermaid.min.js'"
    else:
        shutil.copyfile(bundle, bundle.with_name("bundle.00000000.min.js"))
        expected = r"\(bundle\): 2 files"
    with pytest.raises(PluginError, match=expected):
        patches.on_config(config)


def test_the_built_bundle_is_patched_once_search_or_not(tmp_path: Path) -> None:
    for search in (True, False):
        site = tmp_path / f"site-{search}"
        shipped = site / patches.material_bundle(patches.MATERIAL_TEMPLATES).relative_to(
            patches.MATERIAL_TEMPLATES)
        shipped.parent.mkdir(parents=True)
        shutil.copyfile(patches.material_bundle(patches.MATERIAL_TEMPLATES), shipped)
        patches.on_post_build(configured(site, search=search))
        text = shipped.read_text(encoding="utf-8")
        assert "unpkg.com" not in text
        assert text.count("class extends EventTarget") == (1 if search else 0)
        # A second pass over the same site (a hook listed twice) stops the build.
        with pytest.raises(PluginError, match="Material 9.8.2"):
            patches.on_post_build(configured(site, search=search))
