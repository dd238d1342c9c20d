"""The YAML reader (macros/catalog/yaml_reader.py): numbers only YAML 1.1 reads and text that is not text are refused
with their file, line and field; yes/no/on/off stay text."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.catalog.problems import Problem
from macros.catalog.yaml_reader import MAX_TEXT_LENGTH, read_yaml


def read(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    """The data of a YAML text (None when refused) and every problem, as written."""
    path = tmp_path / "group.yml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    doc = read_yaml(path, "data/x/group.yml", problems)
    return (None if doc is None else doc.data), [str(p) for p in problems]


@pytest.mark.parametrize(("written", "read_as"), [("0100", 64), ("30:50", 1850), ("1_850", 1850), ("0x1F", 31),
                                                  ("0o17", None), ("1_0.5", 10.5), ("190:20:30.15", 685230.15)])
def test_numbers_only_yaml_1_1_reads_are_refused(tmp_path, written, read_as) -> None:
    data, problems = read(tmp_path, f"group: {{id: g}}\nentries:\n  - code: {written}\n")
    if read_as is None and not problems:
        assert data["entries"][0]["code"] == written  # YAML 1.1 does not read it as a number either: text
        return
    assert data is None
    (problem,) = problems
    assert problem.startswith(f"data/x/group.yml:3: entries[0].code: {written!r} is not a plain number")
    assert f"YAML 1.1 reads it as {read_as!r}" in problem and f'("{written}")' in problem


@pytest.mark.parametrize("written", ["100", "-3", "+7", "0", "2.5", ".5", "1.0e+3", ".inf", "-.inf", ".nan"])
def test_plain_numbers_still_read_as_numbers(tmp_path, written) -> None:
    data, problems = read(tmp_path, f"value: {written}\n")
    assert problems == [] and isinstance(data["value"], int | float)


@pytest.mark.parametrize("written", ["yes", "no", "No", "on", "OFF", "y", "n"])
def test_yes_no_on_off_stay_text(tmp_path, written) -> None:
    data, problems = read(tmp_path, f"retryable: {written}\nprimary: true\nother: False\n")
    assert problems == []
    assert data == {"retryable": written, "primary": True, "other": False}


@pytest.mark.parametrize(("written", "expected"), [
    ('"a\\0b"', "holds the control character U+0000 at position 2: remove it"),
    ('"bell\\a"', "holds the control character U+0007 at position 5"),
    ('"\\x85next line"', "holds the control character U+0085 at position 1"),
    ('"   "', "is only spaces: write the text, or leave the key out"),
    ('"\\t \\n"', "is only spaces"),
])
def test_text_that_is_not_text_is_refused(tmp_path, written, expected) -> None:
    data, problems = read(tmp_path, f"entries:\n  - description: ok\n  - description: {written}\n")
    assert data is None
    (problem,) = problems
    assert problem.startswith(f"data/x/group.yml:3: entries[1].description: {expected}")


def test_a_text_longer_than_the_limit_is_refused(tmp_path) -> None:
    ok, problems = read(tmp_path, f"description: {'x' * MAX_TEXT_LENGTH}\n")
    assert problems == [] and len(ok["description"]) == MAX_TEXT_LENGTH
    data, problems = read(tmp_path, f"description: {'x' * (MAX_TEXT_LENGTH + 1)}\n")
    assert data is None
    assert problems == [f"data/x/group.yml:1: description: is {MAX_TEXT_LENGTH + 1:,} characters long, more than "
                        f"the {MAX_TEXT_LENGTH:,} a text can be: shorten it, or link to a longer document"]


def test_tabs_and_line_breaks_inside_text_are_fine(tmp_path) -> None:
    data, problems = read(tmp_path, 'description: "one\\ttwo\\nthree"\n')
    assert problems == [] and data == {"description": "one\ttwo\nthree"}


def test_a_long_text_aliased_thousands_of_times_is_refused(tmp_path) -> None:
    text = "x" * 9_000
    data, problems = read(tmp_path, f"group: {{id: g, title: &long {text}}}\nentries:\n"
                                    + "".join(f"  - {{code: {n}, description: *long}}\n" for n in range(14_000)))
    assert data is None
    assert len(problems) == 1 and "aliases that expand too far" in problems[0], problems
    assert "characters of text" in problems[0] and problems[0].startswith("data/x/group.yml:"), problems


def test_a_short_text_aliased_in_every_entry_loads(tmp_path) -> None:
    data, problems = read(tmp_path, "group: {id: g, title: &fix Send a good thing.}\nentries:\n"
                                    + "".join(f"  - {{code: {n}, description: *fix}}\n" for n in range(5_000)))
    assert problems == [] and len(data["entries"]) == 5_000
    assert {e["description"] for e in data["entries"]} == {"Send a good thing."}
