"""MkDocs hook: a 404 page that works wherever the host serves it.

A host serves 404.html for any missing address, at any depth, so the page cannot link
relative to itself. MkDocs therefore gives it root-absolute links, from the path of
`site_url` – and from "/" when `site_url` is not set, which breaks the page whenever
the site is not at the server's root (under a sub-path, or opened from the file
system): no styles, and «Gå til forsiden» leaves the site.

- With `site_url` set (SITE_URL at build time): root-absolute links from its path, as
  MkDocs does (/guide/assets/…); right at any depth under that address.
- Without it: links relative to the site's root folder (./assets/…), where 404.html
  lies. Right when the page is opened from the file system and when the host serves it
  for a missing address in the site's top folder, under any sub-path
  (/guide/typo.html); a missing address deeper down (/guide/kapittel/typo.html) gets
  the text without styles. Set SITE_URL when publishing to get it right everywhere.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import normalize_url


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, None, ".") for path in config.extra_css]
        context["extra_javascript"] = [
            normalize_url(str(script), None, ".") for script in config.extra_javascript]
    return context
