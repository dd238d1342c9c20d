"""A catalog as a spreadsheet: `/<catalog>/downloads/errors.csv`, one row per entry.

Pure (model in, text out). RFC 4180: a header row, comma-separated fields, CRLF line ends, a field
quoted when it holds a comma, a quote or a line break, quotes doubled; UTF-8 without a byte order
mark. The columns are the ones a support team sorts and filters by. A text cell that a spreadsheet
would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) starts with an
apostrophe, so that catalog text stays text; a number stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from ..catalog.model import Catalog, ErrorEntry
from ..site.outputs import Site
from ..site.vocabulary import LIFECYCLE_LABELS, RETRYABLE_LABELS, SEVERITY_LABELS
from .records import EntryRecord, of_site

COLUMNS = ("Code", "Name", "Code system", "Group", "HTTP status", "Retry", "Severity", "Lifecycle", "Since",
           "Replaced by", "Description", "Fixes", "Messages", "Page")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def cell(value: object) -> str:
    """A value as a cell's text: None empty, a formula-looking text behind an apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def row(catalog: Catalog, entry: ErrorEntry, record: EntryRecord) -> list[str]:
    """An entry's cells, in the order of the header: its record's fields, its code's message strings, its facts."""
    replaced = record.replaced_by
    messages = [m.text for m in catalog.messages_for(entry.ref) if m.removed is None]
    values: list[object] = [
        record.code, record.name, record.system_title, record.group_title, record.status,
        RETRYABLE_LABELS[record.retryable], SEVERITY_LABELS.get(record.severity or "", record.severity),
        LIFECYCLE_LABELS[record.lifecycle], record.since, None if replaced is None else catalog.ref_label(replaced),
        record.description, "\n".join(record.fixes), "\n".join(messages), record.url]
    given = dict(record.facts)
    values += [given.get(fact.id) for fact in catalog.facts]
    return [cell(v) for v in values]


def header(catalog: Catalog) -> list[str]:
    """The header row: the fixed COLUMNS, then a column for each fact the catalog declares, by its label."""
    return [*COLUMNS, *(fact.label for fact in catalog.facts)]


def lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """Rows as RFC 4180 records, one string each."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values in rows:
        writer.writerow(values)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_file(site: Site, catalog: Catalog) -> Iterator[str]:
    """/<catalog>/downloads/errors.csv."""
    return lines((header(catalog), *(row(catalog, e, r) for e, r in zip(catalog.entries, of_site(site, catalog),
                                                                        strict=True))))
