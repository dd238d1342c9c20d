"""The lookup on what people paste: every example the site shows, and a corpus of real client output.

Both run the matching logic (docs/javascripts/lookup-core.js) under node over the index built from data/.
The corpus (tests/pastes/*.txt, one file per client format, each paste as the tool prints it) names the
entry each paste must put first; pastes about a catalog that data/ does not hold are left out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from macros.catalog import line_formats
from macros.catalog.model import Catalog, ErrorEntry
from macros.exports.lookup import lookup_index
from macros.site import urls
from macros.site.examples import example_message, example_text
from macros.site.paste_guide import paste_kinds

PASTES = ROOT / "tests" / "pastes"
RUNNER = ROOT / "tests" / "js" / "run-queries.js"
HEADER = re.compile(r"^=== (\S+) (?:(\S+):)?([^\s#]+)(?:#(\S+))?$")
EXAMPLE_CATALOGS = {"postgresql", "composio", "codespar", "agents-api"}


def run_lookup(tmp_path: Path, catalogs: Sequence[Catalog], queries: Sequence[str]) -> list[dict[str, Any]]:
    """The lookup's answer to each query, from one node process."""
    index_file, queries_file, out_file = tmp_path / "index.json", tmp_path / "queries.json", tmp_path / "out.json"
    index_file.write_text(json.dumps(lookup_index(catalogs)), encoding="utf-8")
    queries_file.write_text(json.dumps(list(queries)), encoding="utf-8")
    node = shutil.which("node") or "/usr/bin/node"
    subprocess.run([node, str(RUNNER), str(index_file), str(queries_file), str(out_file)], check=True, timeout=300)
    return json.loads(out_file.read_text(encoding="utf-8"))


def _url(catalog: Catalog, entry: ErrorEntry) -> str:
    return urls.entry_url(catalog, entry).lstrip("/")


def _page(url: str) -> str:
    return url.split("#")[0]


def site_examples(catalog: Catalog) -> Iterator[tuple[str, set[str]]]:
    """Each example the site shows for the catalog, with the URLs that are a right first answer to it."""
    by_text: dict[str, set[str]] = {}
    for entry in catalog.entries:
        message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
        shown = example_text(catalog, entry, message)
        for text in (shown, entry.example_message):
            if text:
                by_text.setdefault(text, set()).add(_url(catalog, entry))
    for message in catalog.messages:
        by_text.setdefault(message.text, set()).add(urls.message_url(catalog, message).lstrip("/"))
    for system in catalog.systems:
        for item in system.line_formats:
            if item.example:
                parts = line_formats.match_line(item.compiled, item.example) or {}
                code, message = parts.get("code", "").lower(), parts.get("message")
                named = {_url(catalog, e) for e in catalog.entries
                         if (e.system == system.id and e.code.lower() == code)
                         or (message is not None and (e.example_message == message or any(
                             m.text == message for m in catalog.messages_for(e.ref))))}
                assert named, f"{catalog.id}: the line format example {item.example!r} names no entry"
                by_text.setdefault(item.example, set()).update(named)
    yield from by_text.items()


def test_every_example_the_site_shows_finds_its_entry(tmp_path, catalogs):
    shown: dict[str, set[str]] = {}
    for catalog in catalogs:
        for text, right in site_examples(catalog):
            shown.setdefault(text, set()).update(right)  # a text two catalogs show (a shared message): either is right
    examples = list(shown.items())
    answers = run_lookup(tmp_path, catalogs, [text for text, _ in examples])
    wrong = []
    for (text, right), answer in zip(examples, answers, strict=True):
        first = answer["items"][0]["url"] if answer["items"] else None
        pages = {_page(url) for url in right}
        if first not in right and not (len(pages) == 1 and first is not None and _page(first) in pages
                                       and all("#" not in url for url in right)):
            wrong.append(f"{text[:80]!r}: first {first}, expected one of {sorted(right)}")
    assert not wrong, f"{len(wrong)} of {len(examples)} examples:\n" + "\n".join(wrong[:20])


@dataclass(frozen=True)
class Paste:
    """One paste of the corpus: the client format, the text, and the entry it names."""

    format: str
    catalog: str
    system: str | None
    code: str
    anchor: str | None
    text: str
    where: str


def _cases(file: Path) -> Iterator[tuple[int, str, list[str]]]:
    """The cases of one corpus file: the line number of each header, the header, and the lines under it."""
    header: tuple[int, str] | None = None
    lines: list[str] = []
    for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("=== "):
            if header is not None:
                yield header[0], header[1], lines
            header, lines = (number, line), []
        elif header is not None:
            lines.append(line)
        else:
            assert not line.strip() or line.startswith("#"), f"{file.name}:{number}: text before the first ==="
    if header is not None:
        yield header[0], header[1], lines


def read_corpus(folder: Path = PASTES) -> list[Paste]:
    """Every paste under tests/pastes/: a `=== <catalog> [<system>:]<code>[#anchor]` line, then the paste."""
    pastes = []
    for file in sorted(folder.glob("*.txt")):
        for number, line, lines in _cases(file):
            header = HEADER.match(line)
            assert header, f"{file.name}:{number}: a header is `=== <catalog> [<system>:]<code>[#anchor]`"
            text = "\n".join(lines).rstrip("\n")
            assert text.strip(), f"{file.name}:{number}: empty paste"
            pastes.append(Paste(file.stem, header[1], header[2], header[3], header[4], text,
                                f"{file.name}:{number}"))
    return pastes


def expected_url(catalogs: Sequence[Catalog], paste: Paste) -> str:
    """The URL a paste must put first: its entry's page, with the anchor when the corpus names one."""
    catalog = next(c for c in catalogs if c.id == paste.catalog)
    system = paste.system or catalog.primary_system.id
    entries = [e for e in catalog.entries if e.system == system and e.code == paste.code]
    assert entries, f"{paste.where}: {paste.catalog} has no code {system}:{paste.code}"
    page = _page(_url(catalog, entries[0]))
    return f"{page}#{paste.anchor}" if paste.anchor else page


def test_corpus_of_real_pastes(tmp_path, catalogs):
    corpus = read_corpus()
    held = {c.id for c in catalogs}
    pastes = [p for p in corpus if p.catalog in held]
    if not pastes:
        pytest.skip("data/ holds none of the catalogs the corpus of pastes is about")
    if EXAMPLE_CATALOGS <= held:
        assert len(pastes) >= 80 and len({p.format for p in pastes}) >= 10, "the corpus shrank"
    answers = run_lookup(tmp_path, catalogs, [p.text for p in pastes])
    right, empty, wrong = 0, [], []
    for paste, answer in zip(pastes, answers, strict=True):
        expected = expected_url(catalogs, paste)
        first = answer["items"][0]["url"] if answer["items"] else None
        if first is None:
            empty.append(paste.where)
        elif first == expected or ("#" not in expected and _page(first) == expected):
            right += 1
        else:
            wrong.append(f"{paste.where} ({paste.format}): first {first}, expected {expected}")
    assert not empty, "pastes that find nothing: " + ", ".join(empty)
    assert right >= 0.95 * len(pastes), f"{right} of {len(pastes)} right first:\n" + "\n".join(wrong)


def test_corpus_headers_name_real_entries(catalogs):
    held = {c.id for c in catalogs}
    for paste in read_corpus():
        if paste.catalog in held:
            expected_url(catalogs, paste)
        else:
            assert paste.catalog in EXAMPLE_CATALOGS, f"{paste.where}: unknown catalog {paste.catalog}"


def test_hostile_pastes_are_answered(tmp_path, catalogs):
    hostile = [
        "(" * 100_000 + "code=1806" + ")" * 100_000,
        "a:" * 300_000,
        "\u0000\u202e\u200b" * 50_000,
        "ERROR:  " + "x" * 900_000,
        "{" * 200_000,
        '"error": "' * 100_000,
        "\n".join(f"2026-12-07 10:00:{i % 60:02d} ERROR:  code {i}: failure {i}" for i in range(20_000)),
        "<script>alert(1)</script>\nERROR:  22012: <img src=x onerror=alert(1)>",
    ]
    answers = run_lookup(tmp_path, catalogs, hostile)
    assert len(answers) == len(hostile)
    for answer in answers:
        for item in answer["items"]:
            assert not re.search(r"[<>\s]", item["url"]), item


def test_the_lookup_page_examples_each_find_something(tmp_path, catalogs):
    examples = [example for kind in paste_kinds(catalogs) for example in kind.examples]
    assert examples
    answers = run_lookup(tmp_path, catalogs, examples)
    assert all(answer["total"] for answer in answers), [e for e, a in zip(examples, answers, strict=True)
                                                        if not a["total"]]
