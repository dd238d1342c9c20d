"""llms.txt and llms-full.txt (macros/exports/llms.py): the format, every entry listed, and a bounded size."""

from __future__ import annotations

import re
from dataclasses import replace

from macros.exports import llms
from macros.exports.records import entry_record
from macros.site import urls

SITE = "https://errors.example/"


def test_llms_txt_has_the_format_and_says_how_to_resolve_an_error(catalog_twice, released_catalog) -> None:
    text = llms.llms_txt([catalog_twice], "Error Code Reference", "Every error, explained.", SITE)
    lines = text.splitlines()
    assert lines[0] == "# Error Code Reference" and lines[2] == "> Every error, explained."
    sections = [line for line in lines if line.startswith("## ")]
    assert sections == ["## Resolve an error", "## Example"]
    assert "- [Look up anything](https://errors.example/lookup/?q=)" in text
    assert "code pages at `https://errors.example/example/{code}/`" in text
    assert "[Every entry, compact](https://errors.example/example/llms-full.txt): Every entry in a few lines" in text
    assert "[catalog.json slice](https://errors.example/example/catalog.json)" in text
    assert not re.search(r"\]\((?!https://errors\.example/)", text), "every link is absolute and on the site"
    assert "[Changes](https://errors.example/example/changes/)" in llms.llms_txt([released_catalog], "S", "s", SITE)


def test_llms_full_lists_every_entry_and_message(catalog_twice) -> None:
    text = "".join(llms.llms_full(catalog_twice, SITE))
    for entry in catalog_twice.entries:
        assert f"<{SITE.rstrip('/')}{urls.entry_url(catalog_twice, entry)}>" in text
    for message in catalog_twice.messages:
        assert f"<{SITE.rstrip('/')}{urls.message_url(catalog_twice, message)}>" in text
    assert "### `100` BadThing\n\nThe thing is bad. (status 400, retry: no)\nFix: Send a good thing.\n" in text


def test_an_entry_takes_a_bounded_size_whatever_its_text(catalog_twice) -> None:
    huge = "<script>" + "x" * 100_000
    group = catalog_twice.groups[0]
    entry = replace(group.entries[0], code="C" * 100, name=huge, description=huge, fixes=(huge,))
    block = "\n".join(llms._entry(replace(entry_record(catalog_twice, entry, SITE), facts=(("sqlstate", huge),)),
                                  {"sqlstate": huge}))
    assert len(block.encode("utf-8")) <= llms.MAX_ENTRY_BYTES
    assert "<script>" not in block and "\\<script\\>" in block


def test_llms_full_lists_a_messages_translations_under_it(translated) -> None:
    text = "".join(llms.llms_full(translated, SITE))
    block = text.split("- `division by zero` (code `22012`)", 1)[1].split("\n- ", 1)[0]
    assert block.splitlines()[1:] == ["  - German `de`: `Division durch Null`", "  - French `fr`: `division par zéro`",
                                      "  - Japanese `ja`: `0 による除算が行われました`"]
