"""The spreadsheet of a catalog (macros/exports/spreadsheet.py): RFC 4180, one row per entry, text kept as text."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.exports import spreadsheet
from macros.site import outputs, urls
from macros.site.vocabulary import RETRYABLE_LABELS

SITE = "https://errors.example/"


def parse(text: str) -> list[list[str]]:
    """The records of a CSV text, as an RFC 4180 reader sees them."""
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_one_row_per_entry_with_a_header(catalog_twice) -> None:
    text = "".join(spreadsheet.csv_file(outputs.Site((catalog_twice,), SITE), catalog_twice))
    header, *rows = parse(text)
    assert header == spreadsheet.header(catalog_twice)
    assert len(rows) == len(list(catalog_twice.entries))
    column = {name: i for i, name in enumerate(header)}
    for entry, values in zip(catalog_twice.entries, rows, strict=True):
        assert values[column["Code"]] == entry.code
        assert values[column["Name"]] == (entry.name or "")
        assert values[column["HTTP status"]] == ("" if entry.status is None else str(entry.status))
        assert values[column["Retry"]] == RETRYABLE_LABELS[entry.retry.retryable]
        assert values[column["Page"]] == SITE.rstrip("/") + urls.entry_url(catalog_twice, entry)
    twice = [r for r in rows if r[column["Code"]] == "100"]
    assert [r[column["Name"]] for r in twice] == ["BadThing", "OtherThing"]
    assert len({r[column["Page"]] for r in twice}) == 2, "each entry of a code listed twice links its own anchor"
    assert "Thing {name} is bad" in twice[0][column["Messages"]]


def test_records_end_in_crlf_and_fields_with_commas_quotes_and_breaks_are_quoted() -> None:
    text = "".join(spreadsheet.lines([["a", 'say "hi", then', "two\nlines"], ["1", "", "x"]]))
    assert text == 'a,"say ""hi"", then","two\nlines"\r\n1,,x\r\n'
    assert parse(text) == [["a", 'say "hi", then', "two\nlines"], ["1", "", "x"]]


@pytest.mark.parametrize(("value", "shown"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+2", "'+1+2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-cmd", "'-cmd"), ("\tlead", "'\tlead"), ("-1", "-1"), ("+42", "+42"), ("plain", "plain"), (None, ""),
    (404, "404"),
])
def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(value, shown) -> None:
    assert spreadsheet.cell(value) == shown


def test_catalog_text_that_looks_like_a_formula_is_kept_as_text(tmp_path, example_files) -> None:
    example_files["things.yml"] = example_files["things.yml"].replace(
        "description: The thing is bad.", "description: '=IMPORTXML(\"http://evil\", \"//a\")'")
    catalog = load_catalogs(write_catalog(tmp_path / "formula", example_files))[0]
    header, *rows = parse("".join(spreadsheet.csv_file(outputs.Site((catalog,), SITE), catalog)))
    described = [r[header.index("Description")] for r in rows]
    assert "'=IMPORTXML(\"http://evil\", \"//a\")" in described


def test_every_catalog_publishes_its_spreadsheet_in_utf8(built_site, catalogs) -> None:
    site, _ = built_site
    for catalog in catalogs:
        raw = (site / outputs.SPREADSHEET.at(catalog.id)).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        header, *rows = parse(raw.decode("utf-8"))
        assert header == spreadsheet.header(catalog)
        assert len(rows) == len(list(catalog.entries)), catalog.id
        assert {r[0] for r in rows} == {e.code for e in catalog.entries}
        downloads = (site / outputs.DOWNLOADS.site_path(catalog.id) / "index.html").read_text(encoding="utf-8")
        assert '<a href="errors.csv" download><code>errors.csv</code></a>' in downloads
