"""mkdocs-to-pdf event hook: turns the combined pages into the handbook.

mkdocs-to-pdf imports a module named `pdf_event_hook` from the project folder: the
file of that name there hands it this module's functions. The plugin calls `inject_link` for every page and
`pre_pdf_render` once, on the whole document, right before WeasyPrint renders it.
Anything unexpected raises, which stops the build.
"""

from __future__ import annotations

import copy
import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

import tinycss2
import weasyprint
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from markupsafe import Markup

from macros.components import files as component_files
from macros.render import template_environment
from overrides.pdf import edition, handouts, pdf_fonts
from overrides.pdf.pdf_links import INDEX_TARGET, drop_dangling_links, drop_index_anchor

HERE = Path(__file__).resolve().parent
LANG = "nb"  # pyphen has an nb dictionary; "no" finds none, and nothing is hyphenated
# PDF/UA-1 (universell utforming): tagged, with /Lang, title shown, and metadata.
# mkdocs-to-pdf passes no options to write_pdf, so they go in WeasyPrint's defaults.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
SITE_FONTS_CSS = "assets/stylesheets/fonts.css"
CONTACT_PAGE_ID = "kontakt/:"  # kontakt.md in the combined document; its text goes on the back cover
TOC_TITLE = "Innhold"
# Not in the PDF: the front page's download boxes and whatever a page marks as web-only.
# Whole web-only pages (the accessibility statement, «Emner», «Mine refleksjoner») are
# left out by the to-pdf plugin's exclude_pages in mkdocs-pdf.yml.
SITE_ONLY = ".gl-pdf-download, .gl-web-only"
INDEX_TITLE = "Stikkordregister"
GLOSSARY = "_data/glossary.yml"
# Where an index term counts as standing: running text, not headings, pull quotes
# (they repeat the text), the figure or the PDF's own front and back matter.
INDEX_SKIP = ("h1", "h2", "h3", "h4", "h5", "h6", "svg", "style", "script", "figure")
# Nor the corrections table on «Om denne utgaven»: it quotes the printed text for editors.
INDEX_SKIP_CLASSES = {"gl-pull-quote", "gl-pdf-web", "gl-see-also", "gl-corrections"}
INFLECTIONS = ("", "en", "et", "er", "ene", "a", "e", "s", "ens", "ets", "enes")
NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5")
# WeasyPrint draws inline SVG on its own, seeing only a <style> inside the <svg>
# and no custom properties: the figure gets its site rules with var() resolved.
SVG_STYLESHEET = "assets/components/terrain/terrain.css"
SVG_CLASS = ".gl-terrain__"  # the rules copied into the figure's <svg>

_templates = template_environment(HERE)


class HandbookError(RuntimeError):
    """The combined document is not shaped as the handbook expects."""


def inject_link(output_content: str, pdf_path: str, page: object, logger: logging.Logger) -> str:
    """Leave the pages alone: overrides/partials/pdf-link.html renders «Last ned PDF»."""
    return output_content


def pre_pdf_render(soup: BeautifulSoup, logger: logging.Logger) -> BeautifulSoup:
    weasyprint.DEFAULT_OPTIONS.update(PDF_OPTIONS)
    soup.html["lang"] = LANG
    use_merged_fonts(soup)
    add_book_styles(soup)
    style_figures(soup)
    for element in soup.select(SITE_ONLY):
        element.decompose()
    chapters = shape_chapters(soup)
    logger.info("Handbook: %d chapters", len(chapters))
    fill_back_cover(soup)
    date_from_source(soup)
    drop_dangling_links(soup)
    add_chapter_links(soup, chapters)
    terms = index_terms()
    anchors = place_index_anchors(soup, terms)
    index = insert_index(soup)
    insert_contents(soup)
    insert_verso(soup)
    pages = draft_pages(soup)
    index = fill_index(index, anchors, pages)
    logger.info("Handbook: «%s» with %d entries", INDEX_TITLE,
                len(index.select(".gl-pdf-index__entry")))
    # The chapter handouts: copies of this final document, rendered after the handbook.
    found = handouts.collect(soup, date=edition.STATE.date, title_page=handout_title_page)
    logger.info("Handouts: %s", ", ".join(h.filename for h in found))
    return soup


def add_book_styles(soup: BeautifulSoup) -> None:
    """What the PDFs need of each component beyond its print rules: every component's
    `<name>.book.css` (macros/components/), after the book's own styles.scss."""
    style = soup.new_tag("style")
    style.string = "\n".join(path.read_text(encoding="utf-8") for path in component_files(".book.css"))
    soup.head.append(style)


def date_from_source(soup: BeautifulSoup) -> None:
    """The PDF's dates from SOURCE_DATE_EPOCH (the last commit, overrides/hooks/reproducible.py),
    not the clock mkdocs-to-pdf reads, so that two builds give the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return
    date = datetime.fromtimestamp(int(epoch), UTC).isoformat()
    for name in ("dcterms.created", "dcterms.modified"):
        for meta in soup.find_all("meta", attrs={"name": name}):
            meta["content"] = date


def use_merged_fonts(soup: BeautifulSoup) -> None:
    """Swap the site's subset fonts (unicode-range) for merged faces, see pdf_fonts."""
    link = soup.head.find("link", rel="stylesheet", href=lambda h: h and h.endswith(SITE_FONTS_CSS))
    if link is None:
        raise HandbookError(f"no stylesheet {SITE_FONTS_CSS} in the combined document")
    fonts_dir = Path(unquote(urlparse(link["href"]).path)).parent.parent / "fonts"
    style = soup.new_tag("style")
    style.string = _templates.get_template("fonts.css.j2").render(
        family=pdf_fonts.FAMILY, faces=pdf_fonts.merged_faces(fonts_dir))
    link.replace_with(style)


def _stylesheet(soup: BeautifulSoup, suffix: str) -> Path:
    link = soup.head.find("link", rel="stylesheet", href=lambda h: h and h.endswith(suffix))
    if link is None:
        raise HandbookError(f"no stylesheet {suffix} in the combined document")
    return Path(unquote(urlparse(link["href"]).path))


def style_rules(css: str) -> list[tuple[str, list[tinycss2.ast.Declaration]]]:
    """(selector, declarations) of each top-level style rule, parsed by tinycss2 (WeasyPrint's
    own CSS parser). Rules inside at-rules (@media, @supports …) are left out: they hold the
    screen's variants, such as the narrow screen's or the dark scheme's."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                          skip_whitespace=True)
            found.append((tinycss2.serialize(rule.prelude).strip(),
                          [d for d in declarations if d.type == "declaration"]))
    return found


def custom_properties(css_texts: list[str]) -> dict[str, str]:
    """Custom properties of the light scheme (:root, default scheme), later ones winning."""
    found: dict[str, str] = {}
    for css in css_texts:
        for selector, declarations in style_rules(css):
            if "slate" in selector or not (":root" in selector or "[data-md-color-scheme=default]" in selector
                                           or selector.endswith("body")):
                continue
            found.update((d.name, tinycss2.serialize(d.value).strip())
                         for d in declarations if d.name.startswith("--"))
    return found


def resolve(value: str, properties: dict[str, str], depth: int = 0) -> str:
    """`value` with each var() replaced by its custom property's value (or its fallback)."""
    if depth > 10:  # var() may refer to var(), but not forever
        raise HandbookError(f"cannot resolve {value!r} for the figure: var() refers to itself")
    return "".join(_resolve_token(token, properties, depth)
                   for token in tinycss2.parse_component_value_list(value))


def _resolve_token(token: tinycss2.ast.Node, properties: dict[str, str], depth: int) -> str:
    if token.type != "function":
        return tinycss2.serialize([token])
    if token.lower_name != "var":
        inner = tinycss2.serialize(token.arguments)
        return f"{token.name}({resolve(inner, properties, depth)})"
    arguments = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
    name = arguments[0].value if arguments and arguments[0].type == "ident" else None
    if name in properties:
        return resolve(properties[name], properties, depth + 1)
    commas = [i for i, t in enumerate(token.arguments) if t.type == "literal" and t.value == ","]
    if commas:
        return resolve(tinycss2.serialize(token.arguments[commas[0] + 1:]).strip(), properties, depth + 1)
    raise HandbookError(f"cannot resolve {tinycss2.serialize([token])} for the figure: {name} is not set")


def style_figures(soup: BeautifulSoup) -> None:
    """Copy terrain.css's rules, var() resolved, into each inline SVG of the figure."""
    sheets = [link["href"] for link in soup.head.find_all("link", rel="stylesheet")]
    texts = [Path(unquote(urlparse(h).path)).read_text(encoding="utf-8") for h in sheets]
    texts += [style.string or "" for style in soup.head.find_all("style")]
    properties = custom_properties(texts)
    figure_css = _stylesheet(soup, SVG_STYLESHEET).read_text(encoding="utf-8")
    rules = []
    for selector, declarations in style_rules(figure_css):
        if SVG_CLASS in selector and "slate" not in selector:
            body = " ".join(f"{d.name}: {resolve(tinycss2.serialize(d.value).strip(), properties)};"
                            for d in declarations)
            rules.append(f"{selector} {{{body}}}")
    svgs = soup.select("figure.gl-terrain svg")
    if not rules or not svgs:
        raise HandbookError("the figure «Kart og terreng» or its rules in terrain.css are missing")
    for svg in svgs:
        style = soup.new_tag("style")
        style.string = "\n".join(rules)
        svg.insert(0, style)


def _top_articles(soup: BeautifulSoup) -> list[Tag]:
    return [a for a in soup.body.find_all("article", recursive=False)
            if a.get("id") not in ("doc-cover", "doc-back_cover", "doc-toc", "doc-verso")]


def _pages(article: Tag) -> list[Tag]:
    """A chapter's pages (mkdocs-to-pdf turns them into sections), or []."""
    return article.find_all("section", attrs={"data-url": True}, recursive=False)


def shape_chapters(soup: BeautifulSoup) -> list[Tag]:
    """Chapter = h1 (its index page, the opener); its other pages h2, their sections h3.

    So the bookmarks and the structure tree nest chapter › page › section.
    """
    chapters = []
    for article in _top_articles(soup):
        pages = _pages(article)
        if not pages:
            continue
        article["class"] = [*article.get("class", []), "gl-pdf-chapter"]
        pages[0]["class"] = [*pages[0].get("class", []), "gl-pdf-chapter__opener"]
        for page in pages[1:]:
            headings = page.find_all(HEADINGS + ("h6",))
            if any(h.name == "h6" for h in headings):
                raise HandbookError(f"{page['data-url']}: an h6 cannot be shifted a level down")
            for heading in headings:
                heading.name = f"h{int(heading.name[1]) + 1}"
        chapters.append(article)
    if not chapters:
        raise HandbookError("no chapters found in the combined document")
    return chapters


def _entry(heading: Tag | None, where: str) -> dict[str, str]:
    if heading is None or not heading.get("id"):
        raise HandbookError(f"{where}: no heading with an id to list in «{TOC_TITLE}»")
    return {"id": heading["id"], "title": heading.get_text(" ", strip=True)}


def insert_contents(soup: BeautifulSoup) -> None:
    """«Innhold»: every page, the chapters' pages nested under them, with page numbers."""
    entries = []
    for article in _top_articles(soup):
        pages = _pages(article)
        if pages:
            entry = _entry(pages[0].find("h1"), pages[0]["data-url"])
            entry["pages"] = [_entry(p.find("h2"), p["data-url"]) for p in pages[1:]]
        else:
            entry = {**_entry(article.find("h1"), article.get("data-url", "?")), "pages": []}
        entries.append(entry)
    toc = BeautifulSoup(_templates.get_template("toc.html.j2").render(
        title=TOC_TITLE, entries=entries), "html.parser")
    cover = soup.body.find("article", id="doc-cover", recursive=False)
    if cover is None:
        raise HandbookError("no cover in the combined document")
    cover.insert_after(toc)


def fill_back_cover(soup: BeautifulSoup) -> None:
    """KS' contact details on the back cover, copied from «Kontakt KS» (one source)."""
    back = soup.body.find("article", id="doc-back_cover", recursive=False)
    contact = soup.find(id=CONTACT_PAGE_ID)
    slot = back.find(attrs={"data-gl-contact": True}) if back else None
    if slot is None or contact is None:
        raise HandbookError(f"back cover slot or contact page {CONTACT_PAGE_ID!r} missing")
    paragraphs = contact.find_all("p")
    if not paragraphs:
        raise HandbookError("«Kontakt KS» has no paragraphs to put on the back cover")
    for paragraph in paragraphs:
        clone = copy.copy(paragraph)
        for element in [clone, *clone.find_all(id=True)]:
            del element["id"]
        slot.append(clone)
    # The back cover holds the contact page's text: no page of its own in the book.
    contact.decompose()
    web = back.find(attrs={"data-gl-web": True})
    if edition.STATE.site_url:
        web.append(web_link(edition.STATE.site_url, "back", "Guiden på nettet:"))
    else:
        web.decompose()



def _render(name: str, **context: object) -> BeautifulSoup:
    return BeautifulSoup(_templates.get_template(name).render(**context), "html.parser")


def add_chapter_links(soup: BeautifulSoup, chapters: list[Tag]) -> None:
    """Each chapter opener: the chapter's web page as address and QR code."""
    state = edition.STATE
    if not state.site_url:
        return
    for chapter in chapters:
        opener = chapter.find("section", class_="gl-pdf-chapter__opener")
        link = chapter_web_link(opener, "chapter")
        # Beside «I dette kapittelet» (a row in styles.scss), so that a long
        # introduction (chapter 2) still leaves the list and the code on the opener.
        heading = opener.find(lambda tag: tag.name == "h2"
                              and tag.get_text(strip=True) == "I dette kapittelet")
        listing = heading.find_next_sibling("ul") if heading else None
        if listing is None:
            opener.append(link)
            continue
        row = soup.new_tag("div", attrs={"class": "gl-pdf-chapter__contents"})
        column = soup.new_tag("div", attrs={"class": "gl-pdf-chapter__list"})
        heading.insert_before(row)
        column.append(heading.extract())
        column.append(listing.extract())
        row.append(column)
        row.append(link)


def chapter_web_link(opener: Tag, modifier: str) -> BeautifulSoup:
    """The chapter's web page as address and QR code, for its opener or its handout."""
    page_url = edition.STATE.urls.get(opener["data-url"])
    if page_url is None:
        raise HandbookError(f"no page for the chapter opener {opener['data-url']}")
    # Only a chapter with «Til refleksjon» boxes promises a place to write answers.
    chapter = opener.find_parent("article")
    asks = chapter is not None and chapter.select_one(".gl-reflection") is not None
    lead = ("Kapittelet på nettet, der du kan skrive svar på refleksjonsspørsmålene og ta vare "
            "på dem:" if asks else "Kapittelet på nettet:")
    return web_link(edition.STATE.url_of(page_url), modifier, lead)


def web_link(url: str, modifier: str, lead: str, note: str = "") -> BeautifulSoup:
    return _render("web_link.html.j2", qr=edition.qr_data_uri(url), modifier=modifier,
                   address=url.split("://", 1)[-1], lead=lead, note=note)


def insert_verso(soup: BeautifulSoup) -> None:
    """The title verso: the edition (KS' original, this edition's publisher and date) and
    the web address."""
    state = edition.STATE
    cover = soup.body.find("article", id="doc-cover", recursive=False)
    title = cover.find(class_="gl-pdf-cover__title").get_text(" ", strip=True)
    subtitle = cover.find(class_="gl-pdf-cover__subtitle").get_text(" ", strip=True)
    web = None
    if state.site_url:
        web = web_link(state.site_url, "verso", "Guiden på nettet:",
                       "Der kan du skrive svar på refleksjonsspørsmålene og ta vare på dem "
                       "i din egen nettleser, og laste ned arbeidsheftet til ledersamlinger.")
    cover.insert_after(_render("verso.html.j2", title=title, subtitle=subtitle, edition=state,
                               copyright=state.copyright, web=Markup(str(web)) if web else None))


def handout_title_page(number: int, title: str, opener: Tag) -> Tag:
    """A chapter handout's first page: the title verso's design, with the chapter's
    title and its web page (address and QR code) instead of the site's."""
    state = edition.STATE
    web = chapter_web_link(opener, "verso") if state.site_url else None
    page = _render("verso.html.j2", title=handouts.BOOK_TITLE, subtitle=f"Kapittel {number}: {title}",
                   edition=state, copyright=state.copyright,
                   web=Markup(str(web)) if web else None)
    return page.article


# ---------------------------------------------------------------- «Stikkordregister»


def index_terms() -> list[tuple[str, re.Pattern[str]]]:
    """(entry, pattern) for every topic tag and glossary term; one entry per word."""
    state = edition.STATE
    patterns: dict[str, list[str]] = {}
    for tags in state.tags.values():
        for tag in tags:
            forms = [re.escape(tag) + suffix for suffix in INFLECTIONS]
            patterns.setdefault(tag.lower(), []).append("(?i:" + "|".join(forms) + ")")
    glossary = yaml.safe_load((state.docs_dir / GLOSSARY).read_text(encoding="utf-8"))
    for entry in glossary:
        forms = [str(form) for form in entry["forms"]]
        proper = not any(form[:1].islower() for form in forms)
        name = entry["term"] if proper else entry["term"].lower()
        key = name if proper else name.lower()
        patterns.setdefault(key, []).append("|".join(re.escape(form) for form in forms))
    return [(name, re.compile(r"(?<!\w)(?:" + "|".join(found) + r")(?!\w)"))
            for name, found in patterns.items()]


def _indexable(string: object) -> bool:
    if type(string).__name__ != "NavigableString":
        return False
    for parent in string.parents:
        if parent.name in INDEX_SKIP or INDEX_SKIP_CLASSES.intersection(parent.get("class") or []):
            return False
    return True


def place_index_anchors(soup: BeautifulSoup,
                        terms: list[tuple[str, re.Pattern[str]]]) -> dict[str, list[Tag]]:
    """Mark the first place each term stands on each web page (an element with an id)."""
    pages = [*soup.select("article[data-url] > section[data-url]"),
             *[a for a in _top_articles(soup) if not _pages(a)]]
    found: dict[str, list[Tag]] = {}
    count = 0
    for page in pages:
        for name, pattern in terms:
            for string in page.find_all(string=pattern):
                if not _indexable(string):
                    continue
                anchor = _index_anchor(soup, string, pattern.search(str(string)), f"gl-index-{count + 1}")
                if anchor is None:
                    continue
                count += 1
                found.setdefault(name, []).append(anchor)
                break
    return found


def _index_anchor(soup: BeautifulSoup, string: NavigableString, match: re.Match[str],
                  anchor_id: str) -> Tag | None:
    """The term wrapped in a span with the id, or, where the term stands in a link, the
    link itself with the id: a span inside a link would get a link annotation of its own,
    tagged as a Span instead of the Link (PDF/UA-1 7.18.5), and split the link in two for
    a screen reader. A link may anchor several terms (a chapter opener's list of pages);
    a link with an id of its own anchors none (None)."""
    link = string.find_parent("a")
    if link is not None:
        if INDEX_TARGET in (link.get("class") or []):
            return link
        if link.get("id"):
            return None
        link["id"] = anchor_id
        link["class"] = [*(link.get("class") or []), INDEX_TARGET]
        return link
    span = soup.new_tag("span", attrs={"id": anchor_id, "class": INDEX_TARGET})
    span.string = match[0]
    text = str(string)
    string.replace_with(text[: match.start()], span, text[match.end():])
    return span


def insert_index(soup: BeautifulSoup) -> Tag:
    back = soup.body.find("article", id="doc-back_cover", recursive=False)
    index = _render("index.html.j2", title=INDEX_TITLE, groups=[]).article
    back.insert_before(index)
    return index


def draft_pages(soup: BeautifulSoup) -> dict[str, int]:
    """Lay the book out once to learn the page of every index anchor (the index comes
    last, so it cannot move what it points to)."""
    document = weasyprint.HTML(string=str(soup)).render()
    return {anchor: number for number, page in enumerate(document.pages, start=1)
            for anchor in page.anchors if anchor.startswith("gl-index-")}


def fill_index(index: Tag, anchors: dict[str, list[Tag]], pages: dict[str, int]) -> Tag:
    """One page number per page: the first place on each page keeps its anchor; the
    anchors no entry points to go (a link anchoring several terms stays if one keeps it)."""
    entries = []
    used: set[str] = set()
    for name, placed in anchors.items():
        kept: dict[int, str] = {}
        for anchor in sorted(placed, key=lambda s: pages.get(s["id"], 0)):
            page = pages.get(anchor["id"])
            if page is not None and page not in kept:
                kept[page] = anchor["id"]
        used.update(kept.values())
        if kept:
            entries.append({"term": name, "anchors": list(kept.values())})
    unused = {anchor["id"]: anchor for placed in anchors.values() for anchor in placed
              if anchor["id"] not in used}
    for anchor in unused.values():
        drop_index_anchor(anchor)
    entries.sort(key=lambda e: e["term"].lower().translate(NORWEGIAN_ORDER))
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(entry["term"][0].upper(), []).append(entry)
    filled = _render("index.html.j2", title=INDEX_TITLE, groups=list(groups.items())).article
    index.replace_with(filled)
    return filled
