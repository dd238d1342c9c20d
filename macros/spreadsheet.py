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

from . import urls
from .model import Catalog, ErrorEntry
from .outputs import Site
from .twins import absolute
from .vocabulary import LIFECYCLE_LABELS, RETRYABLE_LABELS, SEVERITY_LABELS

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


def row(catalog: Catalog, entry: ErrorEntry, site_url: str | None) -> list[str]:
    """An entry's cells, in the order of COLUMNS."""
    life = entry.lifecycle
    replaced = life.replaced_by
    messages = [m.text for m in catalog.messages_for(entry.ref) if m.removed is None]
    values: list[object] = [
        entry.code, entry.name, catalog.system(entry.system).title, catalog.group(entry.group).title, entry.status,
        RETRYABLE_LABELS[entry.retry.retryable], SEVERITY_LABELS.get(entry.severity or "", entry.severity),
        LIFECYCLE_LABELS[life.state], life.since, None if replaced is None else catalog.ref_label(replaced),
        entry.description, "\n".join(entry.fixes), "\n".join(messages),
        absolute(site_url, urls.entry_url(catalog, entry))]
    return [cell(v) for v in values]


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
    return lines((list(COLUMNS), *(row(catalog, e, site.site_url) for e in catalog.entries)))
