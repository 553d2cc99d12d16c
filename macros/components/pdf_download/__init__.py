"""«Last ned PDF» on the front page: a prominent link to the handbook, with its size.

The size is only known once the PDF is rendered, after the pages; the template
leaves a placeholder (macros/outputs.py) that the hook writing the file fills in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from macros import outputs
from macros.data import page_title
from macros.errors import ComponentError
from macros.render import render

CHAPTER_TITLE = re.compile(r"^(?P<number>\d+)\s+(?P<title>.+)$")  # a chapter's h1: «2 Hva skal til …»

# Reader-facing texts: one term per thing («refleksjonsspørsmål», «håndboken»,
# «zip-filen»; «Til refleksjon» only as the boxes' name), and labels that say what they give.
HANDBOOK_LABEL = "Last ned hele guiden"
HANDBOOK_TEXT = ("Hele guiden som håndbok i A4, til å skrive ut og dele ut – med linjer til å "
                 "skrive svar på refleksjonsspørsmålene.")
WORKBOOK_TEXT = ("Alle refleksjonsspørsmålene, de fire lederferdighetene med egenvurdering og "
                 "sjekklisten – til å skrive ut og skrive i, eller fylle ut på skjermen.")
SITE_ZIP_TEXT = ("Hele nettstedet i én fil, til møterom uten nett: Last ned zip-filen på forhånd, "
                 "pakk den ut og åpne filen index.html i mappen. Navigasjon, søk, «Mine refleksjoner» "
                 "og «Vis på storskjerm» virker uten nett, og håndboken og arbeidsheftet er med.")


def pdf_download(*, href: str) -> str:
    """The handbook's download box, linking to `href` (relative to the page)."""
    return render("pdf_download.html", "pdf_download", href=href,
                  label=HANDBOOK_LABEL, text=HANDBOOK_TEXT, size_attribute=outputs.PDF_SIZE)


def workbook_download(*, href: str) -> str:
    """The workbook's download box, linking to `href` (relative to the page)."""
    return render("pdf_download.html", "pdf_download",
                  href=href, label="Last ned arbeidsheftet",
                  text=WORKBOOK_TEXT, size_attribute=outputs.WORKBOOK_SIZE, modifier="workbook")


# A chapter without «Til refleksjon» boxes (chapter 3) gets no promise of lines to write on.
HANDOUT_TEXT = ("Bare dette kapittelet, med samme oppsett som håndboken, til å skrive ut og dele "
                "ut på en ledersamling")
HANDOUT_LINES = " – med linjer til å skrive svar på refleksjonsspørsmålene"
HANDOUTS_TEXT = ("Hvert kapittel som egen PDF, til en ledersamling om ett kapittel om gangen.")


def chapters_phrase(titles: list[str]) -> str:
    """«kapittel 1 og 2» for the chapters titled «1 …» and «2 …» (the chapters whose
    «Til refleksjon» boxes a text speaks of), so that no text promises a chapter's
    questions it does not have."""
    numbers = [m["number"] for m in map(CHAPTER_TITLE.match, titles) if m]
    if not numbers:
        raise ComponentError("no numbered chapter has reflection questions")
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " og " + numbers[-1]
    return f"kapittel {listed}"


def handout_chapters(docs_dir: Path) -> dict[int, dict[str, str]]:
    """The guide's numbered chapters: {number: {"src", "title"}}, from each top folder's
    index.md whose h1 is «N Title» (the chapter openers the handouts are made from)."""
    found: dict[int, dict[str, str]] = {}
    for index in sorted(docs_dir.glob("*/index.md")):
        src = index.relative_to(docs_dir).as_posix()
        match = CHAPTER_TITLE.match(page_title(docs_dir, src))
        if match:
            found[int(match["number"])] = {"src": src, "title": match["title"]}
    return dict(sorted(found.items()))


def handout_file(number: int, chapters: dict[int, dict[str, str]]) -> str:
    if number not in chapters:
        raise ComponentError(f"there is no chapter {number!r}; the chapters are {sorted(chapters)}")
    return outputs.handout(number)


def handout_text(*, questions: bool) -> str:
    """What a chapter handout holds: lines to write on only if the chapter has questions."""
    return HANDOUT_TEXT + (HANDOUT_LINES if questions else "") + "."


def chapter_handout(*, number: int, href: str, questions: bool) -> str:
    """The download box for chapter `number`'s handout, linking to `href`; `questions`:
    whether the chapter has «Til refleksjon» boxes (and so lines to write on)."""
    return render("pdf_download.html", "pdf_download", href=href,
                  label=f"Last ned kapittel {number}", text=handout_text(questions=questions),
                  size_attribute=outputs.HANDOUT_SIZE, size_value=str(number), modifier="handout")


def chapter_handouts(items: list[dict[str, Any]]) -> str:
    """All handouts in one box: [{"number", "title", "href"}]."""
    return render("pdf_download.html", "handout_list", items=items, text=HANDOUTS_TEXT)


def site_download(*, href: str) -> str:
    """The whole site as one zip, for rooms without network, linking to `href`."""
    return render("pdf_download.html", "pdf_download",
                  href=href, label="Last ned hele nettstedet",
                  text=SITE_ZIP_TEXT, size_attribute=outputs.ZIP_SIZE, modifier="zip",
                  mime="application/zip", kind="ZIP")


def pdf_href(plugins: Any, *, page_url: str, target: str | None = None) -> str | None:
    """A PDF's URL relative to the page at `page_url` (the handbook unless `target` names
    another file written with it), or None when the PDFs are not built (mkdocs.yml alone,
    `make serve`; `make` builds mkdocs-pdf.yml, which adds the plugin)."""
    handbook = outputs.handbook(plugins)
    if handbook is None:  # mkdocs.yml alone: the site without PDFs
        return None
    return get_relative_url(target or handbook, page_url)


def macros(site: Any) -> list[Any]:
    def pdf_download_() -> str:
        href = site.href_to()
        return "" if href is None else pdf_download(href=href)

    def workbook_download_() -> str:
        href = site.href_to(outputs.WORKBOOK)
        return "" if href is None else workbook_download(href=href)

    def chapter_handout_(number: int) -> str:
        href = site.handout_href(number)
        if href is None:
            return ""
        page = handout_chapters(site.docs_dir)[number]["src"]
        questions = any(c["page"] == page and c["boxes"] for c in site.notebook_chapters())
        return chapter_handout(number=number, href=href, questions=questions)

    def chapter_handouts_() -> str:
        chapters = handout_chapters(site.docs_dir)
        items = [{"number": n, "title": c["title"], "href": site.handout_href(n)}
                 for n, c in chapters.items()]
        if not items or items[0]["href"] is None:
            return ""
        return chapter_handouts(items)

    def site_download_() -> str:
        href = site.href_to(outputs.SITE_ZIP)
        return "" if href is None else site_download(href=href)

    return [pdf_download_, workbook_download_, chapter_handout_, chapter_handouts_, site_download_]
