"""The error lookup's index: every entry, message, range and status policy, in a compact form.

The browser-side lookup (docs/javascripts/lookup-core.js) loads this once. Rows are arrays,
not objects, and trailing empty columns are left out, to keep the download small. Every path
comes from the URL scheme (macros/site/urls.py): a code page's path is its system's `path` with the
code in place of `{code}`, and groups, ranges, statuses and catalogs carry their own paths.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..catalog import codesets
from ..catalog.model import Catalog, CodeRef, CodeSystem, ErrorEntry, ErrorMessage
from ..site import outputs, urls
from ..site.outputs import Site
from ..site.vocabulary import LIFECYCLE_LABELS, RETRY_BADGES, how_sentence, translation_label
from .records import EntryRecord, entry_records, of_site

INDEX_VERSION = 2
RETRYABLE_CODES = {"yes": "y", "no": "n", "conditional": "c", "n/a": "-"}
SEVERITY_CODES = {"error": "e", "warning": "w", "notice": "i", "success": "s"}
EXAMPLE_MESSAGE = 1
"""A message row's fourth column: the text is an example of what the system prints, not a published string."""
LOOKUP_TEXT = 300
"""The most characters of a description the lookup index carries: every page loads the index."""
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


def _capped(text: str) -> str:
    """At most LOOKUP_TEXT characters of a text: what the lookup shows and searches of a description."""
    plain = _plain(text)
    return plain if len(plain) <= LOOKUP_TEXT else plain[:LOOKUP_TEXT - 1].rstrip() + "…"


def _trimmed(row: list[Any]) -> list[Any]:
    """The row without its trailing empty optional columns."""
    while row and row[-1] in ("", []):
        row.pop()
    return row


def _ranges(catalog: Catalog) -> list[dict[str, Any]]:
    """The declared ranges, then the published spans of groups that no declared range repeats.

    Each carries the names a reader may type for it, and what holds its codes: `span` (whole
    numbers, start and end) or `pattern` (a regular expression for the lowercased code).
    """
    group_index = {g.id: i for i, g in enumerate(catalog.groups)}
    primary = catalog.primary_system
    codes: dict[str, list[str]] = {s.id: [] for s in catalog.systems}
    for ref in catalog.codes:
        codes[ref.system].append(ref.code)
    lengths = {system: {len(code) for code in found} for system, found in codes.items()}
    alphanumeric = {system: codesets.all_alphanumeric(found) for system, found in codes.items()}
    out = []

    def record(span: codesets.CodeSet, name: str, group: str | None, system: CodeSystem, declared: bool) -> None:
        item: dict[str, Any] = {
            "label": span.label, "name": name, "group": group_index.get(group, -1) if group else -1,
            "system": catalog.systems.index(system), "declared": int(declared),
            "names": [n.lower() for n in span.names(lengths[system.id])],
        }
        if isinstance(span, codesets.Span):
            item["span"] = [span.start, span.end]
        else:
            item["pattern"] = codesets.pattern_regex(span, lengths[system.id], alphanumeric[system.id])
        out.append(item)

    for code_range in catalog.ranges:
        record(code_range.span, code_range.name, code_range.group, primary, True)
    for group in catalog.groups:
        if group.span is not None and not any(
                r.group == group.id and r.span == group.span for r in catalog.ranges):
            record(group.span, group.title, group.id, catalog.system(group.system), False)
    return out


def _catalog_record(catalog: Catalog) -> dict[str, Any]:
    retry_page = outputs.RETRIES.at(catalog.id)
    return {
        "id": catalog.id,
        "title": catalog.title,
        "path": outputs.OVERVIEW.site_path(catalog.id),
        "http": int(catalog.has_statuses),
        "term": [catalog.range_term.singular, catalog.range_term.plural],
        "systems": [[s.id, s.title, int(s.primary), urls.code_path_template(catalog, s.id)] for s in catalog.systems],
        "envelope": envelope_paths(catalog.envelope.example) if catalog.envelope else {},
        "statuses": [
            [p.status, p.title, RETRYABLE_CODES[p.retry.retryable],
             _plain(how_sentence(p.retry.how)), _plain(p.retry.note or ""),
             urls.site_path(retry_page) + "#" + urls.status_anchor(p.status)]
            for p in catalog.statuses.values()
        ],
        "groups": [[g.id, g.title, outputs.GROUP_TABLE.site_path(catalog.id, g.id)] for g in catalog.groups],
        "ranges": _ranges(catalog),
        "retryPage": urls.site_path(retry_page),
        "formats": _formats(catalog),
    }


def _formats(catalog: Catalog) -> list[list[Any]]:
    """Each system's line formats as the lookup runs them: system, expression, parts, literal key, where seen."""
    return [[position, item.compiled.source, list(item.compiled.parts), item.compiled.key, item.seen_in]
            for position, system in enumerate(catalog.systems) for item in system.line_formats]


def row(record: EntryRecord, catalog_index: int, system_index: int, group_index: int) -> list[Any]:
    """An entry's row of the index: positions of its catalog, system and group, then its fields, trailing empty
    columns left out."""
    return _trimmed([
        catalog_index, system_index, record.code, record.name or "", record.status, RETRYABLE_CODES[record.retryable],
        _capped(record.description or ""), group_index, record.anchor or "",
        "" if record.lifecycle == "active" else record.lifecycle, SEVERITY_CODES.get(record.severity or "", ""),
        list(record.alias_names), list(record.alias_codes)])


def searched_facts(catalog: Catalog, made: Iterable[EntryRecord]) -> list[list[Any]]:
    """The catalog's facts the lookup searches: label, kind and each entry's value in the catalog's order ("" where it
    has none). A column of values per fact, not a cell per row: gzip then finds the values' repeats (a fact in every
    row made the index 18% larger gzipped; as a column it costs 2%)."""
    searched = [f for f in catalog.facts if f.lookup]
    if not searched:
        return []
    given = [dict(record.facts) for record in made]
    return [[fact.label, fact.kind, [values.get(fact.id, "") for values in given]] for fact in searched]


def placeholder_hint(message: ErrorMessage) -> str:
    """What the lookup shows under a templated message: each placeholder with its meaning, kind and length (a message
    row's fifth column)."""
    parts = [f"{{{name}}}" + (f": {meaning}" if meaning else "") + (f" ({label})" if label else "")
             for name, meaning, label in message.placeholder_notes()]
    return _capped("; ".join(parts)) if parts else ""


def lookup_index(catalogs: Iterable[Catalog], site: Site | None = None) -> dict[str, Any]:
    """The lookup index of every catalog (site: the build's, whose entry records it shares)."""
    records: list[dict[str, Any]] = []
    entries: list[list[Any]] = []
    messages: list[list[Any]] = []
    languages: set[str] = set()
    for catalog_index, catalog in enumerate(catalogs):
        records.append(_catalog_record(catalog))
        system_index = {s.id: i for i, s in enumerate(catalog.systems)}
        group_index = {g.id: i for i, g in enumerate(catalog.groups)}
        first_row: dict[CodeRef, int] = {}
        entry_rows: list[int] = []
        listed = of_site(site, catalog) if site is not None else entry_records(catalog, None)
        records[-1]["facts"] = searched_facts(catalog, listed)
        for entry, record in zip(catalog.entries, listed, strict=True):
            first_row.setdefault(entry.ref, len(entries))
            entry_rows.append(len(entries))
            entries.append(row(record, catalog_index, system_index[record.system], group_index[record.group]))
        messages.extend(message_row(first_row[m.ref], m) for m in catalog.messages)
        messages.extend([row, entry.example_message, "", EXAMPLE_MESSAGE]
                        for row, entry in zip(entry_rows, catalog.entries, strict=True)
                        if entry.example_message and not _published(catalog, entry, row == first_row[entry.ref]))
        languages.update(tag for m in catalog.messages for tag in m.translations)
    return {"version": INDEX_VERSION, "vocabulary": vocabulary(sorted(languages)), "catalogs": records,
            "entries": entries, "messages": messages}


def message_row(entry_row: int, message: ErrorMessage) -> list[Any]:
    """A published message's row: its entry's row, its text and anchor; then, where it has them, 0 (published), what
    its placeholders stand for, and its translations by language tag, which the lookup matches as texts of their
    own that lead to the same anchor."""
    hint = placeholder_hint(message)
    if not hint and not message.translations:
        return [entry_row, message.text, message.anchor]
    return [entry_row, message.text, message.anchor, 0, hint, *([dict(message.translations)] if message.translations
                                                                 else [])]


def _published(catalog: Catalog, entry: ErrorEntry, first: bool) -> bool:
    """Whether a published message of the entry's code is its example message, or fits it as a template: the
    message's row finds it then, with its anchor, and an example row would only list it twice."""
    return first and any(m.fits(entry.example_message or "") for m in catalog.messages_for(entry.ref))


def vocabulary(languages: Iterable[str] = ()) -> dict[str, Any]:
    """What the index's one-letter codes stand for, and the words the lookup shows for them (for a match in a
    translation, one per language the messages are translated into): JavaScript gets them from here instead of
    keeping its own copy."""
    return {"retryable": {letter: verdict for verdict, letter in RETRYABLE_CODES.items()},
            "severity": {letter: severity for severity, letter in SEVERITY_CODES.items()},
            "labels": {"retry": RETRY_BADGES,
                       "lifecycle": {state: label for state, label in LIFECYCLE_LABELS.items() if state != "active"},
                       "translations": {tag: translation_label(tag) for tag in languages}}}


def lookup_file(site: Site) -> str:
    """/lookup-index.json, in ASCII: the browser decodes it as one-byte text (at 50,000 codes 4 ms instead of 14)."""
    return json.dumps(lookup_index(site.catalogs, site), separators=(",", ":"))
