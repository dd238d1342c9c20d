"""Code sets: what a span, a prefix and a pattern hold, how they overlap, and how a reader names them."""

from __future__ import annotations

import random
import re

import pytest

from macros.catalog.codesets import Pattern, Prefix, SetIndex, Span, as_number, overlaps, parse, pattern_regex


def test_numbers_are_written_without_leading_zeros():
    assert as_number("1806") == 1806 and as_number("0") == 0 and as_number(7) == 7
    assert as_number("0100") is None and as_number("22P02") is None and as_number("") is None


def test_what_each_kind_holds():
    assert "1806" in Span(1800, 1899) and 1806 in Span(1800, 1899)
    assert "1900" not in Span(1800, 1899) and "18ab" not in Span(1800, 1899) and "01806" not in Span(1, 9999)
    assert {"22000", "22012", "2202E", "22"} <= {c for c in ["22000", "22012", "2202E", "22", "23505"]
                                                if c in Prefix("22")}
    assert "23505" not in Prefix("22") and "0a000" not in Prefix("0A")
    assert "1806" in Pattern("18xx") and "18AB" in Pattern("18xx")
    assert "180" not in Pattern("18xx") and "18061" not in Pattern("18xx") and "18-1" not in Pattern("18xx")
    assert "2201X" in Pattern("22xxx") and "2201X" in Pattern("2201X") and "2201Y" not in Pattern("2201X")


def test_the_names_a_reader_may_type():
    assert Span(1800, 1899).names() == ("1800-1899", "18xx")
    assert Span(100, 199).names() == ("100-199", "1xx")
    assert Span(10000, 10999).names() == ("10000-10999", "10xxx")
    assert Span(1800, 1849).names() == ("1800-1849",)
    assert Span(0, 99).names() == ("0-99",)
    assert Prefix("22").names([5]) == ("22", "22xxx")
    assert Prefix("E").names([4, 5]) == ("E", "Exxx", "Exxxx")
    assert Pattern("18xx").names() == ("18xx",)
    assert [s.label for s in (Span(1, 2), Prefix("0A"), Pattern("4xx"))] == ["1-2", "0A", "4xx"]


def test_parse_reads_the_three_shapes():
    assert parse({"start": 1, "end": 9, "name": "x"}) == Span(1, 9)
    assert parse({"prefix": "22"}) == Prefix("22")
    assert parse({"pattern": "18xx"}) == Pattern("18xx")


@pytest.mark.parametrize(("a", "b", "expected"), [
    (Span(100, 199), Span(199, 300), True),
    (Span(100, 199), Span(200, 300), False),
    (Prefix("22"), Prefix("2"), True),
    (Prefix("22"), Prefix("23"), False),
    (Pattern("18xx"), Pattern("1x0x"), True),
    (Pattern("18xx"), Pattern("19xx"), False),
    (Pattern("18xx"), Pattern("18xxx"), False),
    (Prefix("22"), Pattern("2xxxx"), True),
    (Prefix("22P"), Pattern("22xxx"), True),
    (Prefix("23"), Pattern("22xxx"), False),
    (Span(1800, 1899), Prefix("18"), True),
    (Span(1800, 1899), Prefix("180"), True),
    (Span(1800, 1899), Prefix("19"), False),
    (Span(15, 15), Prefix("1"), True),
    (Span(1800, 1899), Prefix("0A"), False),
    (Span(1800, 1899), Pattern("18xx"), True),
    (Span(1150, 1160), Pattern("1x00"), False),
    (Span(1150, 1200), Pattern("1x00"), True),
    (Span(1800, 1899), Pattern("22Pxx"), False),
])
def test_overlaps_is_exact_and_symmetric(a, b, expected):
    assert overlaps(a, b) is expected and overlaps(b, a) is expected


def test_overlaps_agrees_with_a_brute_force_over_every_number():
    pieces = [Span(0, 9), Span(95, 130), Span(1000, 1099), Prefix("1"), Prefix("12"), Prefix("3"),
              Pattern("1x"), Pattern("xx9"), Pattern("1x0x"), Pattern("2xxx")]
    numbers = [str(n) for n in range(0, 3000)]
    for a in pieces:
        for b in pieces:
            both = any(n in a and n in b for n in numbers)
            if isinstance(a, Span) or isinstance(b, Span):
                assert overlaps(a, b) is both, (a, b)
            elif both:
                assert overlaps(a, b), (a, b)


def test_the_regex_for_the_browser_matches_what_the_set_holds():
    lengths = [5]
    prefix = re.compile(pattern_regex(Prefix("22"), lengths) or "")
    assert prefix.match("22012") and prefix.match("2202e") and not prefix.match("2202") and not prefix.match("220123")
    assert not prefix.match("23505") and not prefix.match("22 ab")
    assert re.compile(pattern_regex(Pattern("18xx"), []) or "").match("18ab")
    assert pattern_regex(Span(1, 9), []) is None
    loose = re.compile(pattern_regex(Prefix("ab"), [3, 6], alphanumeric=False) or "")
    assert loose.match("ab_") and loose.match("ab.d-f") and not loose.match("ab")


def test_set_index_finds_what_a_scan_finds():
    rng = random.Random(7)
    sets = [Span(rng.randrange(0, 5000), 0) for _ in range(40)]
    sets = [Span(s.start, s.start + rng.randrange(0, 300)) for s in sets]
    sets += [Prefix(str(rng.randrange(0, 99))) for _ in range(20)] + [Prefix("AB"), Prefix("A")]
    sets += [Pattern("1x2x"), Pattern("xx"), Pattern("AxB")]
    index = SetIndex.of((s, i) for i, s in enumerate(sets))
    codes = [str(rng.randrange(0, 6000)) for _ in range(400)] + ["AB12", "A1B", "ABC", "0100", "99"]
    for code in codes:
        assert sorted(index.containing(code)) == [i for i, s in enumerate(sets) if code in s], code
