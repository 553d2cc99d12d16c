"""MkDocs hook: the site's own stylesheets and scripts reach readers as one minified file each.

The sources: the page-level stylesheets and scripts of mkdocs.yml (`extra_css`,
`extra_javascript`, `extra.head_javascript`), then every component's `<name>.css` and
`<name>.js`, in the order of the table of components (macros/components/), published
as `assets/components/<name>/<file>`. A page links one stylesheet and loads one script
of the project's own at the end of <body>, plus one small script in <head>:

- `assets/stylesheets/guide.<hash>.min.css`: every `extra_css` file, in order, minified
  (rcssmin). Relative `url()`s (the fonts) are rewritten for the bundle's folder.
- `assets/javascripts/guide.<hash>.min.js`: every `extra_javascript` file, in order,
  minified (rjsmin, which only drops comments and white space), each in its own
  `try` so that one component's error does not stop the others (the error is still
  thrown, as an uncaught error, so it shows in the console and in the tests).
- `assets/javascripts/guide-head.<hash>.min.js`: `extra.head_javascript`, loaded from
  <head> (overrides/main.html). These wrap Material's storage helpers: they must run
  after its inline `__md_get`/`__md_set` in <head> and before the palette script at
  the top of <body>, so they cannot wait for the end of <body> with the rest; the rest
  in <head> would block the first paint with 7 kB more.

`<hash>` is the start of the SHA-256 of the bundle's bytes, so a changed file gets a
new name and no browser or proxy serves a stale copy.

The sources are still published beside the bundles: the PDF handbook is rendered from
them (overrides/hooks/handbook.py hands mkdocs-to-pdf the page with the stylesheets one by
one, as pdf_event_hook.py swaps fonts.css and reads terrain.css), and a reader of the
site's code finds them there. `mkdocs serve` (`make serve`) links the sources as they
are, so that live reload is quick and the browser shows each file by name.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.components import COMPONENTS

log = logging.getLogger("mkdocs.hooks.bundle")

CSS_BUNDLE = "assets/stylesheets/guide.{hash}.min.css"
JS_BUNDLE = "assets/javascripts/guide.{hash}.min.js"
HEAD_BUNDLE = "assets/javascripts/guide-head.{hash}.min.js"
# Where each component's stylesheet and script are published (the PDFs read them there).
COMPONENT_SOURCE = "assets/components/{name}/{file}"
# `extra.head_javascript` in mkdocs.yml: scripts overrides/main.html loads in <head>.
HEAD_KEY = "head_javascript"
# What overrides/hooks/handbook.py needs to give the PDF the stylesheets one by one.
PDF_KEY = "bundled_css"

# A url(…) in CSS, quoted or not; only relative ones are rewritten.
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>[^'")]+)(?P=quote)\s*\)""")
NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)

_serving = False
_bundles: dict[str, str] = {}  # bundle path -> its text, written by on_files


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def component_sources(suffix: str) -> dict[str, Path]:
    """Every component's `<name><suffix>` (`.css`, `.js`): published path -> its file, in
    the table's order."""
    return {COMPONENT_SOURCE.format(name=component.name, file=path.name): path
            for component in COMPONENTS if (path := component.file(suffix)) is not None}


def source_text(path: str, config: MkDocsConfig) -> str:
    """A source file's text, from a component's folder, docs/ or else the theme's
    custom_dir, as MkDocs publishes it."""
    components = {**component_sources(".css"), **component_sources(".js")}
    if path in components:
        return components[path].read_text(encoding="utf-8")
    for folder in (config.docs_dir, config.theme.custom_dir):
        if folder and (Path(folder) / path).is_file():
            return (Path(folder) / path).read_text(encoding="utf-8")
    raise PluginError(f"bundle hook: {path} is listed in mkdocs.yml but no such file exists")


def rebase_urls(css: str, source: str, bundle: str) -> str:
    """Relative url()s of `source` rewritten to point at the same files from `bundle`'s folder."""
    source_dir, bundle_dir = posixpath.dirname(source), posixpath.dirname(bundle)
    if source_dir == bundle_dir:
        return css

    def rebase(match: re.Match[str]) -> str:
        url = match["url"].strip()
        if NOT_RELATIVE.match(url):
            return match[0]
        target = posixpath.normpath(posixpath.join(source_dir, url))
        return f'url("{posixpath.relpath(target, bundle_dir or ".")}")'

    return CSS_URL.sub(rebase, css)


def css_bundle(sources: dict[str, str]) -> str:
    """The stylesheets, in order, minified, their url()s rebased to the bundle's folder."""
    parts = [rcssmin.cssmin(rebase_urls(text, path, CSS_BUNDLE)) for path, text in sources.items()]
    return "\n".join(parts) + "\n"


def js_bundle(sources: dict[str, str]) -> str:
    """The scripts, in order, minified, each on its own so one error stops only itself."""
    parts = [f"/* {path} */\ntry{{{rjsmin.jsmin(text)}\n}}catch(e){{setTimeout(()=>{{throw e}})}}"
             for path, text in sources.items()]
    return "\n".join(parts) + "\n"


def hashed(pattern: str, text: str) -> str:
    return pattern.format(hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:8])


def script_paths(scripts: list[object]) -> list[str]:
    """Paths of `extra_javascript`; a script with its own attributes cannot join a bundle."""
    paths = []
    for script in scripts:
        if not isinstance(script, str) and (script.type or script.defer or script.async_):
            raise PluginError(f"bundle hook: {script.path} has type/defer/async; a bundle "
                              "would lose them, so give it a bundle of its own here")
        paths.append(str(script))
    return paths


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _bundles.clear()
    config.extra_css = [*config.extra_css, *component_sources(".css")]
    config.extra_javascript = [*config.extra_javascript, *component_sources(".js")]
    if _serving:
        return config
    css = {path: source_text(path, config) for path in config.extra_css}
    js = {path: source_text(path, config) for path in script_paths(config.extra_javascript)}
    head = {path: source_text(path, config) for path in config.extra.get(HEAD_KEY) or []}
    if css:
        text = css_bundle(css)
        name = hashed(CSS_BUNDLE, text)
        _bundles[name] = text
        config.extra[PDF_KEY] = {"bundle": name, "sources": list(css)}
        config.extra_css = [name]
    if js:
        text = js_bundle(js)
        _bundles[hashed(JS_BUNDLE, text)] = text
        config.extra_javascript = [hashed(JS_BUNDLE, text)]
    if head:
        text = js_bundle(head)
        _bundles[hashed(HEAD_BUNDLE, text)] = text
        config.extra[HEAD_KEY] = [hashed(HEAD_BUNDLE, text)]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, source in {**component_sources(".css"), **component_sources(".js")}.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    for name, text in _bundles.items():
        files.append(File.generated(config, name, content=text))
    if _bundles:
        shown = (f"{name} ({len(text) / 1000:.1f} kB)" for name, text in _bundles.items())
        log.info("Bundled: %s", ", ".join(shown))
    return files
