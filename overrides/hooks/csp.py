"""MkDocs hook: a strict Content-Security-Policy on every built page.

Each HTML page (404.html included) gets a `<meta http-equiv="Content-Security-Policy">`
right after `<meta charset>`, before any script or stylesheet. Scripts run only from
the site itself ('self') or when they are one of the page's own inline scripts, each
allowed by the SHA-256 hash of its exact text, computed here from the final HTML.
Material's inline scripts differ per page (`__md_scope=new URL("..",location)`
depends on the page's depth), so the hashes are computed per page, not once.
Nothing else may run: no 'unsafe-inline', no 'unsafe-eval', no inline event
handlers (`onerror=`), no `javascript:` URLs, no data: or blob: scripts.

Why each source is there:
- img-src data: – Material's stylesheet draws its icons (navigation arrows,
  admonitions) as data: SVG images.
- worker-src 'self' – search runs in a Web Worker loaded from the site. From the file
  system the vendored iframe-worker shim runs it in a hidden about:blank iframe
  instead, which needs no frame-src source (about:blank inherits this policy).
- style-src 'self' – no 'unsafe-inline': no page has a style attribute or a <style>
  element, and Material sets styles through the CSSOM, which CSP does not restrict.
- connect-src 'self' – search fetches search/search_index.json over http.
- form-action 'none' – the site submits no form (the search and palette <form>s are
  handled by script); base-uri 'self'; object-src 'none'.
- Downloads of the reader's answers are blob: URLs on <a download>, which CSP does
  not govern, so no blob: source is needed.
- No `<link rel="next">`: Firefox prefetches the page it names, a request that only
  default-src governs, so 'none' made every page but the last report a violation. Readers
  follow the footer's «Neste» link; Material's rel="prev"/"next" links are taken out here.
A <meta> policy cannot carry frame-ancestors, report-to or sandbox; a host may add
those as HTTP headers (see the README).

After the build every HTML file in site/ is checked: it carries the policy, and every
inline script in it is allowed by a hash, so a later hook that rewrites a page's
scripts stops the build instead of breaking the page.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.csp")

# Directives other than script-src, in the order they are written.
POLICY = (
    ("default-src", "'none'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)
# A <script> element: its attributes and its text.
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
SCRIPT_SRC = re.compile(r"(?:^|\s)src\s*=", re.I)
SCRIPT_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
# Types the browser executes; anything else (application/json …) is data, not code.
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
CHARSET_META = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
# Material's <link rel="prev"> and <link rel="next"> in the head (site_meta), with the
# white space before them.
PREFETCHED = re.compile(r'\s*<link rel="(?:prev|next)" href="[^"]*">')


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would execute, in page order."""
    scripts = []
    for match in SCRIPT.finditer(html):
        if SCRIPT_SRC.search(match["attrs"]):
            continue
        kind = SCRIPT_TYPE.search(match["attrs"])
        if (kind["type"].lower() if kind else "") in JS_TYPES:
            scripts.append(match["body"])
    return scripts


def script_hash(text: str) -> str:
    # The HTML parser turns CR LF and CR into LF before the browser hashes the text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(html: str) -> str:
    hashes = sorted(set(map(script_hash, inline_scripts(html))))  # sorted: reproducible
    directives = [("script-src", " ".join(["'self'", *hashes])), *POLICY]
    directives.sort(key=lambda directive: directive[0] != "default-src")  # default first
    return "; ".join(f"{name} {sources}" for name, sources in directives)


def add_policy(html: str, where: str) -> str:
    if CSP_META.search(html):
        raise PluginError(f"csp hook: {where} already has a Content-Security-Policy")
    charset = CHARSET_META.search(html)
    if charset is None:
        raise PluginError(f"csp hook: {where} has no <meta charset> to put the policy after")
    html = PREFETCHED.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: charset.end()] + meta + html[charset.end():]


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` injects an inline live-reload script into every page it serves, with a
    fresh id each time: no hash can allow it, so the preview goes without the policy."""
    global _serving
    _serving = command == "serve"
    if _serving:
        log.info("mkdocs serve: pages are previewed without the Content-Security-Policy")


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return output if _serving else add_policy(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates: 404.html (an HTML page), sitemap.xml (not HTML).
    if template_name.endswith(".html") and not _serving:
        return add_policy(output_content, template_name)
    return output_content


def check_site(site_dir: Path) -> int:
    """Every HTML page carries the policy and it allows each of its inline scripts.
    Returns the number of pages checked."""
    pages = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(site_dir).as_posix()
        found = CSP_META.search(html)
        if found is None:
            raise PluginError(f"csp hook: {where} has no Content-Security-Policy")
        policy = found["policy"]
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
        for script in inline_scripts(html):
            if script_hash(script) not in script_src.split():
                raise PluginError(
                    f"csp hook: an inline script in {where} was changed after its hash was "
                    f"taken ({script[:60]!r}…); it would not run")
        if "<script" in html[: found.start()]:
            raise PluginError(f"csp hook: {where} has a script before its policy")
        if re.search(r'<link[^>]*rel="?(?:next|prefetch|prerender)', html):
            raise PluginError(f"csp hook: {where} asks the browser to prefetch, which the policy forbids")
        pages += 1
    return pages


@plugins.event_priority(-100)  # see mkdocs.yml: after the offline zip has written its size into the pages
def on_post_build(config: MkDocsConfig) -> None:
    if _serving:
        return
    pages = check_site(Path(config.site_dir))
    log.info("Content-Security-Policy on %d page(s), every inline script hashed", pages)
