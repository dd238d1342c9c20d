"""Checks of ranges and classes: codes outside them, inside another group's, overlaps, groups left out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..catalog.codesets import CodeSet, SetIndex, overlaps
from ..catalog.model import Catalog, CodeRange, ErrorEntry, Location
from .findings import Finding, finding


def _declared_spans(catalog: Catalog) -> dict[str, list[CodeSet]]:
    spans: dict[str, list[CodeSet]] = defaultdict(list)
    for code_range in catalog.ranges:
        if code_range.group:
            spans[code_range.group].append(code_range.span)
    return spans


def check_code_outside_range(catalog: Catalog) -> Iterator[Finding]:
    """Codes outside their group's published span or declared range."""
    declared = _declared_spans(catalog)
    term = catalog.range_term.singular
    for group in catalog.groups:
        spans = ([("published span", group.span)] if group.span else []) + [
            (f"declared {term}", span) for span in declared.get(group.id, []) if span != group.span]
        for kind, span in spans:
            outside = [e for e in group.entries if e.code not in span]
            if not outside:
                continue
            codes = ", ".join(e.code for e in outside)
            yield finding(
                "code-outside-range", f"{group.id}:{span}", outside[0].location,
                f"{group.title} gives the {kind} {span}, but {len(outside)} of its codes lie outside it "
                f"({codes}). Move the codes into the range or correct the range.",
                notice=f"This code lies outside the {kind} {span} of {group.title}, the section it is "
                       "published in.",
                refs=[e.ref for e in outside], groups=[group.id])


def check_codes_in_other_range(catalog: Catalog) -> Iterator[Finding]:
    """A group whose codes lie in the range declared for another group."""
    index = SetIndex.of((r.span, r) for r in catalog.ranges if r.group is not None)
    term = catalog.range_term.singular
    for group in catalog.groups:
        if not catalog.system(group.system).primary:
            continue
        inside: dict[int, tuple[CodeRange, list[ErrorEntry]]] = {}
        for entry in group.entries:
            for code_range in index.containing(entry.code):
                if code_range.group != group.id:
                    inside.setdefault(id(code_range), (code_range, []))[1].append(entry)
        for code_range, entries in sorted(inside.values(), key=lambda item: catalog.ranges.index(item[0])):
            owner = catalog.group(code_range.group).title if code_range.group else code_range.name
            yield finding(
                "codes-in-other-range", f"{group.id}:{code_range.span}", entries[0].location,
                f"{len(entries)} codes of {group.title} ({', '.join(e.code for e in entries)}) lie in "
                f"{code_range.span}, the {term} declared for {code_range.name}. Renumber them, or "
                "acknowledge it if the API publishes them this way.",
                notice=f"This code lies in {code_range.span}, the {term} declared for {owner}, although "
                       f"it belongs to {group.title}.",
                refs=[e.ref for e in entries], groups=[group.id] + ([code_range.group] if code_range.group else []))


def check_range_overlap(catalog: Catalog) -> Iterator[Finding]:
    """Declared ranges, or published spans of different groups, that overlap."""
    term = catalog.range_term.singular
    spans: list[tuple[str, str | None, CodeSet, Location]] = [
        (f"the declared {term} {r.name} ({r.span})", r.group, r.span, r.location) for r in catalog.ranges]
    declared = _declared_spans(catalog)
    for group in catalog.groups:
        if group.span and group.span not in declared.get(group.id, []):
            spans.append((f"the published span of {group.title} ({group.span})", group.id, group.span,
                          group.location))
    for i, (name_a, group_a, span_a, where_a) in enumerate(spans):
        for name_b, group_b, span_b, _ in spans[i + 1:]:
            if group_a is not None and group_a == group_b:
                continue
            if overlaps(span_a, span_b):
                groups = [g for g in (group_a, group_b) if g]
                refs = [e.ref for g in groups for e in catalog.group(g).entries
                        if e.code in span_a and e.code in span_b]
                yield finding(
                    "range-overlap", f"{span_a}~{span_b}:{'~'.join(groups)}", where_a,
                    f"{name_a} overlaps {name_b}. Give each group its own numbers.",
                    notice=f"This code lies where {name_a} and {name_b} overlap.",
                    refs=refs, groups=groups)


MANY_GROUPS = 500
"""Groups in one catalog past which a warning says what they cost: 2,000 one-code groups took eight times as long to
build as one group of 5,000 codes, and four times the memory."""


def check_many_groups(catalog: Catalog) -> Iterator[Finding]:
    """A catalog with more groups (group files) than MANY_GROUPS."""
    if len(catalog.groups) <= MANY_GROUPS:
        return
    where = next((f for f in catalog.sources if f.rsplit("/", 1)[-1] == "catalog.yml"), catalog.groups[0].location.file)
    yield finding(
        "many-groups", catalog.id, Location(where, 1),
        f"the catalog has {len(catalog.groups)} groups (more than {MANY_GROUPS}). Each is a table page listed in the "
        "site's navigation on every page, so the build's time and memory grow with the square of their number "
        "(2,000 one-code groups take about eight times as long as one group of 5,000 codes). Merge small groups "
        "into fewer files, by service or range.")


def check_group_not_declared(catalog: Catalog) -> Iterator[Finding]:
    """Groups of the primary system that the declared range list leaves out."""
    if not catalog.ranges:
        return
    declared = {r.group for r in catalog.ranges}
    term = catalog.range_term
    for group in catalog.groups:
        if group.id in declared or not catalog.system(group.system).primary or not group.entries:
            continue
        span = f" ({group.span})" if group.span else ""
        yield finding(
            "group-not-declared", group.id, group.location,
            f"{group.title}{span} is not in the catalog's declared {term.singular} list. Add its "
            f"{term.singular} to `ranges` in catalog.yml.",
            notice=f"{group.title}, the section this code is published in, is missing from the "
                   f"catalog's list of declared code {term.plural}.",
            refs=[e.ref for e in group.entries], groups=[group.id])


def check_declared_range_differs(catalog: Catalog) -> Iterator[Finding]:
    """A group whose own span differs from its declared range."""
    for code_range in catalog.ranges:
        if not code_range.group:
            continue
        group = catalog.group(code_range.group)
        if group.span and group.span != code_range.span:
            yield finding(
                "declared-range-differs", f"{group.id}:{code_range.span}", code_range.location,
                f"{code_range.name} is declared as {code_range.span}, but {group.title} gives "
                f"{group.span}. Make them agree.", groups=[group.id])
