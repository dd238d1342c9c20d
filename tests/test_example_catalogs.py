"""Facts of the example catalogs: each test names the catalog it is about and skips when data/ does not hold it.

Codes, names, statuses, messages and the published inconsistencies are kept exactly as the public
references give them; tests/fixtures holds those facts, so a clone without shared/ can check them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, needs_catalog

from macros.catalog.model import CodeRef

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
def shipped(catalogs):
    return {c.id: c for c in catalogs}


@needs_catalog("composio")
def test_composio_keeps_every_seed_row_exactly(shipped):
    seed = seed_rows()
    catalog = shipped["composio"]
    ours = [(e.code, e.name, str(e.status), e.description) for e in catalog.entries if e.status is not None]
    assert sorted(ours) == sorted(seed)
    assert len(seed) > 200


@needs_catalog("composio")
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


@needs_catalog("agents-api")
def test_agents_api_messages_are_exact(shipped):
    catalog = shipped["agents-api"]
    texts = [m.text for m in catalog.messages]
    assert len(texts) == 25
    assert 'Provider "{provider}" is not available' in texts
    assert "Unknown provider: {provider}" in texts
    assert {e.code for e in catalog.entries} == {"400", "401", "403", "404", "409", "500"}


@needs_catalog("codespar")
def test_codespar_string_codes_and_sdk_system(shipped):
    catalog = shipped["codespar"]
    quota = catalog.entries_for(CodeRef("api", "quota_exceeded"))[0]
    assert quota.status == 429 and quota.lifecycle.state == "removed" and quota.retry.retryable == "no"
    limited = catalog.entries_for(CodeRef("api", "rate_limited"))[0]
    assert [h.name for h in limited.headers] == ["Retry-After", "X-RateLimit-Reset"]
    needs = catalog.entries_for(CodeRef("api", "needs_connection"))[0]
    assert [f.name for f in needs.fields] == ["connect_url"]
    assert [e.code for e in catalog.entries if e.system == "sdk"] == [
        "ConfigError", "NotConnectedError", "ApiError", "StreamError"]


PG_ERRCODES = Path(__file__).parent / "fixtures" / "postgresql-errcodes.tsv"
PG_SEVERITY = {"E": "error", "W": "warning", "S": "success"}


def pg_rows() -> list[list[str]]:
    """(class, class title, sqlstate, E/W/S, macro, condition name) rows of errcodes.txt, in its order."""
    lines = PG_ERRCODES.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if not line.startswith("#")]


@needs_catalog("postgresql")
def test_postgresql_keeps_every_code_letter_macro_and_condition_name_exactly(shipped):
    catalog = shipped["postgresql"]
    rows = pg_rows()
    codes = list(dict.fromkeys(row[2] for row in rows))
    assert [ref.code for ref in catalog.codes] == codes, "every code, in the order the source lists them"
    assert len(codes) == 260
    for code in codes:
        (entry,) = catalog.entries_for(CodeRef("sqlstate", code))
        mine = [row for row in rows if row[2] == code]
        names = {row[5] for row in mine if row[5]}
        assert {entry.name} == names, code
        assert sorted(a.name for a in entry.aliases) == sorted(row[4] for row in mine), code
        assert {entry.severity} == {PG_SEVERITY[row[3]] for row in mine}, code
        assert catalog.group(entry.group).id == f"class-{code[:2].lower()}", code


@needs_catalog("postgresql")
def test_postgresql_classes_are_declared_in_published_order_with_their_titles(shipped):
    catalog = shipped["postgresql"]
    classes = list(dict.fromkeys((row[0], row[1]) for row in pg_rows()))
    assert [(r.span.label, r.name) for r in catalog.ranges] == classes
    assert [g.id for g in catalog.groups] == [r.group for r in catalog.ranges]
    for code_range in catalog.ranges:
        assert catalog.group(code_range.group).title == f"Class {code_range.span.label} — {code_range.name}"
    assert len(classes) == 42


@needs_catalog("postgresql")
def test_postgresql_keeps_its_published_inconsistencies(shipped):
    catalog = shipped["postgresql"]
    reused = {a.subject for a in catalog.acknowledgements if a.check == "name-reused"}
    assert reused == {f"sqlstate:{n}" for n in ("string_data_right_truncation", "null_value_not_allowed",
                                                 "modifying_sql_data_not_permitted",
                                                 "prohibited_sql_statement_attempted",
                                                 "reading_sql_data_not_permitted")}
    (subscript,) = catalog.entries_for(CodeRef("sqlstate", "2202E"))
    assert [a.name for a in subscript.aliases] == ["ERRCODE_ARRAY_SUBSCRIPT_ERROR", "ERRCODE_ARRAY_ELEMENT_ERROR"]
    (cursor,) = catalog.entries_for(CodeRef("sqlstate", "34000"))
    assert "ERRCODE_UNDEFINED_CURSOR" in cursor.alias_names and cursor.group == "class-34"
