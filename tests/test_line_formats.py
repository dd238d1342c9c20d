"""Line formats: patterns with named parts, compiled once for Python and the browser's lookup."""

from __future__ import annotations

import re

import pytest

from macros.catalog.line_formats import FormatError, compile_format, match_line


def test_parts_are_read_from_a_line():
    compiled = compile_format("{*}: {message} (SQLSTATE {code})", ["sqlstate"], "sqlstate")
    assert compiled.parts == ("message", "code") and compiled.key == "(sqlstate"
    line = 'ERROR: duplicate key value violates unique constraint "users_pkey" (SQLSTATE 23505)'
    assert match_line(compiled, line) == {
        "message": 'duplicate key value violates unique constraint "users_pkey"', "code": "23505"}
    assert match_line(compiled, "ERROR: duplicate key value") is None


def test_literal_text_is_literal_and_spaces_are_loose():
    compiled = compile_format("PG::{name}: {*}ERROR:  {message}", ["sqlstate"], "sqlstate")
    assert match_line(compiled, "PG::DivisionByZero: ERROR: division by zero") == {
        "name": "DivisionByZero", "message": "division by zero"}
    assert match_line(compiled, "PGxxDivisionByZero: ERROR:  division by zero") is None
    dots = compile_format("a.b {code}", ["api"], "api")
    assert match_line(dots, "axb 100") is None and match_line(dots, "a.b 100") == {"code": "100"}


def test_a_code_at_the_end_is_read_whole_and_another_system_is_a_part():
    compiled = compile_format('"code": {code}', ["api", "sdk"], "api")
    assert match_line(compiled, '  "code": 1806,') == {"code": "1806"}
    other = compile_format("{sdk}: {message}", ["api", "sdk"], "api")
    assert match_line(other, "ApiError: Too many requests") == {"sdk": "ApiError", "message": "Too many requests"}


@pytest.mark.parametrize(("pattern", "says"), [
    ("{table}: {message}", "unknown part {table}"),
    ("{code}{message}", "touch"),
    ("HTTP {status}", "names no error"),
    ("{code} and {code}", "appears twice"),
    ("x" * 201 + "{code}", "keep it to 200"),
    ("{code} } {message}", "a brace that does not enclose a part"),
])
def test_bad_patterns_say_what_to_write(pattern, says):
    with pytest.raises(FormatError, match=re.escape(says)):
        compile_format(pattern, ["api"], "api")


def test_expressions_use_only_syntax_javascript_reads_the_same():
    compiled = compile_format("{*}[{name}] {code}: {message} (status {status})", ["api"], "api")
    assert "(?P" not in compiled.source and "\\A" not in compiled.source and "\\Z" not in compiled.source
    assert match_line(compiled, "x [Gone] 1806: Connected account gone (status 410)") == {
        "name": "Gone", "code": "1806", "message": "Connected account gone", "status": "410"}
