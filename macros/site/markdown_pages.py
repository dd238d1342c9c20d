"""Pure renderers: catalog in, Markdown out. No MkDocs, no YAML."""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import outputs, urls
from ..catalog.codesets import CodeSet, Prefix, Span
from .examples import example_for, example_message, example_response, example_text
from ..catalog.model import Catalog, CodeRef, CodeSystem, ErrorEntry, Retry
from .page_links import CatalogLinks
from .paste_guide import paste_kinds
from .vocabulary import HOW_LABELS, LIFECYCLE_LABELS, RETRYABLE_LABELS, SEVERITY_LABELS, how_sentence

_ESCAPE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]<>&|!~^="})
_LINE_START = re.compile(r"^(?:[#>+:=.-]|\d+[.)])")
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")



def text(value: object) -> Markup:
    """Catalog text as inert Markdown: every markup character escaped, `backticks` as code."""
    raw = " ".join(str(value).split())
    parts = raw.split("`")
    if len(parts) % 2 == 0:
        parts = [raw]
    out = "".join(
        f"<code>{part.translate(_ESCAPE)}</code>" if i % 2 else part.translate(_ESCAPE)
        for i, part in enumerate(parts)
    )
    if _LINE_START.match(out):
        out = f"&#{ord(out[0])};{out[1:]}"
    return Markup(out)


def literal(value: object) -> Markup:
    """A literal string (a message, a code) shown as code, escaped; a line break shows as a space."""
    flat = _LINE_BREAK.sub(" ", str(value))  # inline code cannot break a line; a break would end a table row
    return Markup(f"<code>{flat.translate(_ESCAPE)}</code>")


def fenced(body: str, language: str = "") -> Markup:
    """A fenced code block whose fence no line of the body can close."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{language}\n{body}\n{fence}")


def front_matter(**values: Any) -> Markup:
    """A YAML front matter block; values are JSON-encoded, so any text is safe."""
    if isinstance(values.get("description"), str):
        values["description"] = values["description"].replace("`", "")
    for key in ("title", "description"):
        if isinstance(values.get(key), str):
            # The theme puts page.title and page.meta.description into the HTML unescaped.
            values[key] = html.escape(values[key])
    lines = ["---"]
    for key, value in values.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {json.dumps(v)}" for k, v in value.items())
        else:
            lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return Markup("\n".join(lines))


def link(from_src: str, to_src: str, anchor: str | None = None) -> Markup:
    """Relative Markdown link target from one docs/ source file to another.

    Paths and anchors are built from ids the schema restricts to URL-safe characters.
    """
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return Markup(f"{target}#{anchor}" if anchor else target)


class Links(CatalogLinks):
    """Links from a Markdown page, to the Markdown sources of its catalog's pages (MkDocs resolves them)."""

    def to(self, target_src: str, anchor: str | None = None) -> Markup:
        """The link from this page to another page's Markdown source, with a fragment."""
        return link(self.src, target_src, anchor)

    def error_format(self) -> Markup:
        """The catalog's error format page."""
        return self.to(outputs.ERROR_FORMAT.at(self.catalog.id))

    def retries(self, anchor: str | None = None) -> Markup:
        """The catalog's retry guidance page."""
        return self.to(outputs.RETRIES.at(self.catalog.id), anchor)


def retry_summary(retry: Retry) -> Markup:
    """`Yes: retry with backoff.` as inert Markdown."""
    how = how_sentence(retry.how)
    return Markup(f"**{RETRYABLE_LABELS[retry.retryable]}**: ") + text(how[0].upper() + how[1:] + ".")


def span_kind(span: CodeSet) -> str:
    """What a group's published code set is called: span (1800-1899), prefix (22) or pattern (18xx)."""
    return "span" if isinstance(span, Span) else "prefix" if isinstance(span, Prefix) else "pattern"


def status_label(catalog: Catalog, status: int | None) -> str:
    """`404 Not Found`, or a dash when there is no status."""
    if status is None:
        return "—"
    policy = catalog.statuses.get(status)
    return f"{status} {policy.title}" if policy else str(status)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(text=text, literal=literal, fenced=fenced, link=link,
                       retry_summary=retry_summary)
    env.globals.update(RETRYABLE=RETRYABLE_LABELS, how_sentence=how_sentence, LIFECYCLE=LIFECYCLE_LABELS,
                       SEVERITY=SEVERITY_LABELS, span_kind=span_kind, example_for=example_for,
                       example_text=example_text, example_message=example_message, status_label=status_label,
                       front_matter=front_matter,
                       Markup=Markup, literal=literal, text=text)
    return env


def _finalize(value: object) -> object:
    if isinstance(value, Markup) or isinstance(value, int):
        return value
    if value is None:
        return ""
    return text(value)


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def catalog_overview(catalog: Catalog, src: str) -> str:
    """Code systems, declared ranges and groups of a catalog, linked to their tables."""
    declared = [r.group or "" for r in catalog.ranges]
    one_group_per_range = (bool(declared) and sorted(declared) == sorted(g.id for g in catalog.groups)
                           and not any(g.span for g in catalog.groups))

    def code_path(system: CodeSystem) -> str:
        return urls.url(urls.code_src_template(catalog, system.id)).replace(urls.CODE_PLACEHOLDER, "<code>")

    return _render("overview.md.j2", catalog=catalog, links=Links(catalog, src),
                   one_group_per_range=one_group_per_range, code_path=code_path)


def envelope(catalog: Catalog, src: str) -> str:
    """The catalog's error format shown with real entries: its JSON envelope and each code system's own shape."""
    sample = next((e for e in catalog.entries if e.status is not None
                   and (example := example_for(catalog, e)) is not None and example.envelope), None)
    messages = catalog.messages_for(sample.ref) if sample else ()
    body = example_response(catalog, sample, messages[0].text if messages else None) if sample else ""
    own_formats = []
    for system in catalog.systems:
        if system.example is None or system.example.envelope:
            continue
        shown = [e for e in catalog.entries if e.system == system.id and example_for(catalog, e) is not None]
        entry = next((e for e in shown if e.example_message), shown[0] if shown else None)
        if entry is not None:
            message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
            own_formats.append((system, entry, example_text(catalog, entry, message)))
    return _render("envelope.md.j2", catalog=catalog, example=body, sample=sample, own_formats=own_formats,
                   links=Links(catalog, src))


def retry_exceptions(catalog: Catalog) -> list[ErrorEntry]:
    """Entries whose own retry guidance differs from the rule they would otherwise follow."""
    out = []
    for entry in catalog.entries:
        if entry.own_retry is None:
            continue
        rule = entry.inherited_retry
        if rule is None or (rule.retryable, rule.how) != (entry.own_retry.retryable, entry.own_retry.how):
            out.append(entry)
    return out


def retry_policy(catalog: Catalog, src: str) -> str:
    """The retry rules by HTTP status, by group and for the whole catalog, and the codes that are exceptions."""
    group_rules = [g for g in catalog.groups if g.retry is not None]
    return _render("retry_policy.md.j2", catalog=catalog, exceptions=retry_exceptions(catalog),
                   group_rules=group_rules, plain_statuses=bool(catalog.statuses) and not group_rules
                   and catalog.retry is None, links=Links(catalog, src), anchor=urls.status_anchor)


def codes_table(catalog: Catalog, src: str, entries: Iterable[ErrorEntry]) -> str:
    """A table of entries linked to their pages."""
    return _render("codes_table.md.j2", catalog=catalog, entries=list(entries), links=Links(catalog, src))


def codes_with_status(catalog: Catalog, src: str, status: int) -> str:
    """A table of the catalog's entries with one HTTP status."""
    return codes_table(catalog, src, (e for e in catalog.entries if e.status == status))


def system_table(catalog: Catalog, src: str, system_id: str) -> str:
    """A table of every entry of one code system."""
    return codes_table(catalog, src, (e for e in catalog.entries if e.system == system_id))


def catalog_list(catalogs: Iterable[Catalog], src: str) -> str:
    """The catalogs of the site with their size, linked to their overviews."""
    return _render("catalog_list.md.j2", catalogs=list(catalogs),
                   overview=lambda c: link(src, outputs.OVERVIEW.at(c.id)))


def latest_releases(catalogs: Iterable[Catalog], src: str) -> str:
    """Each catalog's latest release, newest first, linked to its changes page and feed."""
    rows = sorted(((c, c.releases[-1]) for c in catalogs if c.releases), key=lambda row: row[1].date, reverse=True)
    here = urls.site_path(src)
    return _render("latest_releases.md.j2", rows=rows, overview=lambda c: link(src, outputs.OVERVIEW.at(c.id)),
                   changes=lambda c, r: link(src, outputs.CHANGES.at(c.id), urls.release_anchor(r.version)),
                   feed=lambda c: Markup(posixpath.relpath(outputs.CHANGES_FEED.at(c.id), here.rstrip("/") or ".")))


def overview_page(catalog: Catalog) -> str:
    """A catalog's overview page, unless docs/ has one: its systems, groups and codes."""
    src = outputs.OVERVIEW.at(catalog.id)
    with_guidance = any(e.causes or e.fixes for e in catalog.entries)
    return _render("overview_page.md.j2", catalog=catalog, links=Links(catalog, src), with_guidance=with_guidance,
                   overview=Markup(catalog_overview(catalog, src)))


def error_format_page(catalog: Catalog) -> str:
    """A catalog's error format page, unless docs/ has one."""
    return _render("error_format_page.md.j2", catalog=catalog,
                   body=Markup(envelope(catalog, outputs.ERROR_FORMAT.at(catalog.id))))


def retry_page(catalog: Catalog) -> str:
    """A catalog's retry guidance page, unless docs/ has one."""
    return _render("retry_page.md.j2", catalog=catalog,
                   body=Markup(retry_policy(catalog, outputs.RETRIES.at(catalog.id))))


def url_scheme(catalogs: Sequence[Catalog], src: str) -> str:
    """The URL scheme as a table, each kind of URL with a real example from the catalogs present."""
    def example(pairs: Iterable[tuple[Catalog, str, str | None]]) -> tuple[str, Markup] | None:
        found = next(iter(pairs), None)
        return None if found is None else (urls.url(found[1], found[2]), link(src, found[1], found[2]))

    entries = [(c, e) for c in catalogs for e in c.entries]
    primary = ((c, urls.code_src(c, e.ref), None) for c, e in entries if c.system(e.system).primary)
    secondary = ((c, urls.code_src(c, e.ref), None) for c, e in entries if not c.system(e.system).primary)
    twice = ((c, urls.code_src(c, e.ref), urls.entry_anchor(c, e)) for c, e in entries if urls.entry_anchor(c, e))
    messages = ((c, urls.code_src(c, m.ref), m.anchor) for c in catalogs for m in c.messages)
    rows = ((c, outputs.GROUP_TABLE.at(c.id, e.group), e.anchor) for c, e in entries)
    retries = ((c, outputs.RETRIES.at(c.id), None) for c in catalogs)
    statuses = ((c, outputs.RETRIES.at(c.id), urls.status_anchor(s)) for c in catalogs for s in c.statuses)
    releases = ((c, outputs.CHANGES.at(c.id), urls.release_anchor(c.releases[-1].version)) for c in catalogs
                if c.releases)
    first = next(((c, e) for c, e in entries), None)
    lookup = None if first is None else (f"/lookup/?q={first[1].code}",
                                         Markup(link(src, "lookup.md") + f"?q={first[1].code}"))
    table = [
        ("A code of a catalog's main code system", ["/<catalog>/<code>/"], example(primary)),
        ("A code of a secondary code system", ["/<catalog>/<system>/<code>/"], example(secondary)),
        ("One entry, where a catalog lists a code more than once", ["/<catalog>/<code>/#<anchor>"], example(twice)),
        ("One exact message string", ["/<catalog>/<status>/#<message-anchor>"], example(messages)),
        ("A code's row in its range or group table", ["/<catalog>/ranges/<group>/#<code>"], example(rows)),
        ("A catalog's overview, error format and retry guidance",
         ["/<catalog>/", "/<catalog>/error-format/", "/<catalog>/retries/"], example(retries)),
        ("The retry rule of one HTTP status", ["/<catalog>/retries/#status-<status>"], example(statuses)),
        ("A catalog's releases: what each added, deprecated, removed and changed",
         ["/<catalog>/changes/#release-<version>", "/<catalog>/changes.xml (Atom)", "/<catalog>/changes.json"],
         example(releases)),
        ("Whatever the API knows: a code, a name, a message", ["/lookup/?q=<anything>"], lookup),
    ]
    return _render("url_scheme.md.j2", rows=table)


def paste_guide(catalogs: Sequence[Catalog], src: str) -> str:
    """The lookup page's table of what can be pasted, with real examples from the catalogs present."""
    return _render("paste_guide.md.j2", kinds=paste_kinds(catalogs))
