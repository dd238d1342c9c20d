"""The SQLite catalog's facts, checked against the header lines and sqlite3_errstr() strings in tests/fixtures:
every number computed as sqlite3.h writes it. The catalog's tests skip when data/ does not hold it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import needs_catalog

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = FIXTURES / "sqlite3-result-codes.h"
ERRSTR = FIXTURES / "sqlite3-errstr.tsv"
DEFINE = re.compile(r"#define (SQLITE_\w+)\s+(?:(\d+)|\((SQLITE_\w+)\s*\|\s*\(\s*(\d+)<<8\)\))")


def header_codes() -> dict[str, tuple[int, str | None]]:
    """Each constant of the fixture: its value, computed as the header writes it, and its primary's name."""
    codes: dict[str, tuple[int, str | None]] = {}
    lines = HEADER.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("/*") and "3.54.1" in lines[0]
    for line in lines[1:]:
        match = DEFINE.match(line)
        assert match, f"not a result code define: {line!r}"
        name, number, primary, shift = match.groups()
        if number is not None:
            codes[name] = (int(number), None)
        else:
            codes[name] = (codes[primary][0] | (int(shift) << 8), primary)
    return codes


def errstr() -> dict[int, str]:
    """sqlite3_errstr() for every code: the fixture's own rows, else its primary's (rc & 0xff), else none."""
    rows = [line.split("\t") for line in ERRSTR.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    own = {int(code): message for code, message in rows}
    return {value: own.get(value, own.get(value & 0xFF)) for value, _ in header_codes().values()}


def test_the_header_fixture_holds_every_result_code_once():
    codes = header_codes()
    assert len(codes) == 113
    assert sum(primary is None for _, primary in codes.values()) == 31
    assert len({value for value, _ in codes.values()}) == 113
    assert codes["SQLITE_BUSY_SNAPSHOT"] == (517, "SQLITE_BUSY")
    assert codes["SQLITE_IOERR_CODEC"] == (9226, "SQLITE_IOERR")


@pytest.fixture(scope="module")
def sqlite(catalogs):
    return next(c for c in catalogs if c.id == "sqlite")


@needs_catalog("sqlite")
def test_sqlite_keeps_every_code_and_name_exactly(sqlite):
    ours = {(e.code, e.name) for e in sqlite.entries}
    assert ours == {(str(value), name) for name, (value, _) in header_codes().items()}


@needs_catalog("sqlite")
def test_sqlite_example_messages_are_what_sqlite3_errstr_returns(sqlite):
    expected = errstr()
    for entry in sqlite.entries:
        assert entry.example_message == expected[int(entry.code)], entry.name


@needs_catalog("sqlite")
def test_sqlite_extended_codes_name_their_primary_code(sqlite):
    codes = header_codes()
    for entry in sqlite.entries:
        value, primary = codes[entry.name]
        facts = dict(entry.facts)
        if primary is None:
            assert "primary_code" not in facts, entry.name
        else:
            assert facts.get("primary_code") == str(codes[primary][0]) == str(value & 0xFF), entry.name


@needs_catalog("sqlite")
def test_sqlite_groups_are_primary_code_families(sqlite):
    codes = header_codes()
    for entry in sqlite.entries:
        primary = codes[entry.name][1]
        family = (primary or entry.name).removeprefix("SQLITE_").lower()
        expected = "success" if family in ("ok", "row", "done") else family
        assert entry.group == expected, entry.name


def go_names() -> dict[str, int]:
    """The Go driver's error variables (tests/fixtures/go-sqlite3-names.tsv): name and value."""
    rows = [line.split("\t") for line in (FIXTURES / "go-sqlite3-names.tsv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    return {name: int(value) for name, value in rows}


@needs_catalog("sqlite")
def test_sqlite_aliases_are_the_go_drivers_names_of_the_same_codes(sqlite):
    names = go_names()
    assert len(names) == 80 and names["ErrBusySnapshot"] == 517 == header_codes()["SQLITE_BUSY_SNAPSHOT"][0]
    aliases = {alias.text: int(entry.code) for entry in sqlite.entries for alias in entry.aliases}
    assert aliases == names
