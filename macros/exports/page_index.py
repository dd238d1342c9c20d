"""/page-index.json: the site's prose, section by section, for the header's search to find pages by their words.

The lookup (lookup-index.json) answers codes, names, messages and pastes; this index answers everything else a
reader types ("rate limit", "idempotency"), from the pages people wrote and the generated pages that are not one
code or one table (those the lookup covers). Each section is a heading with an id and the text under it, read
from the page's rendered HTML, so the index holds what the reader sees and never markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..site.outputs import Site

SECTION_TAGS = frozenset({"h1", "h2", "h3"})
SKIPPED_TAGS = frozenset({"script", "style", "template", "button", "textarea", "svg"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                       "wbr"})
BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dt", "dd", "pre", "div", "tr", "table", "ul", "ol", "blockquote",
                        "details", "summary", "section", "aside", "figure", "figcaption", "h4", "h5", "h6"})
"""Tags whose start and end part words: the text of inline tags (code, a link) runs on with its sentence."""
PERMALINK_CLASS = "headerlink"
MAX_TEXT = 1500
"""Characters kept of one section's text: enough to match its words and show a snippet, not a copy of the page."""
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PageSection:
    """One heading of a page and the text under it, up to the next heading."""

    heading: str
    anchor: str
    text: str


@dataclass(frozen=True)
class PageText:
    """What the index holds of one page: its title, catalog (or none), address and sections."""

    title: str
    catalog: str
    url: str
    sections: tuple[PageSection, ...]


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list[str]] = [["", "", ""]]
        self.in_heading = False
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        if self.skipping or tag in SKIPPED_TAGS or (tag == "a" and PERMALINK_CLASS in (dict(attrs).get("class") or "")):
            self.skipping.append(tag)
            return
        if tag in SECTION_TAGS:
            self.found.append(["", dict(attrs).get("id") or "", ""])
            self.in_heading = True
        elif tag in BLOCK_TAGS:
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if tag in SECTION_TAGS:
            self.in_heading = False
        elif tag in BLOCK_TAGS:
            self._add(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._add(data)

    def _add(self, text: str) -> None:
        self.found[-1][0 if self.in_heading else 2] += text


def sections(html_text: str) -> tuple[PageSection, ...]:
    """The page's sections: the text before the first heading belongs to the first (a page usually opens with one)."""
    parser = _Sections()
    parser.feed(html_text)
    parser.close()
    found = [(_clean(heading), anchor, _clean(text)) for heading, anchor, text in parser.found]
    lead, rest = found[0], found[1:]
    if rest and lead[2]:
        rest[0] = (rest[0][0], rest[0][1], f"{lead[2]} {rest[0][2]}".strip())
    elif not rest:
        rest = [lead]
    return tuple(PageSection(heading, anchor, text[:MAX_TEXT]) for heading, anchor, text in rest
                 if heading or text)


def _clean(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def page_index(pages: Iterable[PageText]) -> dict[str, object]:
    """The index: one record per section, in site order, its URL a path from the site root."""
    records = []
    for page in sorted(pages, key=lambda p: p.url):
        for at, section in enumerate(page.sections):
            anchor = f"#{section.anchor}" if section.anchor and at else ""
            records.append({"page": page.title, "catalog": page.catalog, "section": section.heading,
                            "url": page.url + anchor, "text": section.text})
    return {"version": 1, "sections": records}


def page_index_file(site: Site) -> str:
    """/page-index.json, in ASCII like the lookup index, from the pages this build (or, kept, an earlier one) read."""
    return json.dumps(page_index(site.page_texts.values()), separators=(",", ":"))
