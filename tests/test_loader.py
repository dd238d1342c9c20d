"""Loader and validator: good catalogs load into frozen dataclasses, bad ones fail with every problem."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import ROOT, write_catalog

from macros import urls
from macros.loader import load_catalogs
from macros.model import CodeRef
from macros.problems import CatalogError


def load_one(tmp_path: Path, files: dict[str, str]):
    return load_catalogs(write_catalog(tmp_path, files))[0]


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalogs(write_catalog(tmp_path, files))
    return [str(p) for p in info.value.problems]


def test_valid_catalog_loads_into_frozen_dataclasses(tmp_path, example_files):
    catalog = load_one(tmp_path, example_files)
    assert catalog.id == "example"
    assert [g.id for g in catalog.groups] == ["things", "sdk"]
    entry = catalog.entries_for(CodeRef("api", "100"))[0]
    assert (entry.code, entry.name, entry.status, entry.numeric_code) == ("100", "BadThing", 400, 100)
    assert entry.retry.retryable == "no" and entry.own_retry is None
    assert entry.see_also == (CodeRef("api", "101"),)
    assert entry.location.file == "data/example/things.yml" and entry.location.line == 6
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.code = "999"  # type: ignore[misc]


def test_status_policy_supplies_retry_and_entry_rule_wins(tmp_path, example_files):
    catalog = load_one(tmp_path, example_files)
    down = catalog.entries_for(CodeRef("api", "101"))[0]
    assert down.retry.how == ("retry-after", "backoff")
    sdk = catalog.entries_for(CodeRef("sdk", "ClientError"))[0]
    assert sdk.status is None and sdk.retry.retryable == "no" and sdk.own_retry is sdk.retry


def test_pages_and_message_anchors(tmp_path, example_files):
    catalog = load_one(tmp_path, example_files)
    assert urls.code_url(catalog, CodeRef("api", "100")) == "/example/100/"
    assert urls.code_url(catalog, CodeRef("sdk", "ClientError")) == "/example/sdk/ClientError/"
    (message,) = catalog.messages_for(CodeRef("api", "100"))
    assert message.anchor == "thing-name-is-bad" and message.placeholders == ("name",)


def test_duplicate_codes_are_kept_with_distinct_anchors(tmp_path, example_files):
    example_files["more.yml"] = """\
        group: {id: more, title: Zoo Errors, span: {start: 100, end: 199}}
        entries:
          - {code: 100, name: OtherThing, status: 503, description: Another meaning.}
        """
    catalog = load_one(tmp_path, example_files)
    entries = catalog.entries_for(CodeRef("api", "100"))
    assert [e.name for e in entries] == ["BadThing", "OtherThing"]
    assert [e.anchor for e in entries] == ["100-badthing", "100-otherthing"]


def test_yaml_syntax_error_names_file_and_line(tmp_path, example_files):
    example_files["things.yml"] = "group:\n  id: things\n  title: [unclosed\n"
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/things.yml:")
    assert "YAML syntax error" in problem


def test_wrong_type_names_line_and_field(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace("status: 400", "status: four")
    (problem,) = problems(tmp_path, example_files)
    assert problem == "data/example/things.yml:8: entries[0].status: 'four' is not of type 'integer', 'null'"


def test_unknown_key_points_at_the_key(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    description: The thing is bad.", "    description: The thing is bad.\n    sevrity: high")
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/things.yml:10: entries[0].sevrity: unknown key 'sevrity'")


def test_missing_required_field(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    description: The thing service is down.\n", "")
    (problem,) = problems(tmp_path, example_files)
    assert problem == "data/example/things.yml:13: entries[1].description: required field is missing"


def test_range_that_ends_before_it_starts(tmp_path, example_files):
    example_files["catalog.yml"] = example_files["catalog.yml"].replace(
        "{start: 100, end: 199, name: Things", "{start: 199, end: 100, name: Things")
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/catalog.yml:7: ranges[0].end: range 'Things' ends (100)")


def test_every_problem_of_every_file_is_listed_at_once(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace("status: 400", "status: four")
    example_files["sdk.yml"] = example_files["sdk.yml"].replace("system: sdk", "system: sdk\n  colour: red")
    example_files["broken.yml"] = "group: {id: x, title: [\n"
    found = problems(tmp_path, example_files)
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {
        "data/example/things.yml", "data/example/sdk.yml", "data/example/broken.yml"}
    message = str(CatalogError([]))
    assert message.startswith("0 problems")


def test_empty_file_and_non_utf8(tmp_path, example_files):
    example_files["empty.yml"] = ""
    write_catalog(tmp_path, example_files)
    (tmp_path / "data/example/latin1.yml").write_bytes(b"group:\n  title: caf\xe9\n")
    with pytest.raises(CatalogError) as info:
        load_catalogs(tmp_path / "data")
    found = [str(p) for p in info.value.problems]
    assert "data/example/empty.yml:1: the file is empty" in found
    assert "data/example/latin1.yml:2: not UTF-8 text (byte 0xe9)" in found


def test_key_given_twice(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    name: BadThing\n", "    name: BadThing\n    name: WorseThing\n")
    (problem,) = problems(tmp_path, example_files)
    assert problem == "data/example/things.yml:8: entries[0].name: key given twice"


def test_alias_bomb_is_refused(tmp_path, example_files):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 8):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, " \
                f"*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    example_files["bomb.yml"] = bomb
    found = problems(tmp_path, example_files)
    assert any("aliases that expand too far" in p for p in found)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("things.yml", "  - code: 100\n    message", "  - code: 109\n    message"),
         "things.yml:18: code: message 'Thing {name} is bad' comes with code 109"),
        (("sdk.yml", "system: sdk", "system: cli"), "sdk.yml:4: group.system: unknown code system 'cli'"),
        (("sdk.yml", "    retry: {retryable: \"no\", how: [update-client], note: Fix the client.}\n", ""),
         "sdk.yml:6: entries[0].retry: an entry without an HTTP status must state its own `retry`"),
        (("things.yml", "status: 503", "status: 418"), "things.yml:15: entries[1].status: status 418 has no retry"),
        (("catalog.yml", "group: things}", "group: stuff}"),
         "catalog.yml:7: ranges[0].group: no group with id 'stuff'"),
        (("things.yml", "  - code: 101", "  - code: ../x"), "'../x' is not a valid code"),
        (("catalog.yml", "kind: numeric", "kind: numbers"), "catalog.yml:4: systems[0].kind: 'numbers' is not one of"),
        (("catalog.yml", "primary: true", "primary: false"), "exactly one code system must be primary"),
    ],
)
def test_cross_reference_and_value_problems(tmp_path, example_files, change, expected):
    file_name, old, new = change
    assert old in example_files[file_name]
    example_files[file_name] = example_files[file_name].replace(old, new)
    found = problems(tmp_path, example_files)
    assert any(expected in p for p in found), found


def test_no_traceback_for_missing_data_folder(tmp_path):
    with pytest.raises(CatalogError, match="the data folder does not exist"):
        load_catalogs(tmp_path / "nowhere")


# --- the three shipped catalogs -----------------------------------------------------------


SEED_001 = ROOT.parent / "shared" / "seeds" / "001_3b017b31386b8f7c.txt"
SEED_001_ROWS = Path(__file__).parent / "fixtures" / "composio-seed-rows.tsv"


def parse_seed_rows(text: str) -> list[tuple[str, str, str, str]]:
    """(code, name, status, description) rows of seed 001's numeric tables, one cell per line."""
    lines = text.splitlines()
    rows = []
    for i, line in enumerate(lines[:-3]):
        code = re.fullmatch(r"\| (\d+) \|", line)
        name = re.fullmatch(r"(\S+) \|", lines[i + 1])
        status = re.fullmatch(r"(\d{3}) \|", lines[i + 2])
        description = re.fullmatch(r"(.+) \|", lines[i + 3])
        if code and name and status and description:
            rows.append((code.group(1), name.group(1), status.group(1), description.group(1)))
    return rows


def seed_rows() -> list[tuple[str, str, str, str]]:
    """Seed 001's rows as kept in tests/fixtures (the facts only), so a clone without shared/ can test."""
    lines = SEED_001_ROWS.read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


@pytest.mark.skipif(not SEED_001.is_file(), reason="shared/seeds is not beside this checkout")
def test_seed_rows_fixture_matches_the_seed():
    assert seed_rows() == parse_seed_rows(SEED_001.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped():
    return {c.id: c for c in load_catalogs(ROOT / "data")}


def test_shipped_catalogs_load(shipped):
    assert list(shipped) == ["composio", "agents-api", "codespar"]


def test_composio_keeps_every_seed_row_exactly(shipped):
    seed = seed_rows()
    catalog = shipped["composio"]
    ours = [(e.code, e.name, str(e.status), e.description) for e in catalog.entries if e.status is not None]
    assert sorted(ours) == sorted(seed)
    assert len(seed) > 200


def test_composio_keeps_published_inconsistencies(shipped):
    catalog = shipped["composio"]
    assert [e.name for e in catalog.entries_for(CodeRef("api", "10503"))] == ["ServiceUnavailable", "BadState"]
    assert {e.group for e in catalog.entries_for(CodeRef("api", "1800"))} == {"project", "actionexecute"}
    auth_config = catalog.group("auth-config")
    assert str(auth_config.span) == "200-299"
    assert [e.code for e in auth_config.entries] == ["300", "301", "302", "303", "304"]
    declared = {r.name: r for r in catalog.ranges}
    assert len(catalog.ranges) == 40 and "Project" not in declared and "Notification" not in declared
    thermos = [e.code for e in catalog.entries if e.system == "thermos"]
    assert thermos[:6] == ["1", "2", "3", "4", "5", "6"] and "json_decode" in thermos


def test_agents_api_messages_are_exact(shipped):
    catalog = shipped["agents-api"]
    texts = [m.text for m in catalog.messages]
    assert len(texts) == 25
    assert 'Provider "{provider}" is not available' in texts
    assert "Unknown provider: {provider}" in texts
    assert {e.code for e in catalog.entries} == {"400", "401", "403", "404", "409", "500"}


def test_codespar_string_codes_and_sdk_system(shipped):
    catalog = shipped["codespar"]
    quota = catalog.entries_for(CodeRef("api", "quota_exceeded"))[0]
    assert quota.status == 429 and quota.lifecycle.state == "historical" and quota.retry.retryable == "no"
    limited = catalog.entries_for(CodeRef("api", "rate_limited"))[0]
    assert [h.name for h in limited.headers] == ["Retry-After", "X-RateLimit-Reset"]
    needs = catalog.entries_for(CodeRef("api", "needs_connection"))[0]
    assert [f.name for f in needs.fields] == ["connect_url"]
    assert [e.code for e in catalog.entries if e.system == "sdk"] == [
        "ConfigError", "NotConnectedError", "ApiError", "StreamError"]


def test_schema_refs_are_inlined_except_recursive_ones_and_refs_with_constraints():
    from macros.schema import inline_refs as _inline_refs

    schema = {
        "properties": {
            "id": {"$ref": "#/$defs/slug", "description": "The id."},
            "tree": {"$ref": "#/$defs/tree"},
            "short": {"$ref": "#/$defs/slug", "maxLength": 3},
            "other": {"$ref": "other.json#/$defs/code"},
        },
        "$defs": {
            "slug": {"type": "string", "pattern": "^[a-z]+$"},
            "tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"}}},
        },
    }
    other = {"$defs": {"code": {"$ref": "#/$defs/number"}, "number": {"type": "integer"}}}
    inlined = _inline_refs(schema, {"": schema, "other.json": other}, ())["properties"]
    assert inlined["id"] == {"type": "string", "pattern": "^[a-z]+$", "description": "The id."}
    assert inlined["tree"] == {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"}}}
    assert inlined["short"] == {"$ref": "#/$defs/slug", "maxLength": 3}
    assert inlined["other"] == {"type": "integer"}
