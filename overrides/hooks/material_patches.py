"""MkDocs hook: every patch of Material for MkDocs' built output, in one place.

Written and checked against Material 9.8.2 (`MATERIAL_VERSION`). Material's minified names
change from release to release, so each patch finds its place by shape, and every build
first tries each patch on Material's files as installed (`on_config`): when one no longer
fits, the build stops there with a PluginError naming the patch, what is gone and the
Material version found, before anything is rendered. A Material upgrade is then looked at
here, not discovered by a reader.

1. **No request to another host** (privacy). Material's bundle loads two scripts from
   unpkg.com when it needs them: a ResizeObserver polyfill on old browsers, and Mermaid on
   pages with diagrams (the guide has none). Either would send a reader's IP address to a
   third party. Both URLs become an empty script, so nothing is fetched: an old browser
   gets the page without the polyfill's layout refinements. The Content-Security-Policy
   (csp.py) refuses the empty data: script too, on purpose (allowing data: in script-src
   would let injected scripts run); the swap stays so that browsers without CSP do not
   contact unpkg.com either.
2. **Search loads when the reader reaches for it** (lazy search). Material's bundle fetches
   the search index (20 kB gzip), starts the search worker (12 kB) and, through it, lunr's
   Norwegian stemmer (4 kB) on every page load: a third of a first visit, for a reader who
   may never search. Here the index is requested only once the reader shows an intent to
   search (the pointer over or on the search field or the header's search button, focus in
   the field – the shortcuts s, f and / focus it –, the search opened), or at once when the
   address asks for it (`?q=`, `?h=`); the worker starts with the first message Material
   sends it, which is the index. A query typed while the index loads runs when it is ready
   (Material shows «Starter søk» meanwhile).
3. **Stemming and every word required** (the search worker). The override
   `overrides/assets/javascripts/lunr/min/lunr.no.min.js` (where the theme needs it: the
   worker loads it by that path with `importScripts`) is Material's file of the same name,
   byte for byte, with our patch appended (see the comment in the file). The patch reaches
   into the worker's lunr (`Index.prototype.query`, `TokenSet.fromClause`) as bundled in
   one worker build: Material's own lunr.no.min.js must still be the copy above the patch,
   and its worker the one the patch was tested with (`WORKER_SHA256`).

Patches 1 and 2 change the bundle in site/ after the build has written it (`on_post_build`);
patch 3 needs nothing at build time but the check.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

MATERIAL_VERSION = "9.8.2"  # the release every patch here was written and tested against
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"

# 1. The scripts Material's bundle would load from a CDN, and what replaces them.
CDN_SCRIPTS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
)
EMPTY_SCRIPT = "data:text/javascript,"

# 2. Lazy search: where the bundle requests the index and makes the worker.
NAME = r"[\w$]+"
# `zi=document.forms.namedItem("search")?ks():tt`: the index (an Observable), or none.
INDEX = re.compile(rf'(?P<head>=document\.forms\.namedItem\("search"\)\?)(?P<index>{NAME}\(\)):')
# `function Mn(e,t=new Worker(e))`: the search worker, made when search is set up.
WORKER_CALL = re.compile(rf"(?P<head>\((?P<url>{NAME}),{NAME}=new )Worker(?P<tail>\((?P=url)\)\))")
# Wraps the index Observable: subscribing waits for the reader's intent. Plain ES2017,
# no eval (the Content-Security-Policy allows none), no global names.
LAZY_INDEX = """(index$=>{const wanted=new Promise(start=>{\
const params=new URL(location.href).searchParams;\
if(params.has("q")||params.has("h"))return start();\
const types=["pointerover","pointerdown","focusin","change"];\
const intent=event=>{const target=event.target;\
if(target instanceof Element&&target.closest(".md-search, [for='__search'], #__search")){\
types.forEach(type=>document.removeEventListener(type,intent,true));start()}};\
types.forEach(type=>document.addEventListener(type,intent,true))});\
return new index$.constructor(subscriber=>{let inner=null,closed=false;\
wanted.then(()=>{if(!closed)inner=index$.subscribe(subscriber)});\
return()=>{closed=true;if(inner)inner.unsubscribe()}})})"""
# A Worker that is made with its first message.
LAZY_WORKER = """(class extends EventTarget{constructor(url){super();this.url=url;this.worker=null}\
postMessage(message){if(!this.worker){this.worker=new Worker(this.url);\
this.worker.addEventListener("message",({data})=>this.dispatchEvent(new MessageEvent("message",{data})))}\
this.worker.postMessage(message)}})"""

# 3. The search worker's stemmer: our copy, where Material's file ends in it, and the worker.
LUNR_NO = Path("assets", "javascripts", "lunr", "min", "lunr.no.min.js")
PATCH_START = b"\n/*\n * Guide til god ledelse:"
SEARCH_WORKER = Path("assets", "javascripts", "workers", "search.a7633da7.min.js")
WORKER_SHA256 = "da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4"
HERE = "overrides/hooks/material_patches.py"


class MaterialChanged(PluginError):
    """Material's output no longer fits a patch here."""

    def __init__(self, patch: str, what: str) -> None:
        found = getattr(material, "__version__", "?")
        super().__init__(f"{HERE} ({patch}): {what}. The patch was checked against Material "
                         f"{MATERIAL_VERSION}; this is Material {found}: review the patch in {HERE}")


def without_cdn_scripts(bundle: str) -> str:
    """Patch 1: Material's bundle with its CDN scripts replaced by an empty one."""
    for url in CDN_SCRIPTS:
        if url not in bundle:
            raise MaterialChanged("privacy", f"{url!r} is no longer in Material's bundle")
        bundle = bundle.replace(url, EMPTY_SCRIPT)
    return bundle


def lazy_search(bundle: str) -> str:
    """Patch 2: Material's bundle with the index and the worker loaded on the reader's intent."""
    for pattern, what in ((INDEX, "the search index request"), (WORKER_CALL, "the search worker")):
        found = len(pattern.findall(bundle))
        if found != 1:
            raise MaterialChanged("lazy search", f"{what} is found {found} times in Material's bundle, "
                                  "not once")
    bundle = INDEX.sub(lambda m: f"{m['head']}{LAZY_INDEX}({m['index']}):", bundle)
    return WORKER_CALL.sub(lambda m: f"{m['head']}{LAZY_WORKER}{m['tail']}", bundle)


def patched_bundle(bundle: str, *, search: bool) -> str:
    """Material's bundle with every patch of it: 1, and 2 when the site has search."""
    bundle = without_cdn_scripts(bundle)
    return lazy_search(bundle) if search else bundle


def check_search_worker(custom_dir: Path, material_templates: Path = MATERIAL_TEMPLATES) -> None:
    """Patch 3: Material's lunr.no.min.js is still the copy above our patch, and its
    search worker the one the patch was tested with."""
    ours = (custom_dir / LUNR_NO).read_bytes()
    start = ours.find(PATCH_START)
    if start < 0:
        raise MaterialChanged("search worker", f"{custom_dir / LUNR_NO} has no patch (no line "
                              f"starting {PATCH_START.decode().strip()!r})")
    upstream = material_templates / LUNR_NO
    if not upstream.is_file() or ours[:start] != upstream.read_bytes():
        raise MaterialChanged(
            "search worker", f"Material's {LUNR_NO.as_posix()} is not the copy in {custom_dir / LUNR_NO}: "
            "copy Material's file there, append our patch again (from «Guide til god ledelse» on) "
            "and run tests/test_search.py")
    worker = material_templates / SEARCH_WORKER
    digest = hashlib.sha256(worker.read_bytes()).hexdigest() if worker.is_file() else None
    if digest != WORKER_SHA256:
        raise MaterialChanged(
            "search worker", f"Material's search worker is not {SEARCH_WORKER.as_posix()} (SHA-256 "
            f"{WORKER_SHA256[:12]}…), which the patch in {custom_dir / LUNR_NO} was tested with: check "
            "that the worker still parses queries with lunr 2.3.9's Index.prototype.query and "
            "TokenSet.fromClause, then update SEARCH_WORKER and WORKER_SHA256 and run tests/test_search.py")


def material_bundle(folder: Path) -> Path:
    """The one Material bundle in `folder` (Material's templates, or a built site)."""
    found = sorted(folder.glob(BUNDLE_GLOB))
    if len(found) != 1:
        raise MaterialChanged("bundle", f"{len(found)} files {BUNDLE_GLOB} in {folder}, not one")
    return found[0]


def has_search(config: MkDocsConfig) -> bool:
    return any(name in config.plugins for name in ("search", "material/search"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Every patch tried on Material as installed: a misfit stops the build before it renders."""
    check_search_worker(Path(config.theme.custom_dir))
    bundle = material_bundle(MATERIAL_TEMPLATES).read_text(encoding="utf-8")
    patched_bundle(bundle, search=has_search(config))
    return config


def on_post_build(config: MkDocsConfig) -> None:
    bundle = material_bundle(Path(config.site_dir))
    text = bundle.read_text(encoding="utf-8")
    bundle.write_text(patched_bundle(text, search=has_search(config)), encoding="utf-8")
