"""The generated pages (a code, a group's table, a catalog's health) as HTML, straight from the model.

Pure functions, no MkDocs: model in, `PageContent` out (title, description, HTML, headings for
the table of contents, every anchor on the page). The templates in templates/html/ are
autoescaped, so catalog text can only ever be text; `inline` shows `backticks` as code.
Examples are highlighted by Pygments directly.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown.extensions.toc import slugify, unique
from markupsafe import Markup, escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

from . import outputs, urls
from ..exports import twins
from .changelog import changelog
from ..catalog.codesets import CodeSet, Prefix, Span
from .examples import example_for, example_message, example_text, problem_details
from ..catalog.lifecycle import OldAddress
from ..catalog.model import Catalog, CodeRef, ErrorEntry, Fact, Group, Retry
from ..lint.coverage import prose_coverage
from .markup import inline, literal, plain
from .page_links import Links
from .redirects import Redirect
from .vocabulary import HOW_LABELS, LIFECYCLE_LABELS, RETRYABLE_LABELS, SEVERITY_LABELS, how_sentence, language_name

if TYPE_CHECKING:
    from ..lint import Finding, Health

PROSE_COVERAGE_ANCHOR = "prose-coverage"
_TAGS = re.compile(r"<[^>]+>")
_MARK = "\ue001"
_BLOCK_MARK = re.compile(f"{_MARK}([0-9]+){_MARK}")


@dataclass(frozen=True)
class Heading:
    """A heading of a page: its level (1 to 6), its id and its text (HTML without tags, as in the table of contents)."""

    level: int
    id: str
    title: str


@dataclass(frozen=True)
class PageContent:
    """A generated page: its title, description, HTML, table of contents and every id it has.

    Code blocks stand in the HTML as markers until `html()` puts them in, highlighted for the
    page or as plain text for the search index (which reads only their text).
    """

    title: str
    description: str
    body: str
    headings: tuple[Heading, ...]
    anchors: frozenset[str]
    blocks: tuple[tuple[str, str], ...] = ()

    def html(self, highlighted: bool = True) -> str:
        """The page's HTML, code blocks highlighted or not."""
        if not self.blocks:
            return self.body
        parts = _BLOCK_MARK.split(self.body)
        parts[1::2] = [code_block(*self.blocks[int(i)], highlighted=highlighted) for i in parts[1::2]]
        return "".join(parts)

    def toc_tokens(self) -> list[dict[str, Any]]:
        """The headings nested by level, in the shape Python-Markdown's toc extension gives (MkDocs' get_toc)."""
        root: list[dict[str, Any]] = []
        stack: list[tuple[int, list[dict[str, Any]]]] = [(0, root)]
        for heading in self.headings:
            token = {"level": heading.level, "id": heading.id, "name": heading.title, "children": []}
            while stack[-1][0] >= heading.level:
                stack.pop()
            stack[-1][1].append(token)
            stack.append((heading.level, token["children"]))
        return root


@cache
def _slug(title: str) -> str:
    return slugify(_TAGS.sub("", title), "-")


class _Headings:
    """Hands out heading ids the way Python-Markdown's toc extension does, and records the headings."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.used = set(reserved)
        self.headings: list[Heading] = []

    def __call__(self, level: int, content: object, anchor: str | None = None) -> Markup:
        title = str(content if isinstance(content, Markup) else inline(content))
        anchor = unique(_slug(title), self.used) if anchor is None else anchor
        self.used.add(anchor)
        self.headings.append(Heading(level, anchor, _TAGS.sub("", title)))
        return Markup(f'<h{level} id="{anchor}">{title}<a class="headerlink" href="#{anchor}" '
                      f'title="Permanent link">&para;</a></h{level}>')


def retry_summary(retry: Retry) -> Markup:
    """`<strong>Yes</strong>: Retry with backoff.`"""
    how = how_sentence(retry.how)
    return Markup("<strong>%s</strong>: ") % RETRYABLE_LABELS[retry.retryable] + inline(how[0].upper() + how[1:] + ".")


def status_label(catalog: Catalog, status: int | None) -> str:
    """`404 Not Found`, or a dash when there is no status."""
    if status is None:
        return "—"
    policy = catalog.statuses.get(status)
    return f"{status} {policy.title}" if policy else str(status)


def release_label(catalog: Catalog, version: str) -> str:
    """`2.0 (2025-03-01)`: a release with its date."""
    release = catalog.release(version)
    return f"{version} ({release.date})" if release else version


def old_address(catalog: Catalog, entry: ErrorEntry, old: OldAddress) -> Markup:
    """Where an entry was published before, as the catalogs name it: `1806`, `sdk:E42`, `other/7`."""
    if old.catalog not in (None, catalog.id):
        return literal(f"{old.catalog}/{old.system}:{old.code}" if old.system else f"{old.catalog}/{old.code}")
    system = old.system or entry.system
    return literal(old.code if system == entry.system else f"{system}:{old.code}")


def span_kind(span: CodeSet) -> str:
    """What a group's published code set is called: span (1800-1899), prefix (22) or pattern (18xx)."""
    return "span" if isinstance(span, Span) else "prefix" if isinstance(span, Prefix) else "pattern"


@cache
def _lexer(language: str) -> Lexer:
    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return TextLexer()


@cache
def _formatter() -> HtmlFormatter:
    return HtmlFormatter(nowrap=True)


def code_block(source: str, language: str, highlighted: bool = True) -> Markup:
    """A code block as Material styles it; without highlighting for the search index, which reads only its text."""
    if highlighted:
        body = Markup(highlight(source, _lexer(language), _formatter()))
    else:
        body = escape(source + "\n")
    return Markup('<div class="highlight"><pre><span></span><code>%s</code></pre></div>') % body


def _finalize(value: object) -> object:
    if isinstance(value, Markup | int):
        return value
    if value is None:
        return ""
    return inline(value)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates/html"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(literal=literal, retry_summary=retry_summary)
    env.globals.update(RETRYABLE=RETRYABLE_LABELS, LIFECYCLE=LIFECYCLE_LABELS,
                       SEVERITY=SEVERITY_LABELS, span_kind=span_kind, status_label=status_label,
                       example_for=example_for, example_message=example_message, literal=literal,
                       release=release_label, old_address=old_address, language_name=language_name)
    return env


def page_content(template: str, meta: tuple[str, str], reserved: Iterable[str], **context: Any) -> PageContent:
    """Render a page template; meta is the page's title and description."""
    headings = _Headings(reserved)
    blocks: list[tuple[str, str]] = []

    def code(source: str, language: str) -> Markup:
        blocks.append((source, language))
        return Markup(f"{_MARK}{len(blocks) - 1}{_MARK}")

    body = _environment().get_template(template).render(h=headings, code=code, **context)
    return PageContent(plain(meta[0]), plain(meta[1]), body, tuple(headings.headings), frozenset(headings.used),
                       tuple(blocks))


def changes_page_meta(catalog: Catalog) -> tuple[str, str]:
    """A changes page's title and description."""
    return (plain(f"Changes — {catalog.title}"),
            plain(f"What each release of the {catalog.title} catalog added, deprecated, removed and changed."))


def changes_page(catalog: Catalog) -> PageContent:
    """The changes of every release of a catalog, newest first, with links to the feed and the data."""
    src = outputs.CHANGES.at(catalog.id)
    links = Links(catalog, src)

    def code_link(entry: ErrorEntry) -> Markup:
        return Markup('<a href="%s">%s</a>') % (links.entry(entry), literal(catalog.ref_label(entry.ref))) + (
            Markup(" ") + inline(entry.name) if entry.name else Markup(""))

    former = [urls.release_anchor(old) for release in catalog.releases for old in release.formerly]
    return page_content("changes_page.html.j2", changes_page_meta(catalog), former, catalog=catalog,
                 releases=changelog(catalog), links=links, code_link=code_link, release_anchor=urls.release_anchor,
                 feed=posixpath.relpath(outputs.CHANGES_FEED.at(catalog.id), urls.site_path(src)),
                 data=posixpath.relpath(outputs.CHANGES_JSON.at(catalog.id), urls.site_path(src)))


def redirect_page(redirect: Redirect, site_url: str | None) -> str:
    """The static page at an old URL: canonical link, meta refresh, and a script that keeps (or maps) the #fragment."""
    def relative_to_source(address: str) -> str:
        path, _, fragment = address.partition("#")
        return posixpath.relpath(path or ".", redirect.source or ".") + "/" + (f"#{fragment}" if fragment else "")

    target = relative_to_source(redirect.target)
    landing = f"#{redirect.target_fragment}" if redirect.target_fragment else ""
    base = site_url.rstrip("/") + "/" if site_url else None
    return _environment().get_template("redirect.html.j2").render(
        target=target, href=target + landing, landing=landing, target_url=redirect.target_url,
        fragments={old: relative_to_source(new) for old, new in redirect.fragments.items()},
        canonical=(base + redirect.target + landing) if base else target + landing)


def code_heading(catalog: Catalog, ref: CodeRef) -> str:
    """A code page's heading: `<code> <names>`."""
    names = [e.name for e in catalog.entries_for(ref) if e.name]
    return f"{ref.code} {' / '.join(dict.fromkeys(names))}" if names else ref.code


def code_page_meta(catalog: Catalog, ref: CodeRef) -> tuple[str, str]:
    """A code page's title, which names its catalog (`Composio error 1806 ConnectedAccountGone`: a tab or a bookmark
    of `404 Not Found` alone reads like a broken link), and its description."""
    entries = catalog.entries_for(ref)
    description = (entries[0].description or entries[0].example_message or f"{catalog.title} error {ref.code}") \
        if len(entries) == 1 else f"Code {ref.code} is listed {len(entries)} times in the {catalog.title} catalog."
    return plain(f"{catalog.title} error {code_heading(catalog, ref)}"), plain(description)


def table_page_meta(catalog: Catalog, group: Group) -> tuple[str, str]:
    """A table page's title and description."""
    return (plain(f"{group.title} — {catalog.title}"),
            plain(f"Every {catalog.title} error in {group.title}, with status and retry guidance."))


def health_page_meta(catalog: Catalog) -> tuple[str, str]:
    """A health page's title and description."""
    return (plain(f"Catalog health — {catalog.title}"),
            plain(f"Every inconsistency the catalog lint finds in the {catalog.title} catalog."))


def code_page(catalog: Catalog, ref: CodeRef, findings: Iterable[Finding] = (),
              site_url: str | None = None) -> PageContent:
    """The page of one code: every entry listed under it, its messages, and the lint's notices about it (site_url
    makes the problem type of RFC 9457 examples absolute)."""
    entries = catalog.entries_for(ref)
    messages = catalog.messages_for(ref)
    links = Links(catalog, urls.code_src(catalog, ref))

    def example(entry: ErrorEntry) -> tuple[str, str]:
        system = catalog.system(entry.system)
        assert system.example is not None
        return example_text(catalog, entry, example_message(entry, entries, messages)), system.example.format

    def problem(entry: ErrorEntry) -> str:
        found = problem_details(catalog, entry, example_message(entry, entries, messages),
                                urls.absolute(site_url, urls.entry_url(catalog, entry)))
        return json.dumps(found, indent=2, ensure_ascii=False)

    departed = catalog.departures.get(ref, ())
    reserved = [e.anchor for e in entries if len(entries) > 1] + [m.anchor for m in messages] + [a for a, _ in departed]
    return page_content(
        "code_page.html.j2", code_page_meta(catalog, ref), reserved, title=code_heading(catalog, ref), catalog=catalog,
        ref=ref, entries=entries, departed=departed, twin_markdown=twins.MARKDOWN_NAME, twin_json=twins.JSON_NAME,
        messages=messages, system=catalog.system(ref.system), links=links, example=example, problem=problem,
        related=lambda r: _related(catalog, links, r),
        release_link=lambda v: Markup('<a href="%s">%s</a>') % (links.release(v), release_label(catalog, v)),
        notices=[f for f in findings if f.notice and not (f.check == "duplicate-code" and len(entries) > 1)])


def _related(catalog: Catalog, links: Links, ref: CodeRef) -> Markup:
    entries = catalog.entries_for(ref)
    names = " / ".join(dict.fromkeys(e.name for e in entries if e.name))
    out = Markup('<a href="%s">%s</a>') % (links.code(ref), literal(catalog.ref_label(ref)))
    if names:
        out += Markup(" ") + inline(names)
    if entries and entries[0].description:
        out += Markup(": ") + inline(entries[0].description)
    return out


def table_page(catalog: Catalog, group: Group, moved: Iterable[tuple[str, ErrorEntry]] = ()) -> PageContent:
    """The table page of one group: its entries and message strings, each row with its anchor, and a line at the anchor
    of each published row that `moved` to another group's table, leading there."""
    moved = tuple(moved)
    reserved = [e.anchor for e in group.entries] + [m.anchor for m in group.messages] + [a for a, _ in moved]
    return page_content("table_page.html.j2", table_page_meta(catalog, group), reserved, catalog=catalog, group=group,
                 moved=moved, column_facts=[f for f in catalog.facts if f.column and any(f.id in e.facts
                                                                                      for e in group.entries)],
                 links=Links(catalog, outputs.GROUP_TABLE.at(catalog.id, group.id)),
                 declared=[r for r in catalog.ranges if r.group == group.id])


def health_page(catalog: Catalog, health: Health) -> PageContent:
    """The page listing every lint finding of a catalog, grouped by check."""
    links = Links(catalog, outputs.HEALTH.at(catalog.id))

    def row(ref: CodeRef) -> Markup | None:
        entries = catalog.entries_for(ref)
        return links.group(entries[0].group, entries[0].anchor) if len(entries) == 1 else None

    by_check = health.by_check()
    return page_content("health_page.html.j2", health_page_meta(catalog),
                        [check.id for check, _ in by_check] + [PROSE_COVERAGE_ANCHOR],
                        catalog=catalog, health=health, by_check=by_check, links=links, row=row,
                        coverage=prose_coverage(catalog), coverage_anchor=PROSE_COVERAGE_ANCHOR)
