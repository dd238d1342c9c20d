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
from typing import Any, TextIO

from . import twins, urls
from .codesets import CodeSet
from .model import Catalog, ErrorEntry, ErrorMessage, Retry
from .redirects import Redirect

INDEX_FILE = "catalog.json"
SCHEMA_FILE = "catalog.schema.json"
SCHEMA_SOURCE = Path(__file__).parent / "schema" / "catalog-json.schema.json"
ENTRY_DETAILS = ("anchor", "aliases", "severity", "group", "description", "scope", "causes", "fixes", "retry",
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
        "path": base + urls.site_path(urls.overview_src(catalog.id)),
        "source": {"title": catalog.source_title, "url": catalog.source_url} if catalog.source_title else None,
        "range_term": {"singular": catalog.range_term.singular, "plural": catalog.range_term.plural},
        "systems": [{"id": s.id, "title": s.title, "kind": s.kind, "primary": s.primary, "description": s.description,
                     "path_template": base + urls.code_path_template(catalog, s.id)} for s in catalog.systems],
        "ranges": [{"span": r.span.label, "name": r.name, "group": r.group} for r in catalog.ranges],
        "groups": [{"id": g.id, "title": g.title, "system": g.system, "span": _label(g.span),
                    "description": g.description, "entries": len(g.entries), "messages": len(g.messages),
                    "path": base + urls.site_path(urls.group_src(catalog.id, g.id))} for g in catalog.groups],
        "statuses": [{"status": p.status, "title": p.title, "retry": _retry(p.retry)}
                     for p in catalog.statuses.values()],
        "envelope": None if envelope is None else {
            "description": envelope.description, "example": envelope.example,
            "fields": [{"name": f.name, "type": f.type, "description": f.description, "optional": f.optional}
                       for f in envelope.fields]},
        "releases": [{"version": r.version, "date": r.date, "summary": r.summary} for r in catalog.releases],
    }


def _lifecycle_paths(catalog: Catalog, entry: ErrorEntry, base: str) -> dict[str, Any]:
    def path(ref: Any) -> str | None:
        return None if ref is None else base + urls.code_url(catalog, ref).lstrip("/")

    life = entry.lifecycle
    deprecated, removed = life.deprecated, life.removed
    return {
        "since": life.since,
        "deprecated": None if deprecated is None else {
            "version": deprecated.version, "reason": deprecated.reason, "use_instead": path(deprecated.use_instead)},
        "removed": None if removed is None else {
            "version": removed.version, "note": removed.note, "replaced_by": path(removed.replaced_by)},
    }


def entry_item(catalog: Catalog, entry: ErrorEntry, base: str = "/", site_url: str | None = None) -> dict[str, Any]:
    """One entry: the deep-link fields, then everything its code page says about it."""
    base = _base(base)
    record = twins.entry_record(catalog, entry, site_url, catalog.entries_for(entry.ref),
                                catalog.messages_for(entry.ref))
    return {
        "catalog": catalog.id, "system": entry.system, "kind": "code", "code": entry.code, "name": entry.name,
        "status": entry.status, "retryable": entry.retry.retryable, "lifecycle": entry.lifecycle.state,
        **_lifecycle_paths(catalog, entry, base),
        "path": base + urls.code_url(catalog, entry.ref).lstrip("/"),
        "url": base + urls.entry_url(catalog, entry).lstrip("/"),
        **{key: record[key] for key in ENTRY_DETAILS},
        "changed": record["lifecycle"]["changed"],
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
    }


def items(catalog: Catalog, base: str = "/", site_url: str | None = None) -> Iterator[dict[str, Any]]:
    """Every entry of a catalog, then every message string."""
    for entry in catalog.entries:
        yield entry_item(catalog, entry, base, site_url)
    for message in catalog.messages:
        yield message_item(catalog, message, base)


def _redirects(redirects: Iterable[Redirect], base: str) -> list[dict[str, str]]:
    return [{"from": base + r.source, "to": base + r.target_url.lstrip("/"), "why": r.why} for r in redirects]


def catalog_index(catalogs: Iterable[Catalog], base: str = "/", redirects: Iterable[Redirect] = (),
                  site_url: str | None = None) -> dict[str, Any]:
    """catalog.json as one document (what `write` streams)."""
    catalogs = tuple(catalogs)
    base = _base(base)
    return {"version": 1, "schema": base + SCHEMA_FILE, "catalogs": [catalog_record(c, base) for c in catalogs],
            "entries": [item for c in catalogs for item in items(c, base, site_url)],
            "redirects": _redirects(redirects, base)}


def write(site_dir: Path, catalogs: Iterable[Catalog], base: str = "/", redirects: Iterable[Redirect] = (),
          site_url: str | None = None) -> None:
    """Write /catalog.json, every /<catalog>/catalog.json slice and /catalog.schema.json, one entry per line."""
    catalogs = tuple(catalogs)
    base = _base(base)
    redirects = tuple(redirects)

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def head(out: TextIO, chosen: Iterable[Catalog]) -> None:
        out.write(f'{{"version":1,"schema":{dump(base + SCHEMA_FILE)},\n"catalogs":[\n')
        out.write(",\n".join(dump(catalog_record(c, base)) for c in chosen))
        out.write('\n],\n"entries":[')

    def tail(out: TextIO, moved: list[dict[str, str]]) -> None:
        out.write(f'\n],\n"redirects":{dump(moved)}}}\n')

    (site_dir / SCHEMA_FILE).write_text(SCHEMA_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    with (site_dir / INDEX_FILE).open("w", encoding="utf-8") as whole:
        head(whole, catalogs)
        first = True
        for catalog in catalogs:
            slice_path = site_dir / urls.catalog_slice_path(catalog.id)
            slice_path.parent.mkdir(parents=True, exist_ok=True)
            prefix = base + catalog.id + "/"
            with slice_path.open("w", encoding="utf-8") as part:
                head(part, (catalog,))
                for n, item in enumerate(items(catalog, base, site_url)):
                    line = dump(item)
                    whole.write(("\n" if first else ",\n") + line)
                    part.write(("\n" if n == 0 else ",\n") + line)
                    first = False
                tail(part, [r for r in _redirects(redirects, base) if r["from"].startswith(prefix)])
        tail(whole, _redirects(redirects, base))
