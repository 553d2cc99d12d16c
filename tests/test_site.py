"""The real guide, built once per session: strict, complete, well structured, Norwegian."""

from __future__ import annotations

import json
import re

import pytest

import guidetext
from helpers import ROOT, Build
from macros.components.glossary import glossary_entries
from sitepages import article, content_text, floating_texts, html_path, nav_pages, soup

EDITION_PAGE = "om-denne-utgaven.md"  # quotes the uncorrected text in its list of corrections


def test_strict_build_has_no_warnings(site: Build) -> None:
    assert site.warnings == [], "\n".join(site.warnings)


def test_every_nav_page_is_built(site: Build) -> None:
    pages = nav_pages()
    assert len(pages) >= 25
    for src in pages:
        assert html_path(site.site_dir, src).is_file(), src


def site_text_and_floating(site: Build) -> tuple[str, list[str]]:
    text = guidetext.normalize(content_text(site.site_dir, skip=(EDITION_PAGE,)))
    floating = [guidetext.normalize(t) for t in floating_texts(site.site_dir, skip=(EDITION_PAGE,))]
    return text, floating


def test_every_sentence_of_the_source_is_on_the_site_in_order(site: Build) -> None:
    text, floating = site_text_and_floating(site)
    missing, out_of_order = guidetext.missing_and_out_of_order(text, floating=floating)
    assert missing == []
    assert out_of_order == []


def test_fidelity_check_catches_a_missing_sentence(site: Build) -> None:
    """Negative control: drop one sentence from the site text and the check must see it."""
    text, floating = site_text_and_floating(site)
    sentence = "tillit forutsetter tydelige rolleavklaringer."
    assert sentence in text
    missing, _ = guidetext.missing_and_out_of_order(text.replace(sentence, ""), floating=floating)
    assert missing == [sentence]


def test_order_check_catches_a_moved_sentence(site: Build) -> None:
    """Negative control: move the guide's first sentence to the end and the order check must see it."""
    text, floating = site_text_and_floating(site)
    first = "ks mener at god ledelse i kommunal sektor er avgjørende for å levere gode tjenester " \
        "til innbyggerne."
    assert text.count(first) == 1
    _, out_of_order = guidetext.missing_and_out_of_order(
        text.replace(first, "") + " " + first, floating=floating)
    assert len(out_of_order) > 100


def test_corrections_are_listed_and_applied(site: Build) -> None:
    corrections = guidetext.load_corrections()
    assert len(corrections) >= 10
    edition = article(soup(html_path(site.site_dir, EDITION_PAGE))).get_text(" ")
    site_text = content_text(site.site_dir, skip=(EDITION_PAGE,))
    for entry in corrections:
        assert entry["corrected"] in edition
        assert guidetext.normalize(entry["corrected"]) in guidetext.normalize(site_text), entry
        if not entry.get("join"):
            assert entry["source"] not in site_text, entry


@pytest.mark.parametrize("artefact", ["Kommune-loven", "tjenestemråder", "rolleperatoar",
                                      "ledes hverdag", "Haakon VIIIs", "om råder"])
def test_layout_artefacts_are_gone(site: Build, artefact: str) -> None:
    assert artefact not in content_text(site.site_dir, skip=(EDITION_PAGE,))


def test_terrain_labels(site: Build) -> None:
    figure = soup(html_path(site.site_dir, "lykkes-som-leder/kart-og-terreng.md")).select_one(
        "figure.gl-terrain")
    labels = " ".join(t.get_text() for t in figure.select("svg text"))
    for label in guidetext.FIGURE_LABELS:
        assert label in labels


def test_pages_are_norwegian_with_one_h1_and_no_skipped_levels(site: Build) -> None:
    for src in nav_pages():
        page = soup(html_path(site.site_dir, src))
        assert page.html["lang"] == "nb", src
        content = article(page)
        headings = [int(h.name[1]) for h in content.find_all(re.compile(r"^h[1-6]$"))]
        assert headings.count(1) == 1 and headings[0] == 1, (src, headings)
        for before, after in zip(headings, headings[1:], strict=False):
            assert after <= before + 1, (src, headings)


def test_headings_are_not_in_capitals(site: Build) -> None:
    for src in nav_pages():
        for h in article(soup(html_path(site.site_dir, src))).find_all(re.compile(r"^h[1-4]$")):
            words = re.findall(r"[A-Za-zÆØÅæøå]{4,}", h.get_text())
            words = [w for w in words if w not in {"FAKTOR", "SLIK", "WCAG"}]  # a name, an acronym
            assert not any(w.isupper() for w in words), (src, h.get_text())


def test_components_appear_as_often_as_in_the_guide(site: Build) -> None:
    pages = [soup(html_path(site.site_dir, src)) for src in nav_pages()]
    count = lambda css: sum(len(p.select(css)) for p in pages)  # noqa: E731
    assert count("section.gl-reflection") == 10
    assert count("section.gl-archetype") == 8  # four where the guide places them, four on the overview
    # the checklist where the guide places it, and on «Mine refleksjoner» with the reader's ticks
    assert count("section.gl-checklist .gl-checklist__item") == 12
    assert count("p.gl-see-also") == 3
    assert count("figure.gl-pull-quote") >= 7
    assert count("figure.gl-terrain svg[role=img]") == 1


def test_search_is_configured_for_norwegian(site: Build) -> None:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["no"]
    assert index["config"]["pipeline"] == ["stemmer", "stopWordFilter", "trimmer"]
    assert re.split(index["config"]["separator"], "«Effektjegeren» kommunen/fylkeskommunen")[1:4] == [
        "Effektjegeren", "kommunen", "fylkeskommunen"]


def test_topic_index_lists_pages_by_theme(site: Build) -> None:
    topics = article(soup(html_path(site.site_dir, "emner.md")))
    text = topics.get_text(" ")
    for topic in ("tillit", "roller", "mestring", "motivasjon", "kultur", "kommunikasjon",
                  "endring", "innovasjon", "arbeidsgiverpolitikk", "folkevalgte"):
        assert re.search(rf"\b{topic}\b", text, re.IGNORECASE), topic
    assert len(topics.select("a[href$='.html']")) >= 20


def test_no_third_party_resources_in_built_files(site: Build) -> None:
    """Only links in the text may point elsewhere; nothing is loaded from another host."""
    for path in site.site_dir.rglob("*.html"):
        page = soup(path)
        for tag in page.select("[src], link[href]"):
            url = tag.get("src") or tag.get("href")
            assert not re.match(r"^(https?:)?//", url), (path, url)
        for style in page.select("style"):
            assert "//" not in re.sub(r"/\*.*?\*/", "", style.get_text(), flags=re.S), path
    for path in site.site_dir.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8"))
        assert not [u for u in urls if re.match(r"^(https?:)?//", u)], path


# URLs that stay in the JavaScript: templates for repository facts, which Material
# only fetches when mkdocs.yml sets repo_url (checked below), and the address lunr
# prints in a console warning.
INERT_JS_URLS = re.compile(r"https://(\$\{e\}/api/v4/|api\.github\.com/(repos|users)/|bit\.ly/)")


def test_no_third_party_url_in_javascript(site: Build) -> None:
    assert "repo_url" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in site.site_dir.rglob("*.js"):
        code = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        code = re.sub(r"(?m)^\s*//.*$", "", code)
        urls = [u for u in re.findall(r"https?://[^\s\"'`)]+", code) if not INERT_JS_URLS.match(u)]
        assert urls == [], path


def test_fonts_are_self_hosted_with_licence(site: Build) -> None:
    fonts = site.site_dir / "assets" / "fonts"
    assert len(list(fonts.glob("*latin-ext*.woff2"))) >= 4
    assert (fonts / "OFL.txt").is_file()


def test_pages_link_relatively_so_a_sub_path_works(site: Build) -> None:
    """Every page, 404.html too (built without SITE_URL), uses relative URLs, so the site
    works under any sub-path and from the file system."""
    for path in site.site_dir.rglob("*.html"):
        for tag in soup(path).select("[src], [href]"):
            url = tag.get("src") or tag.get("href")
            assert not re.match(r"^/(?!/)", url), (path, url)


def test_glossary_terms_have_tooltips_where_they_occur(site: Build) -> None:
    page = article(soup(html_path(site.site_dir, "ledelse-pa-dagsordenen/lov-og-avtaleverk.md")))
    titles = {abbr.get_text(): abbr["title"] for abbr in page.select("abbr[title]")}
    assert titles["Kommuneloven"].startswith("Loven som setter rammer for kommunal styring")
    # Each term is marked once, at its first occurrence, in whichever form it has there.
    for term in ("styringsrett", "omsorgsplikt", "lojalitetsplikt"):
        assert [form for form in titles if form.startswith(term)], term
    glossary = article(soup(html_path(site.site_dir, "ordliste.md")))
    terms = [dt.get_text() for dt in glossary.select("dl.gl-glossary dt")]
    # In the glossary's own Norwegian order (æ, ø, å after z: test_seminar_components.py).
    norwegian = [entry["term"] for entry in glossary_entries([{"term": term} for term in terms])]
    assert len(terms) == 12 and terms == norwegian


def test_every_section_heading_has_a_norwegian_permalink(site: Build) -> None:
    for src in nav_pages():
        page = soup(html_path(site.site_dir, src))
        for heading in page.select("article h2[id], article h3[id]"):
            if heading.find_parent(class_=re.compile("^gl-")):
                continue  # component headings (boxes, cards) are not sections
            link = heading.select_one("a.headerlink")
            assert link is not None, (src, heading.get_text())
            assert link["href"] == f"#{heading['id']}"
            assert link["title"] == "Lenke til denne delen"
