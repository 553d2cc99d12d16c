"""MkDocs hook: search loads what it needs when the reader reaches for it, not on every page.

Material's bundle fetches the search index (20 kB gzip on this site), starts the search
worker (12 kB) and, through it, lunr's Norwegian stemmer (4 kB) on every page load,
over http – a third of what a first visit to the front page would transfer, for a
reader who may never search. (From the file system Material already waits until the
search is opened, for the worker's setup.) Here the bundle is changed in two places:

- the index is requested only once the reader shows an intent to search: the pointer
  over or on the search field or the header's search button, focus in the field (the
  keyboard shortcuts s, f and / focus it), the search being opened – or at once when
  the address asks for it (`?q=` opens the search, `?h=` highlights the words
  searched for, which needs the index);
- the worker starts with the first message Material sends it, which is the index
  (Material sends queries only after the worker has said it is ready).

Search works as before: a query typed while the index loads is run when it is ready
(Material shows «Starter søk» meanwhile). Material's minified names change from
release to release, so the two places are found by shape, not by name; if either is
not found exactly once, the build stops here, so a Material upgrade is looked at.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

NAME = r"[\w$]+"
# `zi=document.forms.namedItem("search")?ks():tt`: the index (an Observable), or none.
INDEX = re.compile(rf'(?P<head>=document\.forms\.namedItem\("search"\)\?)(?P<index>{NAME}\(\)):')
# `function Mn(e,t=new Worker(e))`: the search worker, made when search is set up.
WORKER = re.compile(rf"(?P<head>\((?P<url>{NAME}),{NAME}=new )Worker(?P<tail>\((?P=url)\)\))")

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


def lazy_search(bundle: str) -> str:
    """Material's bundle with the index and the worker loaded on the reader's intent."""
    for pattern, what in ((INDEX, "the search index request"), (WORKER, "the search worker")):
        if len(pattern.findall(bundle)) != 1:
            raise PluginError(f"lazy_search hook: {what} is no longer where it was in Material's "
                              "bundle; review overrides/hooks/lazy_search.py")
    bundle = INDEX.sub(lambda m: f"{m['head']}{LAZY_INDEX}({m['index']}):", bundle)
    return WORKER.sub(lambda m: f"{m['head']}{LAZY_WORKER}{m['tail']}", bundle)


def on_post_build(config: MkDocsConfig) -> None:
    if not any(name in config.plugins for name in ("search", "material/search")):
        return
    bundles = list((Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"lazy_search hook: expected one Material bundle, found {len(bundles)}")
    bundles[0].write_text(lazy_search(bundles[0].read_text(encoding="utf-8")), encoding="utf-8")
