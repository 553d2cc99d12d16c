"""MkDocs hook: no request to another host, even on browsers or pages Material
would otherwise help out from a CDN.

Material's bundle loads two scripts from unpkg.com when it needs them: a
ResizeObserver polyfill on old browsers, and Mermaid on pages with diagrams (the
guide has none). Either would send a reader's IP address to a third party. Both
URLs are replaced with an empty inline script, so nothing is fetched: an old
browser gets the page without the polyfill's layout refinements. If a Material
upgrade changes these URLs, the build stops here, so the change is looked at.

The Content-Security-Policy (overrides/hooks/csp.py) refuses the empty data: script
too, on purpose: allowing data: in script-src would let injected scripts run. Material
reaches it only on a browser without ResizeObserver, where its layout code fails with
or without the empty script, or on a page with a Mermaid diagram (the guide has none).
The swap stays so that browsers without CSP do not contact unpkg.com either.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

CDN_SCRIPTS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
)
EMPTY_SCRIPT = "data:text/javascript,"


def strip_cdn_scripts(bundle: str) -> str:
    for url in CDN_SCRIPTS:
        if url not in bundle:
            raise PluginError(f"privacy hook: {url!r} is no longer in Material's bundle; review the hook")
        bundle = bundle.replace(url, EMPTY_SCRIPT)
    return bundle


def on_post_build(config: MkDocsConfig) -> None:
    bundles = list((Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"privacy hook: expected one Material bundle, found {len(bundles)}")
    bundle = bundles[0]
    bundle.write_text(strip_cdn_scripts(bundle.read_text(encoding="utf-8")), encoding="utf-8")
