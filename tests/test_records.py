"""Every machine output agrees with each entry's record (macros/exports/records.py) on every fact it carries, for
every entry of every catalog in data/, and of a catalog with releases."""

from __future__ import annotations

import csv
import io
import itertools
import sys
import types

import pytest

from macros.catalog.model import Catalog
from macros.exports import catalog_data, client_code, llms, lookup, openapi, records, spreadsheet, twins
from macros.exports.records import EntryRecord
from macros.site import outputs, urls
from macros.site.vocabulary import LIFECYCLE_LABELS, RETRYABLE_LABELS, SEVERITY_LABELS

SITE = "https://errors.example/docs/"
BASE = "/docs/"


def client_module(catalog: Catalog) -> types.ModuleType:
    """The catalog's errors.py, imported as a module."""
    module = types.ModuleType(f"errors_{catalog.id.replace('-', '_')}")
    sys.modules[module.__name__] = module  # dataclasses look their module up while the class is made
    try:
        exec("".join(client_code.source(catalog, "py", SITE)), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module


def check_catalog(catalog: Catalog) -> None:
    """Every output of the catalog says what the records say."""
    made = records.entry_records(catalog, SITE)
    entries = list(catalog.entries)
    assert len(made) == len(entries)
    constants = client_module(catalog).ERRORS
    document = openapi.openapi(catalog, SITE)
    listed = {(r["code"], r["url"]): r for schema in document["components"]["schemas"].values()
              for r in schema.get("x-codes", [])}
    index = lookup.lookup_index([catalog])
    header, *rows = list(csv.reader(io.StringIO("".join(spreadsheet.csv_file(
        outputs.Site((catalog,), SITE), catalog)), newline="")))
    column = {name: i for i, name in enumerate(header)}
    compact = "".join(llms.llms_full(catalog, SITE))
    for position, (entry, record) in enumerate(zip(entries, made, strict=True)):
        assert record == records.entry_record(catalog, entry, SITE)
        where = f"{catalog.id} {record.label} ({position})"
        _index_json(catalog, entry, record, where)
        item = catalog_data.entry_item(catalog, entry, BASE, SITE)
        assert (item["catalog"], item["system"], item["code"], item["name"], item["status"], item["retryable"],
                item["lifecycle"], item["since"]) == (record.catalog, record.system, record.code, record.name,
                                                      record.status, record.retryable, record.lifecycle,
                                                      record.since), where
        assert item["path"] == BASE + record.page.lstrip("/") and item["url"] == BASE + record.path.lstrip("/")
        assert (item["description"], item["fixes"]) == (record.description, list(record.fixes)), where
        assert item["facts"] == dict(record.facts) and constants[position].facts == dict(record.facts), where
        assert listed[(record.value, record.url)].get("facts", {}) == dict(record.facts), where
        constant = constants[position]
        assert (constant.system, constant.code, constant.name, constant.status, constant.retryable,
                constant.lifecycle, constant.url) == (record.system, record.value, record.name, record.status,
                                                      record.retryable, record.lifecycle, record.url), where
        x_code = listed[(record.value, record.url)]
        assert (x_code["name"], x_code["status"], x_code["retryable"], x_code["lifecycle"]) == (
            record.name, record.status, record.retryable, record.lifecycle), where
        row = index["entries"][position] + [""] * 13
        assert row[2:6] == [record.code, record.name or "", record.status, lookup.RETRYABLE_CODES[record.retryable]]
        assert row[8] == (record.anchor or "") and row[9] == ("" if record.lifecycle == "active" else record.lifecycle)
        assert index["catalogs"][0]["groups"][row[7]][0] == record.group, where
        given = dict(record.facts)
        assert [values[position] for _, _, values in index["catalogs"][0]["facts"]] == [
            given.get(f.id, "") for f in catalog.facts if f.lookup], where
        cells = rows[position]
        assert (cells[column["Code"]], cells[column["Name"]], cells[column["Group"]], cells[column["HTTP status"]],
                cells[column["Retry"]], cells[column["Lifecycle"]], cells[column["Since"]], cells[column["Page"]]) == (
            spreadsheet.cell(record.code), spreadsheet.cell(record.name), spreadsheet.cell(record.group_title),
            spreadsheet.cell(record.status), RETRYABLE_LABELS[record.retryable], LIFECYCLE_LABELS[record.lifecycle],
            spreadsheet.cell(record.since), record.url), where
        assert [cells[column[f.label]] for f in catalog.facts] == [spreadsheet.cell(given.get(f.id)) for f in
                                                                   catalog.facts], where
        assert f"<{record.url}>" in compact, where
        block = compact.split(f"<{record.url}>")[0].rsplit("### ", 1)[1]
        assert block.startswith(twins.md_code(record.label)), where
        assert f"retry: {RETRYABLE_LABELS[record.retryable].lower()}" in block, where
        assert (f"status {record.status}" in block) == (record.status is not None), where
    _messages(catalog, index, compact)


def _messages(catalog: Catalog, index: dict, compact: str) -> None:
    """Every output that carries a catalog's messages carries each one's translations as the model has them."""
    items = [item for item in catalog_data.items(catalog, BASE, SITE) if item["kind"] == "message"]
    rows = [row for row in index["messages"] if len(row) != 4]
    for message, item, row in zip(catalog.messages, items, rows, strict=True):
        where = f"{catalog.id} message {message.anchor}"
        translations = dict(message.translations)
        twin = next(m for m in twins.code_json(catalog, message.ref, SITE)["messages"] if m["anchor"] == message.anchor)
        assert twin["translations"] == item["translations"] == translations, where
        assert (row[1], row[2]) == (message.text, message.anchor), where
        assert (row[5] if len(row) == 6 else {}) == translations, where
        assert set(translations) <= set(index["vocabulary"]["labels"]["translations"]), where
        markdown = twins.code_markdown(catalog, message.ref, SITE)
        assert all(f"  - {twins.md_language(tag)}: {twins.md_code(text)}\n" in markdown
                   for tag, text in translations.items()), where
        after = compact.split(f"<{urls.absolute(SITE, urls.message_url(catalog, message))}>\n", 1)[1]
        nested = list(itertools.takewhile(lambda line: line.startswith("  - "), after.split("\n")))
        assert nested == [f"  - {twins.md_language(tag)}: {twins.md_code(llms._cut(text))}"
                          for tag, text in translations.items()], where


def _index_json(catalog: Catalog, entry, record: EntryRecord, where: str) -> None:
    twin = twins.code_json(catalog, entry.ref, SITE)
    found = next(e for e in twin["entries"] if e["url"] == record.url)
    assert (found["catalog"], found["system"], found["code"], found["name"], found["anchor"], found["status"],
            found["severity"], found["group"]["id"], found["group"]["title"], found["description"], found["fixes"],
            found["retry"]["retryable"], found["lifecycle"]["state"]) == (
        record.catalog, record.system, record.code, record.name, record.anchor, record.status, record.severity,
        record.group, record.group_title, record.description, list(record.fixes), record.retryable,
        record.lifecycle), where
    assert found["facts"] == dict(record.facts), where
    assert (found["lifecycle"]["since"] or {}).get("version") == record.since, where
    markdown = twins.code_markdown(catalog, entry.ref, SITE, twin)
    facts = [f"- Code: {twins.md_code(record.code)}", f"- Group: {twins.md_text(record.group_title)}",
             f"- Lifecycle: {LIFECYCLE_LABELS[record.lifecycle]}"]
    if record.name:
        facts.append(f"- Name: {twins.md_code(record.name)}")
    if record.status is not None:
        facts.append(f"- HTTP status: {record.status}")
    if record.severity:
        facts.append(f"- Severity: {SEVERITY_LABELS[record.severity]}")
    if record.since:
        facts.append(f"- Since: release {twins.md_text(record.since)}")
    assert [fact for fact in facts if fact not in markdown] == [], where


def test_every_output_agrees_with_the_records_of_every_catalog(catalogs) -> None:
    for catalog in catalogs:
        check_catalog(catalog)


@pytest.mark.parametrize("fixture", ["released_catalog", "catalog_twice", "facts_catalog", "translated"])
def test_every_output_agrees_with_the_records_of_releases_and_codes_listed_twice(request, fixture) -> None:
    check_catalog(request.getfixturevalue(fixture))


def test_a_build_makes_each_catalogs_records_once(catalog_twice) -> None:
    site = outputs.Site((catalog_twice,), SITE)
    first = records.of_site(site, catalog_twice)
    assert records.of_site(site, catalog_twice) is first
    by_code = records.by_code(site, catalog_twice)
    assert [r.name for r in by_code[next(e.ref for e in catalog_twice.entries if e.code == "100")]] == [
        "BadThing", "OtherThing"]
    assert all(any(r is m for m in first) for found in by_code.values() for r in found)
