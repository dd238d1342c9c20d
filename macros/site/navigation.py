"""The catalogs' place in the site navigation: one section per catalog, in catalog order.

A catalog the nav of mkdocs.yml lists keeps its hand-written section; a catalog it does not
list gets a section of its own (overview, error format, retry guidance, and any page written
under docs/<catalog>/). Every section then gets the catalog's tables and its other pages for
readers after its overview. The pages for the people who run the site (each catalog's health)
go to the section for the API team, TEAM_SECTION, after what mkdocs.yml lists there (the section
is added at the end when mkdocs.yml has none). Plain data in, plain data out: MkDocs reads the
result as if mkdocs.yml said it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import outputs
from ..catalog.model import Catalog

NavItem = Any
TEAM_SECTION = "For the API team"
"""The nav section, last, for the people who run the site rather than its readers."""


def generated_pages(catalog: Catalog) -> tuple[tuple[str, str], ...]:
    """The pages every catalog has, hand-written or generated, after its overview: (nav title, source path)."""
    return tuple((o.title, o.at(catalog.id)) for o in outputs.catalog_outputs(catalog) if o.nav == "pages")


def written_pages(docs_dir: Path, catalogs: Iterable[Catalog]) -> dict[str, list[str]]:
    """The hand-written pages under docs/<catalog>/ of every catalog, as source paths."""
    return {c.id: [p.relative_to(docs_dir).as_posix() for p in sorted((docs_dir / c.id).rglob("*.md"))]
            for c in catalogs}


def _target(item: NavItem) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _sources(item: NavItem) -> Iterable[str]:
    if isinstance(item, str):
        yield item
    elif isinstance(item, dict):
        for value in item.values():
            yield from _sources(value)
    elif isinstance(item, list):
        for child in item:
            yield from _sources(child)


def _section_of(catalog: Catalog, written: Iterable[str]) -> NavItem:
    """A nav section for a catalog mkdocs.yml does not list."""
    standard = {src for _, src in generated_pages(catalog)} | {outputs.OVERVIEW.at(catalog.id)}
    children: list[NavItem] = [outputs.OVERVIEW.at(catalog.id)]
    children += [{title: src} for title, src in generated_pages(catalog)]
    children += sorted(src for src in written if src not in standard)
    return {html.escape(catalog.title): children}


def _tables_and_health(catalog: Catalog) -> list[NavItem]:
    term = catalog.range_term
    heading = ("Code ranges" if term.plural == "ranges" else term.plural.capitalize()) if catalog.ranges \
        else "Error tables"
    tables = [{html.escape(g.title): outputs.GROUP_TABLE.at(catalog.id, g.id)} for g in catalog.groups]
    after = [{o.title: o.at(catalog.id)} for o in outputs.catalog_outputs(catalog) if o.nav == "after-tables"]
    return [{html.escape(heading): tables}, *after]


def _with_tables(item: NavItem, by_overview: Mapping[str, Catalog]) -> NavItem:
    if isinstance(item, dict):
        return {title: _with_tables(children, by_overview) for title, children in item.items()}
    if not isinstance(item, list):
        return item
    out: list[NavItem] = []
    for child in item:
        out.append(_with_tables(child, by_overview) if isinstance(child, dict) and _target(child) is None else child)
        catalog = by_overview.get(_target(child) or "")
        if catalog is not None:
            out.extend(_tables_and_health(catalog))
    return out


def _with_team_pages(nav: list[NavItem], catalogs: list[Catalog]) -> list[NavItem]:
    """The nav with every catalog's pages for the API team in TEAM_SECTION, one subsection per kind of page."""
    kinds = [o for o in outputs.CATALOG_PAGES if o.nav == "team"]
    pages = [{o.title: [{html.escape(c.title): o.at(c.id)} for c in catalogs if o.when(c)]} for o in kinds]
    pages = [page for page in pages if next(iter(page.values()))]
    if not pages:
        return nav
    at = _team_section(nav, None)
    if at is None:
        return [*nav, {TEAM_SECTION: pages}]
    return [*nav[:at], {TEAM_SECTION: [*nav[at][TEAM_SECTION], *pages]}, *nav[at + 1:]]


def _team_section(nav: list[NavItem], default: int | None) -> int | None:
    return next((i for i, item in enumerate(nav) if isinstance(item, dict) and list(item) == [TEAM_SECTION]
                 and isinstance(item[TEAM_SECTION], list)), default)


def catalog_nav(nav: list[NavItem], catalogs: Iterable[Catalog], written: Mapping[str, Iterable[str]]) -> list[NavItem]:
    """The nav with a section for every catalog it leaves out, and every catalog's tables and health page.

    written maps a catalog id to the pages under docs/<catalog>/ (source paths).
    """
    catalogs = list(catalogs)
    by_overview = {outputs.OVERVIEW.at(c.id): c for c in catalogs}
    listed: dict[str, int] = {}
    for position, item in enumerate(nav):
        for src in _sources(item):
            if src in by_overview:
                listed.setdefault(by_overview[src].id, position)
    out = list(nav)
    order = {c.id: i for i, c in enumerate(catalogs)}
    for catalog in catalogs:
        if catalog.id in listed:
            continue
        before = [p for cid, p in listed.items() if order[cid] < order[catalog.id]]
        after = [p for cid, p in listed.items() if order[cid] > order[catalog.id]]
        at = max(before) + 1 if before else min(after) if after else _team_section(out, len(out))
        out.insert(at, _section_of(catalog, written.get(catalog.id, ())))
        listed = {cid: p + 1 if p >= at else p for cid, p in listed.items()}
        listed[catalog.id] = at
    return _with_team_pages([_with_tables(item, by_overview) for item in out], catalogs)


def head_title(title: str, catalog_title: str) -> str:
    """A page's title for the browser's tab, bookmarks and search results: with its catalog's name unless it already
    says it (`Error format — Composio`)."""
    return title if not catalog_title or catalog_title.casefold() in title.casefold() else f"{title} — {catalog_title}"
