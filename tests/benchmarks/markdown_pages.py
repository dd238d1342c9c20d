"""The generated pages written as Markdown, for the build benchmark's baseline (plain Material).

Until the build rendered these pages as HTML straight from the model (macros/site/html_pages.py), it wrote
them in this Markdown and ran them through Python-Markdown; the site built either way has the
same headings, anchors, links, table rows and search entries. The baseline builds this
Markdown with plain Material: what a team gets that writes the same pages by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros.catalog.model import Catalog, CodeRef, Group
from macros.lint import Finding, Health
from macros.site import downloads, outputs, urls
from macros.site import markdown_pages as site_markdown
from macros.site.changelog import changelog
from macros.site.examples import example_for, example_message, example_text
from macros.site.vocabulary import HOW_LABELS, LIFECYCLE_LABELS, RETRYABLE_LABELS, SEVERITY_LABELS

TEMPLATES = Path(__file__).parent / "markdown_templates"


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=_finalize)
    env.filters.update(text=site_markdown.text, literal=site_markdown.literal, fenced=site_markdown.fenced,
                       retry_summary=site_markdown.retry_summary)
    env.globals.update(RETRYABLE=RETRYABLE_LABELS, HOW=HOW_LABELS, LIFECYCLE=LIFECYCLE_LABELS,
                       SEVERITY=SEVERITY_LABELS, span_kind=site_markdown.span_kind, example_for=example_for,
                       example_text=example_text, example_message=example_message,
                       status_label=site_markdown.status_label, front_matter=site_markdown.front_matter,
                       Markup=Markup, literal=site_markdown.literal, text=site_markdown.text)
    return env


def _finalize(value: object) -> object:
    if isinstance(value, Markup | int):
        return value
    return "" if value is None else site_markdown.text(value)


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def code_page(catalog: Catalog, ref: CodeRef, findings: Iterable[Finding] = ()) -> str:
    """The Markdown page of one code."""
    entries = catalog.entries_for(ref)
    src = urls.code_src(catalog, ref)
    links = site_markdown.Links(catalog, src)
    names = [e.name for e in entries if e.name]
    title = f"{ref.code} {' / '.join(dict.fromkeys(names))}" if names else ref.code

    def related(other: CodeRef) -> Markup:
        found = catalog.entries_for(other)
        label = site_markdown.literal(catalog.ref_label(other))
        out = Markup(f"[{label}]({links.code(other)})")
        names = " / ".join(dict.fromkeys(e.name for e in found if e.name))
        if names:
            out += Markup(" ") + site_markdown.text(names)
        if found:
            out += Markup(": ") + site_markdown.text(found[0].description)
        return out

    return _render("code_page.md.j2", catalog=catalog, ref=ref, links=links, title=title, entries=entries,
                   messages=catalog.messages_for(ref), system=catalog.system(ref.system), related=related,
                   notices=[f for f in findings if f.notice and not (f.check == "duplicate-code" and len(entries) > 1)])


def table_page(catalog: Catalog, group: Group) -> str:
    """The Markdown table page of one group."""
    return _render("group_page.md.j2", catalog=catalog, group=group,
                   links=site_markdown.Links(catalog, outputs.GROUP_TABLE.at(catalog.id, group.id)),
                   declared=[r for r in catalog.ranges if r.group == group.id])


def health_page(catalog: Catalog, health: Health) -> str:
    """The Markdown page of a catalog's findings."""
    links = site_markdown.Links(catalog, outputs.HEALTH.at(catalog.id))

    def row(ref: CodeRef) -> str | None:
        entries = catalog.entries_for(ref)
        return links.group(entries[0].group, entries[0].anchor) if len(entries) == 1 else None

    return _render("health_page.md.j2", catalog=catalog, health=health, links=links, label=catalog.ref_label, row=row)


def changes_page(catalog: Catalog) -> str:
    """The Markdown page of a catalog's releases."""
    return _render("changes_page.md.j2", catalog=catalog, releases=changelog(catalog),
                   links=site_markdown.Links(catalog, outputs.CHANGES.at(catalog.id)),
                   release_anchor=urls.release_anchor)


def downloads_page(catalog: Catalog) -> str:
    """The Markdown page of a catalog's files for programs, with the same three examples."""
    example = downloads.sample(catalog)
    return _render("downloads_page.md.j2", catalog=catalog, title=downloads.downloads_page_meta(catalog)[0],
                   python=downloads.python_example(example), typescript=downloads.typescript_example(example),
                   openapi=downloads.openapi_example(catalog, None, example.status))
