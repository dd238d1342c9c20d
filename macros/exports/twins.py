"""The machine-readable twins of a code page: `index.json` (the entries in full) and `index.md` (clean Markdown).

Pure (model in, data or text out). A program gets everything the page shows without its theme;
entries of a code listed twice and message strings keep the anchors they have on the page.
Markdown escapes catalog text so that it stays text: no HTML, no live links, no emphasis.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..catalog.lifecycle import Lifecycle
from ..catalog.model import Catalog, CodeRef, ErrorEntry, ErrorMessage, Retry
from ..site import outputs, urls
from ..site.examples import PROBLEM_MEDIA_TYPE, example_for, example_message, example_text, problem_details
from ..site.urls import absolute
from ..site.vocabulary import (
    HOW_LABELS,
    LIFECYCLE_LABELS,
    RETRYABLE_LABELS,
    SEVERITY_LABELS,
    how_sentence,
    language_name,
)
from .records import EntryRecord, entry_record

JSON_NAME = "index.json"
MARKDOWN_NAME = "index.md"
_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+!|~&"})
_LINE_START = re.compile(r"^(\s*)([-=:]|\d+[.)])")


def twin_urls(catalog: Catalog, ref: CodeRef, site_url: str | None) -> dict[str, str]:
    """The absolute URLs of a code's page and of its two twins."""
    page = absolute(site_url, urls.code_url(catalog, ref))
    return {"page": page, "json": page + JSON_NAME, "markdown": page + MARKDOWN_NAME}


def _retry(retry: Retry, source: str) -> dict[str, Any]:
    return {"retryable": retry.retryable, "how": list(retry.how), "steps": [HOW_LABELS[h] for h in retry.how],
            "note": retry.note, "rule_from": source}


def _lifecycle(catalog: Catalog, life: Lifecycle, site_url: str | None) -> dict[str, Any]:
    def release(version: str | None) -> dict[str, Any] | None:
        found = catalog.release(version) if version else None
        return None if version is None else {"version": version, "date": found.date if found else None}

    def code(ref: CodeRef | None) -> dict[str, Any] | None:
        return None if ref is None else _ref(catalog, ref, site_url)

    return {
        "state": life.state,
        "since": release(life.since),
        "deprecated": None if life.deprecated is None else {
            **(release(life.deprecated.version) or {}), "reason": life.deprecated.reason,
            "use_instead": code(life.deprecated.use_instead)},
        "removed": None if life.removed is None else {
            **(release(life.removed.version) or {}), "note": life.removed.note,
            "replaced_by": code(life.removed.replaced_by)},
        "changed": [{**(release(r.version) or {}), "note": r.note} for r in life.changed],
    }


def _ref(catalog: Catalog, ref: CodeRef, site_url: str | None) -> dict[str, Any]:
    entries = catalog.entries_for(ref)
    return {"system": ref.system, "code": ref.code, "name": entries[0].name if entries else None,
            "url": absolute(site_url, urls.code_url(catalog, ref))}


def fact_declarations(catalog: Catalog) -> list[dict[str, Any]]:
    """The facts a catalog declares, as the files for programs describe them (entries give `facts: {id: value}`)."""
    return [{"id": f.id, "label": f.label, "kind": f.kind, "description": f.description, "values": list(f.values),
             "system": f.system, "column": f.column, "lookup": f.lookup} for f in catalog.facts]


def entry_json(catalog: Catalog, entry: ErrorEntry, site_url: str | None, siblings: Sequence[ErrorEntry] = (),
               messages: Sequence[ErrorMessage] = (), record: EntryRecord | None = None) -> dict[str, Any]:
    """One entry in full, as data: its record's facts (macros/exports/records.py), then what else its page says."""
    record = record or entry_record(catalog, entry, site_url)
    example = example_for(catalog, entry)
    message = example_message(entry, siblings or (entry,), messages) if example is not None else None
    return {
        "catalog": record.catalog,
        "system": record.system,
        "code": record.code,
        "name": record.name,
        "anchor": record.anchor,
        "url": record.url,
        "aliases": [{"name": a.name, "code": a.code, "note": a.note} for a in entry.aliases],
        "status": record.status,
        "severity": record.severity,
        "group": {"id": record.group, "title": record.group_title,
                  "url": absolute(site_url, urls.url(outputs.GROUP_TABLE.at(catalog.id, record.group), entry.anchor))},
        "description": record.description,
        "facts": dict(record.facts),
        "scope": entry.scope,
        "causes": list(entry.causes),
        "fixes": list(record.fixes),
        "retry": _retry(entry.retry, entry.retry_source),
        "headers": [{"name": h.name, "description": h.description} for h in entry.headers],
        "fields": [{"name": f.name, "description": f.description} for f in entry.fields],
        "example": None if example is None else {
            "format": example.format,
            "text": example_text(catalog, entry, message),
            "problem_details": problem_details(catalog, entry, message, record.url)
            if catalog.problem_details and example.envelope else None},
        "lifecycle": _lifecycle(catalog, entry.lifecycle, site_url),
        "moved_from": [{"catalog": old.catalog or catalog.id, "system": old.system, "code": old.code,
                        "anchor": old.anchor} for old in entry.moved_from],
        "see_also": [_ref(catalog, r, site_url) for r in entry.see_also],
        "not_confused_with": [_ref(catalog, r, site_url) for r in entry.not_confused_with],
    }


def message_record(catalog: Catalog, message: ErrorMessage, site_url: str | None) -> dict[str, Any]:
    """One exact message string, with its anchor on its code's page."""
    return {
        "code": message.code, "system": message.system, "message": message.text, "anchor": message.anchor,
        "url": absolute(site_url, urls.message_url(catalog, message)), "cause": message.cause,
        "fixes": list(message.fixes), "placeholders": dict(message.declared_placeholders),
        "placeholder_limits": {name: limit.fields() for name, limit in message.placeholder_limits.items()},
        "translations": dict(message.translations),
        "removed": None if message.removed is None else {"version": message.removed.version,
                                                          "note": message.removed.note},
    }


def code_json(catalog: Catalog, ref: CodeRef, site_url: str | None,
              records: Sequence[EntryRecord] | None = None) -> dict[str, Any]:
    """The JSON twin of a code page: every entry listed under the code and its message strings (records: theirs,
    when the build has them)."""
    entries = catalog.entries_for(ref)
    records = records or [entry_record(catalog, e, site_url) for e in entries]
    messages = catalog.messages_for(ref)
    system = catalog.system(ref.system)
    return {
        "version": 1,
        "catalog": {"id": catalog.id, "title": catalog.title, "facts": fact_declarations(catalog)},
        "system": {"id": system.id, "title": system.title, "kind": system.kind, "primary": system.primary},
        "code": ref.code,
        "urls": twin_urls(catalog, ref, site_url),
        "listed": len(entries),
        "entries": [entry_json(catalog, e, site_url, entries, messages, r)
                    for e, r in zip(entries, records, strict=True)],
        "messages": [message_record(catalog, m, site_url) for m in messages],
    }


def md_text(value: object) -> str:
    """Catalog text as inert Markdown on one line: every character that could start markup escaped, `backticks` as
    code (as on the page)."""
    flat = " ".join(str(value).split())
    if "`" not in flat:
        return flat.translate(_MARKUP)
    parts = flat.split("`")
    if len(parts) % 2 == 0:
        parts = [flat]
    return "".join(md_code(part) if i % 2 else part.translate(_MARKUP) for i, part in enumerate(parts))


def md_para(value: object) -> str:
    """md_text for text that starts a line or a list item: a leading `1.`, `-`, `=` or `:` cannot start a block."""
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), md_text(value))


def md_code(value: object) -> str:
    """A literal (a code, a message) as inline code whose fence no backtick inside it can close."""
    flat = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def md_language(tag: str) -> str:
    """A language as the Markdown files name it: its English name and its tag as code, or the tag alone."""
    name = language_name(tag)
    return f"{md_text(name)} {md_code(tag)}" if name else md_code(tag)


def md_block(body: str, language: str) -> list[str]:
    """A fenced code block whose fence no line of the body can close."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return [f"{fence}{language}", body, fence]


def _entry_markdown(catalog: Catalog, entry: ErrorEntry, level: str, site_url: str | None,
                    record: dict[str, Any]) -> list[str]:
    life = entry.lifecycle
    out = []
    if life.removed:
        out += ["**Removed:** the API no longer returns this code"
                + (f" (since release {md_text(life.removed.version)})" if life.removed.version else "") + "."
                + (f" {md_text(life.removed.note)}" if life.removed.note else ""), ""]
    elif life.deprecated:
        out += ["**Deprecated**" + (f" since release {md_text(life.deprecated.version)}" if life.deprecated.version
                                    else "") + "." + (f" {md_text(life.deprecated.reason)}"
                                                      if life.deprecated.reason else ""), ""]
    if entry.description:
        out += [md_para(entry.description), ""]
    facts = [f"- Code: {md_code(record['code'])} ({md_text(catalog.system(record['system']).title)})"]
    if record["name"]:
        facts.append(f"- Name: {md_code(record['name'])}")
    if entry.aliases:
        facts.append("- Also known as: " + ", ".join(md_code(a.text) for a in entry.aliases))
    if record["status"] is not None:
        policy = catalog.statuses.get(record["status"])
        facts.append(f"- HTTP status: {record['status']}" + (f" {md_text(policy.title)}" if policy else ""))
    if record["severity"]:
        facts.append(f"- Severity: {SEVERITY_LABELS[record['severity']]}")
    facts += [f"- {md_text(fact.label)}: " + (md_code(value) if fact.kind == "code" else f"<{value}>"
                                             if fact.kind == "url" else md_text(value))
              for fact, value in catalog.fact_values(entry)]
    facts.append(f"- Group: {md_text(record['group']['title'])}")
    facts.append(f"- Lifecycle: {LIFECYCLE_LABELS[record['lifecycle']['state']]}")
    since = record["lifecycle"]["since"]
    if since:
        facts.append(f"- Since: release {md_text(since['version'])}" + (f" ({since['date']})" if since["date"]
                                                                          else ""))
    if record["anchor"]:
        facts.append(f"- Anchor: `#{record['anchor']}`")
    out += [*facts, ""]
    if entry.scope:
        out += [f"Scope: {md_text(entry.scope)}", ""]
    for title, items, marker in (("Common causes", entry.causes, "-"), ("How to fix it", entry.fixes, "1.")):
        if items:
            out += [f"{level} {title}", "", *(f"{marker} {md_para(item)}" for item in items), ""]
    retry = entry.retry
    steps = how_sentence(retry.how)
    out += [f"{level} Retry", "", f"**{RETRYABLE_LABELS[retry.retryable]}**: {md_text(steps[0].upper() + steps[1:])}."
            + (f" {md_text(retry.note)}" if retry.note else ""), ""]
    for title, notes in (("Response headers", entry.headers), ("Extra response fields", entry.fields)):
        if notes:
            out += [f"{level} {title}", "", *(f"- {md_code(n.name)}: {md_text(n.description)}" for n in notes), ""]
    if record["example"]:
        out += [f"{level} Example", "", *md_block(record["example"]["text"], record["example"]["format"]), ""]
        if record["example"]["problem_details"]:
            out += [f"As problem details (RFC 9457, `{PROBLEM_MEDIA_TYPE}`); the `type` is this page's URL:", "",
                    *md_block(json.dumps(record["example"]["problem_details"], indent=2, ensure_ascii=False), "json"),
                    ""]
    related = [("See also", r) for r in entry.see_also] + [("Not to be confused with", r)
                                                          for r in entry.not_confused_with]
    replaced = life.replaced_by
    if replaced is not None:
        related.insert(0, ("Use instead", replaced))
    if related:
        out += [f"{level} Related codes", ""]
        out += [f"- {label}: {md_code(catalog.ref_label(r))} <{absolute(site_url, urls.code_url(catalog, r))}>"
                for label, r in related]
        out.append("")
    return out


def twin_texts(catalog: Catalog, ref: CodeRef, site_url: str | None,
               records: Sequence[EntryRecord] | None = None) -> dict[str, str]:
    """A code page's twins as the files hold them, by file name: index.json and index.md."""
    record = code_json(catalog, ref, site_url, records)
    return {JSON_NAME: json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n",
            MARKDOWN_NAME: code_markdown(catalog, ref, site_url, record)}


def code_markdown(catalog: Catalog, ref: CodeRef, site_url: str | None, record: dict[str, Any] | None = None) -> str:
    """The Markdown twin of a code page: its content, without theme or HTML (record: its code_json, if made)."""
    entries = catalog.entries_for(ref)
    messages = catalog.messages_for(ref)
    records = (record or code_json(catalog, ref, site_url))["entries"]
    names = " / ".join(dict.fromkeys(e.name for e in entries if e.name))
    links = twin_urls(catalog, ref, site_url)
    out = [f"# {md_code(ref.code)}" + (f" {md_text(names)}" if names else ""), "",
           f"Catalog: {md_text(catalog.title)}. Page: <{links['page']}>. As JSON: <{links['json']}>.", ""]
    if len(entries) == 1:
        out += _entry_markdown(catalog, entries[0], "##", site_url, records[0])
    else:
        out += [f"The catalog lists this code {len(entries)} times, for different errors; each has its anchor.", ""]
        for entry, entry_json in zip(entries, records, strict=True):
            out += [f"## {md_text(entry.name or entry.code)} ({md_text(catalog.group(entry.group).title)})", ""]
            out += _entry_markdown(catalog, entry, "###", site_url, entry_json)
    if messages:
        out += ["## Messages", ""]
        for message in messages:
            out += [f"### {md_code(message.text)}", "", f"- Anchor: `#{message.anchor}`"]
            if message.cause:
                out.append(f"- Cause: {md_text(message.cause)}")
            out += [f"- Fix: {md_text(fix)}" for fix in message.fixes]
            out += [f"- Placeholder {md_code('{' + name + '}')}: {md_text(meaning)}" + (f" ({label})" if label else "")
                    for name, meaning, label in message.placeholder_notes() if meaning]
            if message.translations:
                out.append("- Translations:")
                out += [f"  - {md_language(tag)}: {md_code(text)}" for tag, text in message.translations.items()]
            if message.removed:
                out.append("- No longer returned" + (f": {md_text(message.removed.note)}" if message.removed.note
                                                     else ""))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
