"""The lookup page's "What you can paste": each kind of text the lookup reads, with examples from the catalogs.

Nothing here names a catalog: every example is picked from whatever data/ holds, and a kind no catalog can
show is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice, zip_longest

from . import urls
from .examples import example_message, example_response
from ..catalog.model import Catalog, ErrorEntry


@dataclass(frozen=True)
class PasteKind:
    """One row of the guide: what the reader has, real examples of it, and what the lookup gives back."""

    have: str
    examples: tuple[str, ...]
    gives: str


def _spread(per_catalog: Iterable[Iterable[str]], count: int) -> tuple[str, ...]:
    """Up to count distinct values, taken in turn from each catalog's own, so that every catalog shows."""
    out: list[str] = []
    for round_ in zip_longest(*(islice(values, count) for values in per_catalog)):
        for value in round_:
            if value is not None and value not in out and len(out) < count:
                out.append(value)
    return tuple(out)


def _one_line_response(catalog: Catalog) -> str | None:
    if catalog.envelope is None:
        return None
    for entry in catalog.entries:
        if entry.status is not None and entry.system == catalog.primary_system.id:
            message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
            return json.dumps(json.loads(example_response(catalog, entry, message)), ensure_ascii=False)
    return None


def paste_kinds(catalogs: Sequence[Catalog]) -> list[PasteKind]:
    """The kinds of text the lookup reads, each with up to three examples from the catalogs present."""
    def active(catalog: Catalog) -> list[ErrorEntry]:
        return [e for e in catalog.entries if e.lifecycle.state == "active"]

    kinds = [
        PasteKind("A code, in any code system", _spread(([e.code for e in active(c)] for c in catalogs), 4),
                  "That code first; the same code in other catalogs or code systems, labelled and grouped"),
        PasteKind("A name or an alias, in any casing", _spread(
            ([n for e in active(c) for n in (e.name, *e.alias_names) if n] for c in catalogs), 3),
            "The exact name or alias first, then names that start with it, then close spellings"),
        PasteKind("A message, exact or filled in", _spread(
            ([*(m.text for m in c.messages), *(e.example_message for e in c.entries if e.example_message)]
             for c in catalogs), 3),
            "The entry with that message, or with the template it fills in, also inside a longer line"),
        PasteKind("A message in another language", _spread(
            ([text for m in c.messages for text in m.translations.values()] for c in catalogs), 3),
            "The message it translates, exact or filled in, also inside a longer line; the result says which "
            "language matched"),
        PasteKind("A line from a log, a client or a driver", _spread(
            ([f.example for s in c.systems for f in s.line_formats if f.example] for c in catalogs), 4),
            "The entry the line's code, name and message agree on; a line in a format the catalog declares "
            "points to that catalog"),
        PasteKind("A whole error response or a `curl -i` transcript", _spread(
            ([r] for r in map(_one_line_response, catalogs) if r), 2),
            "The entry its code, status and message point to, even when the JSON is cut short"),
        PasteKind("An HTTP status", _spread(([f"HTTP {s}" for s in c.statuses] for c in catalogs), 2),
                  "The status's retry guidance in each catalog, and the codes that use it"),
        PasteKind("A range or a class", _spread(([r.span.label for r in c.ranges] for c in catalogs), 3),
                  "The range or class and every code in it"),
        PasteKind("A link to this site", _spread(
            ([urls.entry_url(c, e).split("#")[0] for e in active(c)] for c in catalogs), 1),
            "That page; for an address that does not exist, the catalog's nearest codes"),
    ]
    return [kind for kind in kinds if kind.examples]
