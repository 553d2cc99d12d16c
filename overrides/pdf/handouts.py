"""Chapter handouts: each of the guide's three chapters as a PDF of its own
(`guide-til-god-ledelse-kapittel-N.pdf`), for a seminar that covers one chapter.

Made from the handbook's final combined document (pdf_event_hook.pre_pdf_render
hands it to `collect` and keeps what it returns in the build's state), so a handout
is set exactly like the handbook: same styles, fonts, running heads, reflection
boxes with lines to write on, and PDF/UA-1. Each keeps its chapter's pages only, opens
with a title page in the style of the title verso (the chapter's title, its web address
as a QR code, the edition line), and is numbered from 1. overrides/hooks/handbook.py
renders them (`write`) after the handbook and writes their sizes into the pages that
offer them ({{ chapter_handout(N) }}).

Why a rendering of its own per chapter rather than WeasyPrint's `Document.copy(pages)`
of the handbook: see dev-docs/decisions.md (a copy keeps the handbook's page numbers and
cross-references «(s. N)» to pages it does not hold, and cannot have a title page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from macros import outputs
from macros.components.pdf_download import CHAPTER_TITLE
from overrides.pdf.pdf_links import drop_dangling_links, drop_index_anchors

if TYPE_CHECKING:  # BeautifulSoup and WeasyPrint are loaded only when a PDF is made
    from bs4 import BeautifulSoup, Tag

BOOK_TITLE = "Guide til god ledelse"
# The handbook's front and back matter: not in a handout.
DROPPED = ("doc-cover", "doc-verso", "doc-toc", "doc-index", "doc-back_cover")


class HandoutError(RuntimeError):
    """The combined document has no chapter shaped as a handout needs."""


@dataclass
class Handout:
    number: int
    title: str  # the chapter's own title, without its number
    html: str  # the whole document, ready for WeasyPrint

    @property
    def filename(self) -> str:
        return outputs.handout(self.number)

    @property
    def document_title(self) -> str:
        return f"{BOOK_TITLE} – Kapittel {self.number}: {self.title}"


def chapter_heading(article: Tag) -> tuple[int, str]:
    opener = article.find("section", class_="gl-pdf-chapter__opener")
    heading = opener.find("h1") if opener else None
    match = CHAPTER_TITLE.match(heading.get_text(" ", strip=True)) if heading else None
    if match is None:
        raise HandoutError(f"chapter {article.get('id')!r}: its opener has no «N Title» h1")
    return int(match["number"]), match["title"]


def collect(soup: BeautifulSoup, *, date: datetime | None,
            title_page: Callable[[int, str, Tag], Tag]) -> list[Handout]:
    """One handout per chapter of the final combined document. `title_page(number,
    title, opener)` returns the handout's first page (an <article id="doc-verso">)."""
    from bs4 import BeautifulSoup

    text = str(soup)
    chapters = [a for a in soup.body.find_all("article", recursive=False)
                if "gl-pdf-chapter" in (a.get("class") or [])]
    if not chapters:
        raise HandoutError("no chapters in the combined document")
    return [handout(BeautifulSoup(text, "html.parser"), position, date=date, title_page=title_page)
            for position in range(len(chapters))]


def handout(soup: BeautifulSoup, position: int, *, date: datetime | None,
            title_page: Callable[[int, str, Tag], Tag]) -> Handout:
    chapters = [a for a in soup.body.find_all("article", recursive=False)
                if "gl-pdf-chapter" in (a.get("class") or [])]
    chapter = chapters[position]
    number, title = chapter_heading(chapter)
    for article in soup.body.find_all("article", recursive=False):
        if article is not chapter:
            article.decompose()
    opener = chapter.find("section", class_="gl-pdf-chapter__opener")
    # The title page carries the chapter's web address: not twice.
    for web in opener.select(".gl-pdf-web--chapter"):
        web.decompose()
    # Cross-references to the other chapters: plain text, no «(s. N)» to a page not here.
    drop_dangling_links(soup)
    drop_index_anchors(soup)  # the handbook's «Stikkordregister» is not in a handout
    soup.body["class"] = [*(soup.body.get("class") or []), "gl-pdf-handout"]  # styles.scss
    result = Handout(number=number, title=title, html="")
    chapter.insert_before(title_page(number, title, opener))
    head = soup.head
    head.title.string = result.document_title
    for name in ("dcterms.created", "dcterms.modified"):
        meta = head.find("meta", attrs={"name": name})
        if meta is not None:
            if date is None:
                meta.decompose()
            else:
                meta["content"] = date.isoformat()
    result.html = str(soup)
    return result


def write(site_dir: Path, handouts: list[Handout]) -> list[tuple[Handout, Path]]:
    """Render the collected handouts into site_dir (PDF/UA-1, like the handbook)."""
    import weasyprint

    written = []
    for item in handouts:
        output = site_dir / item.filename
        weasyprint.HTML(string=item.html).write_pdf(output, pdf_variant="pdf/ua-1")
        written.append((item, output))
    return written
