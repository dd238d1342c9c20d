"""catalog.json: every catalog with its code systems, groups, ranges and releases, and every entry in full.

The deep-link contract of version 1 (catalog, system, kind, code, name, status, retryable,
lifecycle, path, url) is kept as it was; everything a code page's index.json says about an entry
is added beside it. Published with its JSON Schema (/catalog.schema.json); each catalog also gets
its own slice (/<catalog>/catalog.json). Written one entry per line, so that 50,000 entries
never sit in memory as one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..catalog.codesets import CodeSet
from ..catalog.model import Catalog, ErrorEntry, ErrorMessage, Retry
from ..site import outputs, page_inputs, urls
from ..site.outputs import Site
from ..site.redirects import Redirect
from . import twins
from .records import EntryRecord, entry_record, entry_records, of_site

SCHEMA_SOURCE = Path(__file__).parents[1] / "schema" / "catalog-json.schema.json"
ENTRY_DETAILS = ("anchor", "aliases", "severity", "group", "description", "facts", "scope", "causes", "fixes", "retry",
                 "headers", "fields", "example", "moved_from", "see_also", "not_confused_with")


def _base(base: str) -> str:
    return "/" + base.strip("/") + "/" if base.strip("/") else "/"


def _label(span: CodeSet | None) -> str | None:
    return None if span is None else span.label


def _retry(retry: Retry) -> dict[str, Any]:
    return {"retryable": retry.retryable, "how": list(retry.how), "note": retry.note}


def catalog_record(catalog: Catalog, base: str = "/") -> dict[str, Any]:
    """A catalog without its entries: systems, ranges, groups, statuses, envelope and releases."""
    base = _base(base)
    envelope = catalog.envelope
    return {
        "id": catalog.id, "title": catalog.title, "summary": catalog.summary,
        "path": base + outputs.OVERVIEW.site_path(catalog.id),
        "source": {"title": catalog.source_title, "url": catalog.source_url} if catalog.source_title else None,
        "range_term": {"singular": catalog.range_term.singular, "plural": catalog.range_term.plural},
        "systems": [{"id": s.id, "title": s.title, "kind": s.kind, "primary": s.primary, "description": s.description,
                     "path_template": base + urls.code_path_template(catalog, s.id)} for s in catalog.systems],
        "ranges": [{"span": r.span.label, "name": r.name, "group": r.group} for r in catalog.ranges],
        "groups": [{"id": g.id, "title": g.title, "system": g.system, "span": _label(g.span),
                    "description": g.description, "entries": len(g.entries), "messages": len(g.messages),
                    "path": base + outputs.GROUP_TABLE.site_path(catalog.id, g.id)} for g in catalog.groups],
        "statuses": [{"status": p.status, "title": p.title, "retry": _retry(p.retry)}
                     for p in catalog.statuses.values()],
        "envelope": None if envelope is None else {
            "description": envelope.description, "example": envelope.example,
            "fields": [{"name": f.name, "type": f.type, "description": f.description, "optional": f.optional}
                       for f in envelope.fields]},
        "releases": [{"version": r.version, "date": r.date, "summary": r.summary} for r in catalog.releases],
        "facts": twins.fact_declarations(catalog),
    }


def _lifecycle_paths(catalog: Catalog, entry: ErrorEntry, record: EntryRecord, base: str) -> dict[str, Any]:
    def path(ref: Any) -> str | None:
        return None if ref is None else base + urls.code_url(catalog, ref).lstrip("/")

    life = entry.lifecycle
    deprecated, removed = life.deprecated, life.removed
    return {
        "since": record.since,
        "deprecated": None if deprecated is None else {
            "version": deprecated.version, "reason": deprecated.reason, "use_instead": path(deprecated.use_instead)},
        "removed": None if removed is None else {
            "version": removed.version, "note": removed.note, "replaced_by": path(removed.replaced_by)},
    }


def entry_item(catalog: Catalog, entry: ErrorEntry, base: str = "/", site_url: str | None = None,
               record: EntryRecord | None = None) -> dict[str, Any]:
    """One entry: the deep-link fields from its record (macros/exports/records.py), then what its page says."""
    base = _base(base)
    record = record or entry_record(catalog, entry, site_url)
    details = twins.entry_json(catalog, entry, site_url, catalog.entries_for(entry.ref),
                               catalog.messages_for(entry.ref), record)
    return {
        "catalog": record.catalog, "system": record.system, "kind": "code", "code": record.code, "name": record.name,
        "status": record.status, "retryable": record.retryable, "lifecycle": record.lifecycle,
        **_lifecycle_paths(catalog, entry, record, base),
        "path": base + record.page.lstrip("/"),
        "url": base + record.path.lstrip("/"),
        **{key: details[key] for key in ENTRY_DETAILS},
        "changed": details["lifecycle"]["changed"],
        "twins": twins.twin_urls(catalog, entry.ref, site_url),
    }


def message_item(catalog: Catalog, message: ErrorMessage, base: str = "/") -> dict[str, Any]:
    """One exact message string: the deep-link fields of its code, its text, cause and fixes."""
    base = _base(base)
    owner = catalog.entries_for(message.ref)[0]
    return {
        "catalog": catalog.id, "system": message.system, "kind": "message", "code": message.code,
        "name": owner.name, "status": owner.status, "retryable": owner.retry.retryable, "message": message.text,
        "lifecycle": "removed" if message.removed else "active",
        "removed": None if message.removed is None else {"version": message.removed.version,
                                                          "note": message.removed.note},
        "path": base + urls.code_url(catalog, message.ref).lstrip("/"),
        "url": base + urls.message_url(catalog, message).lstrip("/"),
        "anchor": message.anchor, "cause": message.cause, "fixes": list(message.fixes),
        "placeholders": dict(message.declared_placeholders),
        "placeholder_limits": {name: limit.fields() for name, limit in message.placeholder_limits.items()},
        "translations": dict(message.translations),
    }


def items(catalog: Catalog, base: str = "/", site_url: str | None = None,
          records: Iterable[EntryRecord] | None = None) -> Iterator[dict[str, Any]]:
    """Every entry of a catalog, then every message string."""
    for entry, record in zip(catalog.entries, records or entry_records(catalog, site_url), strict=True):
        yield entry_item(catalog, entry, base, site_url, record)
    for message in catalog.messages:
        yield message_item(catalog, message, base)


def _redirects(redirects: Iterable[Redirect], base: str) -> list[dict[str, str]]:
    return [{"from": base + r.source, "to": base + r.target_url.lstrip("/"), "why": r.why} for r in redirects]


def catalog_index(catalogs: Iterable[Catalog], base: str = "/", redirects: Iterable[Redirect] = (),
                  site_url: str | None = None) -> dict[str, Any]:
    """catalog.json as one document (what `write` streams)."""
    catalogs = tuple(catalogs)
    base = _base(base)
    return {"version": 1, "schema": base + outputs.CATALOG_SCHEMA.path,
            "catalogs": [catalog_record(c, base) for c in catalogs],
            "entries": [item for c in catalogs for item in items(c, base, site_url)],
            "redirects": _redirects(redirects, base)}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _document(site: Site, chosen: Iterable[Catalog], redirects: list[dict[str, str]]) -> Iterator[str]:
    base = site.base
    yield f'{{"version":1,"schema":{_dump(base + outputs.CATALOG_SCHEMA.path)},\n"catalogs":[\n'
    yield ",\n".join(_dump(catalog_record(c, base)) for c in chosen)
    yield '\n],\n"entries":['
    separator = "\n"
    for catalog in chosen:
        for line in _entry_lines(site, catalog):
            yield separator + line
            separator = ",\n"
    yield f'\n],\n"redirects":{_dump(redirects)}}}\n'


def _entry_lines(site: Site, catalog: Catalog) -> list[str]:
    """The catalog's entries and messages as JSON lines, made once for its slice and for the whole catalog.json (and,
    under `make serve`, kept for the next build while what they read is the same: macros/site/page_inputs.py)."""
    def make() -> list[str]:
        base, site_url = site.base, site.site_url
        inputs = page_inputs.of_site(site, catalog)
        lines = []
        for entry, record in zip(catalog.entries, of_site(site, catalog), strict=True):
            key = ("catalog.json entry", base, inputs.code_page(entry.ref, (), site_url),
                   str(catalog.entries_for(entry.ref).index(entry)))
            lines.append(site.piece(key, lambda e=entry, r=record: _dump(entry_item(catalog, e, base, site_url, r))))
        for message in catalog.messages:
            key = ("catalog.json message", base, inputs.code_page(message.ref, (), site_url),
                   str(catalog.messages_for(message.ref).index(message)))
            lines.append(site.piece(key, lambda m=message: _dump(message_item(catalog, m, base))))
        return lines

    return site.once("catalog.json lines", catalog, make)


def index_file(site: Site) -> Iterator[str]:
    """/catalog.json, one entry per line; each catalog's lines are dropped once written (the slices came first)."""
    yield from _document(site, site.catalogs, _redirects(site.redirects, site.base))
    for catalog in site.catalogs:
        site.forget("catalog.json lines", catalog)


def slice_file(site: Site, catalog: Catalog) -> Iterator[str]:
    """/<catalog>/catalog.json: the catalog's slice of catalog.json, with the redirects under its folder."""
    base = site.base
    prefix = base + catalog.id + "/"
    return _document(site, (catalog,), [r for r in _redirects(site.redirects, base) if r["from"].startswith(prefix)])


def schema_file(site: Site) -> str:
    """/catalog.schema.json, as the package holds it."""
    return SCHEMA_SOURCE.read_text(encoding="utf-8")
