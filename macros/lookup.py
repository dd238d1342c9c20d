"""The error lookup's index: every entry, message, range and status policy, in a compact form.

The browser-side lookup (docs/javascripts/lookup-core.js) loads this once. Rows are arrays,
not objects, trailing empty columns are left out, and page paths are derived in the browser
from catalog, system and code, to keep the download small.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .model import Catalog, CodeRef
from .render import HOW_LABELS

INDEX_VERSION = 1
RETRYABLE_CODES = {"yes": "y", "no": "n", "conditional": "c"}
ENVELOPE_ROLES = {"$code": "code", "$status": "status", "$message": "message", "$name": "name"}
Path_ = list[str | int]


def envelope_paths(example: Any) -> dict[str, Path_]:
    """Where the code, status, message and name sit in a catalog's example error response."""
    found: dict[str, Path_] = {}

    def walk(node: Any, path: Path_) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, [*path, key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, [*path, i])
        elif isinstance(node, str) and node in ENVELOPE_ROLES:
            found.setdefault(ENVELOPE_ROLES[node], path)

    walk(example, [])
    return found


def _plain(text: str) -> str:
    return text.replace("`", "")


def _trimmed(row: list[Any]) -> list[Any]:
    """The row without its trailing empty optional columns (anchor, lifecycle)."""
    while row and row[-1] == "":
        row.pop()
    return row


def _catalog_record(catalog: Catalog, retry_page: str | None) -> dict[str, Any]:
    group_index = {g.id: i for i, g in enumerate(catalog.groups)}
    return {
        "id": catalog.id,
        "title": catalog.title,
        "systems": [[s.id, s.title, int(s.primary)] for s in catalog.systems],
        "envelope": envelope_paths(catalog.envelope.example),
        "statuses": [
            [p.status, p.title, RETRYABLE_CODES[p.retry.retryable],
             _plain("; ".join(HOW_LABELS[h] for h in p.retry.how)), _plain(p.retry.note or "")]
            for p in catalog.statuses.values()
        ],
        "groups": [
            [g.id, g.title, *((g.span.start, g.span.end) if g.span else (None, None))]
            for g in catalog.groups
        ],
        "ranges": [
            [r.span.start, r.span.end, r.name, group_index.get(r.group, -1) if r.group else -1]
            for r in catalog.ranges
        ],
        "retryPage": retry_page,
    }


def lookup_index(catalogs: Iterable[Catalog], retry_pages: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The lookup index of every catalog; retry_pages maps a catalog id to its retry page path."""
    retry_pages = retry_pages or {}
    records: list[dict[str, Any]] = []
    entries: list[list[Any]] = []
    messages: list[list[Any]] = []
    for catalog_index, catalog in enumerate(catalogs):
        records.append(_catalog_record(catalog, retry_pages.get(catalog.id)))
        system_index = {s.id: i for i, s in enumerate(catalog.systems)}
        group_index = {g.id: i for i, g in enumerate(catalog.groups)}
        first_row: dict[CodeRef, int] = {}
        for entry in catalog.entries:
            listed_once = len(catalog.entries_for(entry.ref)) == 1
            first_row.setdefault(entry.ref, len(entries))
            entries.append(_trimmed([
                catalog_index,
                system_index[entry.system],
                entry.code,
                entry.name or "",
                entry.status,
                RETRYABLE_CODES[entry.retry.retryable],
                _plain(entry.description),
                group_index[entry.group],
                "" if listed_once else entry.anchor,
                "" if entry.lifecycle.state == "active" else entry.lifecycle.state,
            ]))
        messages.extend([first_row[m.ref], m.text, m.anchor] for m in catalog.messages)
    return {"version": INDEX_VERSION, "catalogs": records, "entries": entries, "messages": messages}

