"""What every machine output says about an entry, projected once per build: `EntryRecord`.

index.json and index.md, catalog.json and its slices, llms-full.txt, the lookup rows, the CSV,
the client constants and OpenAPI's `x-codes` read an entry's facts (its code, name, status,
retry verdict, lifecycle, group, page, fact values...) from its record, so no two of them can say it
differently. What only some outputs carry (causes, headers, examples) they read from the model
beside it. A record holds the model's own strings, so a build keeps every record at little cost.
Pure: model in, records out; no MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.model import NUMBER_KINDS, Catalog, CodeRef, ErrorEntry
from ..site import urls
from ..site.outputs import Site


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """One entry's facts, as every output states them."""

    catalog: str
    system: str
    system_title: str
    code: str
    label: str
    """The code as the catalog's files refer to it: alone in the primary system, else `<system>:<code>`."""
    value: int | str
    """The code as a client compares it: a number in a numeric system, else the text."""
    name: str | None
    anchor: str | None
    """The fragment that picks the entry on its code's page, where the page lists several."""
    page: str
    """The URL path of its code's page."""
    path: str
    """The URL path of the entry: its code's page, with the anchor where it has one."""
    url: str
    """The absolute URL of the entry, under the site's address."""
    status: int | None
    retryable: str
    severity: str | None
    lifecycle: str
    since: str | None
    replaced_by: CodeRef | None
    group: str
    group_title: str
    description: str | None
    fixes: tuple[str, ...]
    alias_names: tuple[str, ...]
    alias_codes: tuple[str, ...]
    facts: tuple[tuple[str, str], ...] = ()
    """The entry's fact values as (fact id, value), in the order the catalog declares its facts."""


def code_value(catalog: Catalog, entry: ErrorEntry) -> int | str:
    """The code as a client sees it: a number in a numeric system (when written as one), else the text."""
    numeric = catalog.system(entry.system).kind in NUMBER_KINDS
    return entry.numeric_code if numeric and entry.numeric_code is not None else entry.code


def entry_record(catalog: Catalog, entry: ErrorEntry, site_url: str | None) -> EntryRecord:
    """The record of one entry of a catalog."""
    system = catalog.system(entry.system)
    path = urls.entry_url(catalog, entry)
    life = entry.lifecycle
    return EntryRecord(
        catalog=catalog.id, system=entry.system, system_title=system.title, code=entry.code,
        label=catalog.ref_label(entry.ref), value=code_value(catalog, entry),
        name=entry.name, anchor=urls.entry_anchor(catalog, entry), page=urls.code_url(catalog, entry.ref),
        path=path, url=urls.absolute(site_url, path), status=entry.status, retryable=entry.retry.retryable,
        severity=entry.severity, lifecycle=life.state, since=life.since, replaced_by=life.replaced_by,
        group=entry.group, group_title=catalog.group(entry.group).title, description=entry.description,
        fixes=entry.fixes, alias_names=entry.alias_names, alias_codes=entry.alias_codes,
        facts=tuple(entry.facts.items()))


def entry_records(catalog: Catalog, site_url: str | None) -> tuple[EntryRecord, ...]:
    """The records of a catalog's entries, in the order of `catalog.entries`."""
    return tuple(entry_record(catalog, entry, site_url) for entry in catalog.entries)


def of_site(site: Site, catalog: Catalog) -> tuple[EntryRecord, ...]:
    """The records of a catalog's entries, made once per build and shared by every output."""
    made: tuple[EntryRecord, ...] = site.once("entry records", catalog,
                                              lambda: entry_records(catalog, site.site_url))
    return made


def by_code(site: Site, catalog: Catalog) -> dict[CodeRef, list[EntryRecord]]:
    """The records of a catalog's entries by code (a code listed twice has two), made once per build."""
    def group() -> dict[CodeRef, list[EntryRecord]]:
        out: dict[CodeRef, list[EntryRecord]] = {}
        for record, entry in zip(of_site(site, catalog), catalog.entries, strict=True):
            out.setdefault(entry.ref, []).append(record)
        return out

    made: dict[CodeRef, list[EntryRecord]] = site.once("entry records by code", catalog, group)
    return made
