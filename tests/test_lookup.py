"""The lookup index built from the catalogs, and the browser-side matching logic run by node's test runner."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

from conftest import EXAMPLE_CATALOGS, ROOT, needs_catalog, write_catalog

from macros.catalog.loader import load_catalogs
from macros.exports import catalog_data
from macros.exports.lookup import EXAMPLE_MESSAGE, envelope_paths, lookup_index
from macros.site import outputs, urls


def test_envelope_paths_find_the_placeholders():
    example = {"error": {"message": "$message", "code": "$code", "status": "$status", "id": "req_1"}}
    assert envelope_paths(example) == {
        "message": ["error", "message"], "code": ["error", "code"], "status": ["error", "status"]}
    assert envelope_paths({"error": "$message"}) == {"message": ["error"]}
    assert envelope_paths({"errors": [{"code": "$code"}]}) == {"code": ["errors", 0, "code"]}


def test_index_rows_hold_every_entry_and_message(catalogs):
    index = lookup_index(catalogs)
    assert index["version"] == 2
    assert [c["id"] for c in index["catalogs"]] == [c.id for c in catalogs]
    assert len(index["entries"]) == sum(len(list(c.entries)) for c in catalogs)
    published = [m for m in index["messages"] if len(m) == 3 or (len(m) >= 5 and m[3] == 0)]
    examples = [m for m in index["messages"] if len(m) == 4]
    assert len(published) == sum(len(list(c.messages)) for c in catalogs)
    hinted = {m[1]: m[4] for m in published if len(m) >= 5 and m[4]}
    translated = {m[1]: m[5] for m in published if len(m) == 6}
    for message in (m for c in catalogs for m in c.messages):
        assert (message.text in hinted) == bool(message.placeholders), message.text
        assert all(f"{{{name}}}" in hinted[message.text] for name in message.placeholders)
        assert translated.get(message.text, {}) == dict(message.translations), message.text
    assert set(index["vocabulary"]["labels"]["translations"]) == {
        tag for c in catalogs for m in c.messages for tag in m.translations}
    # An example message that a published message of its code is (or fills in) is found by that message's row.
    assert [m[1] for m in examples] == [
        e.example_message for c in catalogs for e in c.entries if e.example_message
        and not (c.entries_for(e.ref)[0] is e and any(m.fits(e.example_message) for m in c.messages_for(e.ref)))]
    assert all(m[3] == EXAMPLE_MESSAGE and index["entries"][m[0]][2] for m in examples)
    rows = iter(index["entries"])
    for position, catalog in enumerate(catalogs):
        record = index["catalogs"][position]
        assert record["path"] == outputs.OVERVIEW.site_path(catalog.id)
        assert record["retryPage"] == outputs.RETRIES.site_path(catalog.id)
        for entry in catalog.entries:
            row = next(rows)
            system = record["systems"][row[1]]
            assert (row[0], system[0], row[2], row[3] or None, row[4]) == (
                position, entry.system, entry.code, entry.name, entry.status)
            page = system[3].replace("{code}", entry.code)
            anchor = row[8] if len(row) > 8 and row[8] else None
            assert "/" + page + (f"#{anchor}" if anchor else "") == urls.entry_url(catalog, entry)
            assert record["groups"][row[7]][2] == outputs.GROUP_TABLE.site_path(catalog.id, entry.group)


@needs_catalog("composio", "codespar")
def test_index_rows_of_the_example_catalogs():
    catalogs = [c for c in load_catalogs(ROOT / "data") if c.id in ("composio", "codespar")]
    index = lookup_index(catalogs)
    composio = index["catalogs"][0]
    assert composio["envelope"]["code"] == ["error", "code"]
    assert composio["ranges"][0] == {"label": "100-199", "name": "Prisma/Database", "group": 0, "system": 0,
                                     "declared": 1, "names": ["100-199", "1xx"], "span": [100, 199]}
    gone = next(row for row in index["entries"] if row[2] == "1806")
    assert gone == [0, 0, "1806", "ConnectedAccountGone", 410, "n", "Connected account no longer available",
                    next(i for i, g in enumerate(composio["groups"]) if g[0] == "actionexecute")]
    twice = [row for row in index["entries"] if row[0] == 0 and row[2] == "10503"]
    assert [row[8] for row in twice] == ["10503-serviceunavailable", "10503-badstate"]
    quota = next(row for row in index["entries"] if row[2] == "quota_exceeded")
    assert quota[8:] == ["", "removed"]


def test_a_templated_message_carries_what_its_placeholders_stand_for(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        "placeholders: {name: The name of the thing.}",
        "placeholders: {name: {description: The name of the thing., type: text, max_length: 64}}")
    (row,) = lookup_index(load_catalogs(write_catalog(tmp_path, example_files)))["messages"]
    assert row[1:] == ["Thing {name} is bad", "thing-name-is-bad", 0,
                       "{name}: The name of the thing. (text, at most 64 characters)"]


def test_a_translated_message_carries_its_translations_and_the_words_for_their_languages(translated):
    index = lookup_index([translated])
    rows = {row[1]: row for row in index["messages"]}
    assert rows["division by zero"][3:] == [0, "", {"de": "Division durch Null", "fr": "division par zéro",
                                                    "ja": "0 による除算が行われました"}]
    template = rows['invalid input syntax for type {type}: "{value}"']
    assert template[4].startswith("{type}: ") and list(template[5]) == ["de", "fr", "ja"]
    assert index["vocabulary"]["labels"]["translations"] == {
        "de": "German translation", "fr": "French translation", "ja": "Japanese translation"}
    assert "division by zero" not in [row[1] for row in index["messages"] if len(row) == 4], \
        "the example message 22012 shows is its published message: one row finds it, with its anchor"
    assert lookup_index([])["vocabulary"]["labels"]["translations"] == {}


def test_ranges_carry_their_names_and_what_holds_their_codes(tmp_path, classes_files):
    (catalog,) = load_catalogs(write_catalog(tmp_path, classes_files, "db"))
    ranges = {r["label"]: r for r in lookup_index([catalog])["catalogs"][0]["ranges"]}
    assert ranges["22"]["names"] == ["22", "22xxx"] and ranges["22"]["declared"] == 1
    pattern = re.compile(ranges["22"]["pattern"])
    assert pattern.match("22012") and pattern.match("2202e") and not pattern.match("2201") \
        and not pattern.match("23505")
    assert ranges["0A"]["names"] == ["0a", "0axxx"]
    assert "span" not in ranges["22"]


def test_index_text_is_plain(catalogs):
    index = lookup_index(catalogs)
    for row in index["entries"]:
        assert "`" not in row[6]
    assert all("`" not in status[3] for c in index["catalogs"] for status in c["statuses"])


def test_built_site_serves_the_index_and_links_statuses_to_their_row(built_site, catalogs):
    site, _ = built_site
    index = json.loads((site / "lookup-index.json").read_text(encoding="utf-8"))
    assert index == lookup_index(catalogs)
    for record in index["catalogs"]:
        for status in record["statuses"]:
            page, anchor = status[5].split("#")
            assert f'id="{anchor}"' in (site / page / "index.html").read_text(encoding="utf-8")
        for group in record["groups"]:
            assert (site / group[2] / "index.html").is_file()


def test_matching_logic_under_node(tmp_path, catalogs, classes_files, facts_files, mysql_files, translated):
    index_file = tmp_path / "lookup-index.json"
    index_file.write_text(json.dumps(lookup_index(catalogs)))
    examples_file = tmp_path / "examples-index.json"
    examples_file.write_text(json.dumps(lookup_index([c for c in catalogs if c.id in EXAMPLE_CATALOGS])))
    classes_file = tmp_path / "classes-index.json"
    classes_file.write_text(json.dumps(lookup_index(load_catalogs(write_catalog(tmp_path, classes_files, "db")))))
    facts_file = tmp_path / "facts-index.json"
    with_facts = [load_catalogs(write_catalog(tmp_path / "f", facts_files, "rc"))[0],
                  load_catalogs(write_catalog(tmp_path / "m", mysql_files, "my"))[0]]
    facts_file.write_text(json.dumps(lookup_index(with_facts)))
    translated_file = tmp_path / "translated-index.json"
    translated_file.write_text(json.dumps(lookup_index([translated])))
    contract_file = tmp_path / "catalog.json"
    contract_file.write_text(json.dumps(catalog_data.catalog_index(catalogs, "/")))
    env = {**os.environ, "LOOKUP_INDEX": str(index_file), "EXAMPLES_INDEX": str(examples_file),
           "CATALOG_JSON": str(contract_file),
           "CLASSES_INDEX": str(classes_file), "FACTS_INDEX": str(facts_file),
           "TRANSLATED_INDEX": str(translated_file)}
    node = shutil.which("node") or "/usr/bin/node"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                            env=env, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.MULTILINE)
    # The suites about example catalogs skip when data/ lacks them; the rest (over 20 tests) always run.
    assert passed and int(passed.group(1)) > 20 and "# fail 0" in result.stdout, result.stdout
