"""What changed in the catalogs between two versions of data/: entries, messages and releases.

Pure: two tuples of catalogs in, a list of changes out (the git side is in macros/cli/commands.py).
An entry is the same entry when its catalog, code system and code are the same (across a catalog
that changed its id), or when it names its old address in `moved_from` or its group's `formerly`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass

from ..catalog.model import Catalog, ErrorEntry, ErrorMessage
from ..site import outputs, urls

KINDS = ("release", "added", "removed", "deleted", "renamed", "moved", "changed",
         "message added", "message deleted", "message changed")
_Key = tuple[str, str, str]
_Messages = dict[tuple[str, str, str], tuple[Catalog, ErrorMessage]]


@dataclass(frozen=True)
class Change:
    """One change: its kind, the catalog, what it is about, its details, and the URL it concerns now."""

    kind: str
    catalog: str
    subject: str
    details: tuple[str, ...] = ()
    url: str | None = None


def _key(catalog_id: str, entry: ErrorEntry | ErrorMessage) -> _Key:
    return catalog_id, entry.system, entry.code


def _label(entry: ErrorEntry) -> str:
    return entry.title


def _state(entry: ErrorEntry) -> str:
    life = entry.lifecycle
    version = life.removed.version if life.removed else life.deprecated.version if life.deprecated else None
    return life.state + (f" ({version})" if version else "")


def _entries(catalogs: Iterable[Catalog], rename: Mapping[str, str]) -> dict[_Key, tuple[Catalog, ErrorEntry]]:
    out: dict[_Key, tuple[Catalog, ErrorEntry]] = {}
    for catalog in catalogs:
        for entry in catalog.entries:
            out.setdefault((rename.get(catalog.id, catalog.id), entry.system, entry.code), (catalog, entry))
    return out


def _old_keys(catalogs: Sequence[Catalog], catalog: Catalog, entry: ErrorEntry) -> Iterator[_Key]:
    """The addresses an entry declares it had, as keys (a system left out is the entry's own, else primary)."""
    by_id = {c.id: c for c in catalogs}
    for old in entry.moved_from:
        catalog_id = old.catalog or catalog.id
        system = old.system or (entry.system if catalog_id == catalog.id else None)
        if system is None:
            known = by_id.get(catalog_id)
            system = known.primary_system.id if known is not None else entry.system
        yield catalog_id, system, old.code
    for move in catalog.group(entry.group).formerly:
        if move.catalog or move.system:
            yield move.catalog or catalog.id, move.system or entry.system, entry.code


def _compare(before: ErrorEntry, after: ErrorEntry) -> list[str]:
    details = []
    if before.name != after.name:
        details.append(f"name {before.name or '(none)'} -> {after.name or '(none)'}")
    if before.status != after.status:
        details.append(f"status {before.status} -> {after.status}")
    if before.retry.retryable != after.retry.retryable:
        details.append(f"retryable {before.retry.retryable} -> {after.retry.retryable}")
    if _state(before) != _state(after):
        details.append(f"lifecycle {_state(before)} -> {_state(after)}")
    return details


def changes(before: Sequence[Catalog], after: Sequence[Catalog]) -> list[Change]:
    """Every change from the catalogs `before` to the catalogs `after`."""
    old_ids = {c.id for c in before}
    rename = {old: c.id for c in after for old in c.formerly if old in old_ids and old not in {a.id for a in after}}
    old = _entries(before, rename)
    new = _entries(after, {})
    out: list[Change] = []
    old_catalogs = {rename.get(c.id, c.id): c for c in before}
    for catalog in after:
        previous = old_catalogs.get(catalog.id)
        known = {r.version for r in previous.releases} if previous else set()
        out += [Change("release", catalog.id, f"{r.version} ({r.date})", (r.summary,), outputs.OVERVIEW.url(
            catalog.id)) for r in catalog.releases if r.version not in known]
    matched: set[_Key] = set()
    for key, (catalog, entry) in new.items():
        url = urls.entry_url(catalog, entry)
        if key in old:
            matched.add(key)
            details = _compare(old[key][1], entry)
            if entry.lifecycle.removed and not old[key][1].lifecycle.removed:
                out.append(Change("removed", catalog.id, _label(entry), tuple(details), url))
            elif details:
                out.append(Change("changed", catalog.id, _label(entry), tuple(details), url))
            continue
        origins = [k for k in _old_keys(after, catalog, entry) if k in old and k not in new]
        if not origins:
            out.append(Change("added", catalog.id, _label(entry), (f"status {entry.status}",) if entry.status else (),
                              url))
            continue
        origin = origins[0]
        matched.update(origins)
        was_catalog, was = old[origin]
        kind = "renamed" if origin[:2] == key[:2] else "moved"
        where = was_catalog.ref_label(was.ref) if origin[0] == key[0] else f"{origin[0]}/{origin[1]}:{origin[2]}"
        out.append(Change(kind, catalog.id, _label(entry), (f"was {where}", *_compare(was, entry)), url))
    for key, (_, entry) in old.items():
        if key not in matched:
            out.append(Change("deleted", key[0], _label(entry), ("gone from the data: its URL breaks unless a "
                                                                 "tombstone or a redirect keeps it",)))
    out += _message_changes(before, after, rename)
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(out, key=lambda c: (c.catalog, order[c.kind]))


def _message_changes(before: Sequence[Catalog], after: Sequence[Catalog], rename: Mapping[str, str]) -> list[Change]:
    def messages(catalogs: Iterable[Catalog], names: Mapping[str, str]) -> _Messages:
        return {(names.get(c.id, c.id), m.system, m.anchor): (c, m) for c in catalogs for m in c.messages}

    old = messages(before, rename)
    new = messages(after, {})
    out = []
    for key, (catalog, message) in new.items():
        url = urls.message_url(catalog, message)
        if key not in old:
            out.append(Change("message added", catalog.id, repr(message.text), (f"code {message.code}",), url))
            continue
        was = old[key][1]
        details = []
        if was.text != message.text:
            details.append(f"text {was.text!r} -> {message.text!r}")
        if was.code != message.code:
            details.append(f"code {was.code} -> {message.code}")
        if bool(was.removed) != bool(message.removed):
            details.append("removed" if message.removed else "returned again")
        details += _translation_changes(was.translations, message.translations)
        if details:
            out.append(Change("message changed", catalog.id, repr(message.text), tuple(details), url))
    out += [Change("message deleted", key[0], repr(m.text), (f"code {m.code}",)) for key, (_, m) in old.items()
            if key not in new]
    return out


def _translation_changes(was: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """A message's translations added, changed and deleted, by language tag: the lookup matches what readers paste
    against them."""
    said = [(f"translation {tag} added", tag not in was) for tag in now]
    said += [(f"translation {tag} changed", tag in was and was[tag] != now[tag]) for tag in now]
    said += [(f"translation {tag} deleted", tag not in now) for tag in was]
    return [text for text, happened in said if happened]


def as_text(found: Sequence[Change], base: str) -> str:
    """The changes as plain text, one line each, by catalog."""
    if not found:
        return f"No catalog changes since {base}.\n"
    lines = [f"Catalog changes since {base}: {len(found)}"]
    catalog = None
    for change in found:
        if change.catalog != catalog:
            catalog = change.catalog
            lines.append(f"\n{catalog}")
        extra = f": {'; '.join(change.details)}" if change.details else ""
        lines.append(f"  {change.kind}: {change.subject}{extra}" + (f"  {change.url}" if change.url else ""))
    return "\n".join(lines) + "\n"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")


def _cell(text: str) -> str:
    """Catalog text as literal Markdown in a table cell: every punctuation mark that could start markup escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def as_markdown(found: Sequence[Change], base: str) -> str:
    """The changes as a Markdown table (for a CI job summary); catalog text is escaped for Markdown and HTML."""
    if not found:
        return f"### Catalog changes\n\nNo catalog changes since `{_cell(base)}`.\n"
    rows = [f"| {_cell(c.catalog)} | {c.kind} | {_cell(c.subject)} | {_cell('; '.join(c.details))} | "
            f"{'`' + c.url + '`' if c.url else ''} |" for c in found]
    return "\n".join([f"### Catalog changes since `{_cell(base)}`", "", "| Catalog | Change | Entry | Details | URL |",
                      "|---|---|---|---|---|", *rows]) + "\n"


def as_json(found: Sequence[Change], base: str) -> str:
    """The changes as JSON: `{"base": ..., "changes": [{kind, catalog, subject, details, url}, ...]}`."""
    return json.dumps({"base": base, "changes": [asdict(c) for c in found]}, indent=1, ensure_ascii=False) + "\n"
