"""Catalog lint: the inconsistencies a reader would trip over, beyond what the schema can say.

Every check is a function from a Catalog to Findings. A finding has a stable check id, a
severity (an error fails the build, a warning does not), a subject that names what it is
about (so a catalog can acknowledge it in catalog.yml), the file and line, a message that
says what is wrong and what to do, and the codes and groups it affects (for the health page
and the notices on code pages).

Run it from the command line: `python -m macros.lint [data] [--format json]`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import urls
from .codesets import Span
from .loader import load_catalogs
from .model import Catalog, CodeRef, ErrorEntry, Group, Location
from .problems import CatalogError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    """A kind of finding: its id, severity, title and what it means for a reader."""

    id: str
    severity: str
    title: str
    explanation: str
    acknowledgeable: bool = True


@dataclass(frozen=True)
class Finding:
    """One inconsistency found in a catalog."""

    check: str
    severity: str
    subject: str
    file: str
    line: int
    message: str
    notice: str = ""
    refs: tuple[CodeRef, ...] = ()
    groups: tuple[str, ...] = ()
    acknowledged: str | None = None

    @property
    def fails(self) -> bool:
        """Whether this finding fails the build."""
        return self.severity == ERROR and self.acknowledged is None

    def __str__(self) -> str:
        kept = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return (f"{self.file}:{self.line}: {self.severity}: [{self.check}] {self.message} "
                f"(subject: {self.subject}){kept}")


@dataclass(frozen=True)
class Health:
    """Every finding of one catalog, with lookups by code."""

    catalog: str
    findings: tuple[Finding, ...]
    _by_ref: Mapping[CodeRef, tuple[Finding, ...]] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def of(cls, catalog: str, findings: Iterable[Finding]) -> Health:
        """Index the findings of a catalog by the codes they affect."""
        ordered = tuple(sorted(findings, key=lambda f: (CHECK_ORDER[f.check], f.file, f.line, f.subject)))
        by_ref: dict[CodeRef, list[Finding]] = defaultdict(list)
        for finding in ordered:
            for ref in dict.fromkeys(finding.refs):
                by_ref[ref].append(finding)
        return cls(catalog, ordered, {ref: tuple(items) for ref, items in by_ref.items()})

    def for_ref(self, ref: CodeRef) -> tuple[Finding, ...]:
        """The findings that affect a code."""
        return self._by_ref.get(ref, ())

    @property
    def failing(self) -> tuple[Finding, ...]:
        """Unacknowledged errors: what fails the build."""
        return tuple(f for f in self.findings if f.fails)

    def by_check(self) -> list[tuple[Check, tuple[Finding, ...]]]:
        """Findings grouped by check, in the order the checks are listed."""
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            groups[finding.check].append(finding)
        return [(CHECKS[c], tuple(groups[c])) for c in CHECKS if c in groups]


CHECK_LIST = (
    Check("duplicate-code", ERROR, "Code listed more than once",
          "The same code stands for more than one error in one code system, so a client cannot tell "
          "from the code alone which error it got."),
    Check("code-outside-range", ERROR, "Code outside its range",
          "A code lies outside the span its own section (or its declared range) gives, so a reader "
          "who trusts the ranges looks for it in the wrong place."),
    Check("codes-in-other-range", ERROR, "Codes inside another group's range",
          "A group's codes lie inside the range declared for a different group, so the range no "
          "longer tells which service raised the error."),
    Check("range-overlap", ERROR, "Overlapping ranges",
          "Two declared ranges or published spans cover the same numbers."),
    Check("group-not-declared", ERROR, "Group missing from the declared ranges",
          "The catalog declares its code ranges, but this group's span is not among them."),
    Check("declared-range-differs", WARNING, "Published span differs from the declared range",
          "A group's own heading gives a different span than the catalog's declared range list."),
    Check("status-code-mismatch", ERROR, "Code number disagrees with its status",
          "The catalog's numbers encode the HTTP status, but this code's number says another status "
          "than the one it is returned with."),
    Check("name-status-mismatch", WARNING, "Name says one thing, status another",
          "The error's name suggests one HTTP status (NotFound, Unauthorized, Conflict...) but it is "
          "returned with another, so a client that branches on the status misreads it."),
    Check("naming-convention", WARNING, "Name breaks the naming convention",
          "A name or code does not follow the convention its code system declares."),
    Check("retry-contradicts-status", ERROR, "Retry rule contradicts its status without a reason",
          "The entry's retry verdict differs from its HTTP status's policy but does not say why."),
    Check("unknown-reference", ERROR, "Link to a code that does not exist",
          "A related, replaced-by or not-to-be-confused-with link names a code the catalog does not "
          "have; the page would link nowhere.", acknowledgeable=False),
    Check("missing-guidance", WARNING, "Entry without causes or fix",
          "The reader learns what the error is called but not why it happens or what to do."),
    Check("undeclared-placeholder", ERROR, "Message placeholder not declared",
          "A message template has a {placeholder} that its entry does not explain, or declares one "
          "the message does not have."),
    Check("message-ambiguous", WARNING, "Message matches another message's template",
          "An exact message string is also an instance of a templated message, so the message alone "
          "does not tell which entry it is."),
    Check("message-multiple-statuses", ERROR, "Message listed under two statuses",
          "The same message string is listed with two different codes or statuses."),
    Check("lifecycle-without-guidance", WARNING, "Retired code without guidance",
          "A deprecated or historical code says neither what replaces it nor what to do."),
    Check("url-collision", ERROR, "Two pages would get the same URL",
          "Two codes map to the same page address (or to one the site already uses), so one page "
          "would overwrite the other.", acknowledgeable=False),
    Check("stale-acknowledgement", ERROR, "Acknowledgement that matches nothing",
          "catalog.yml acknowledges a finding the lint no longer reports (or one that cannot be "
          "acknowledged); remove it or correct its check and subject.", acknowledgeable=False),
)
CHECKS = {c.id: c for c in CHECK_LIST}
CHECK_ORDER = {c.id: i for i, c in enumerate(CHECK_LIST)}

NAME_STATUSES: tuple[tuple[re.Pattern[str], frozenset[int], str], ...] = tuple(
    (re.compile(pattern), frozenset(statuses), meaning) for pattern, statuses, meaning in (
        (r"notfound|notexist|doesnotexist|missing$", {404}, "not found"),
        (r"unauthori[sz]ed|unauthenticated", {401}, "not authenticated"),
        (r"forbidden|permissiondenied|accessdenied", {403}, "forbidden"),
        (r"alreadyexists|conflict|duplicate", {409}, "a conflict"),
        (r"ratelimit|toomanyrequests|throttl", {429}, "rate limiting"),
        (r"^gone$|gone$", {410}, "gone"),
        (r"notimplemented", {501}, "not implemented"),
        (r"serviceunavailable|unreachable", {502, 503, 504}, "a service that cannot be reached"),
        (r"timeout|timedout", {408, 504}, "a timeout"),
        (r"^badrequest$", {400}, "a bad request"),
        (r"^internalservererror$|^internalerror$", {500}, "an internal server error"),
        (r"validation", {400, 422}, "invalid input"),
    )
)

STYLES = {
    "PascalCase": re.compile(r"[A-Z][a-zA-Z0-9]*"),
    "camelCase": re.compile(r"[a-z][a-zA-Z0-9]*"),
    "snake_case": re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*"),
    "UPPER_SNAKE_CASE": re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*"),
}


def _subject(ref: CodeRef) -> str:
    return f"{ref.system}:{ref.code}"


def _label(catalog: Catalog, ref: CodeRef) -> str:
    return ref.code if catalog.system(ref.system).primary else f"{ref.system}:{ref.code}"


def _finding(check: str, subject: str, where: Location, message: str, *, notice: str = "",
             refs: Iterable[CodeRef] = (), groups: Iterable[str] = ()) -> Finding:
    spec = CHECKS[check]
    return Finding(check, spec.severity, subject, where.file, where.line, message, notice,
                   tuple(refs), tuple(groups))


def _numeric_entries(group: Group) -> list[ErrorEntry]:
    return [e for e in group.entries if e.numeric_code is not None]


def _declared_spans(catalog: Catalog) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = defaultdict(list)
    for code_range in catalog.ranges:
        if code_range.group:
            spans[code_range.group].append(code_range.span)
    return spans


# --- the checks ----------------------------------------------------------------------------


def check_duplicate_codes(catalog: Catalog) -> Iterator[Finding]:
    """The same code twice in one code system."""
    for ref, entries in catalog.codes.items():
        if len(entries) < 2:
            continue
        listed = "; ".join(
            f"{e.name or e.code} ({catalog.group(e.group).title}, status "
            f"{e.status if e.status is not None else 'none'}, {e.location.file}:{e.location.line})" for e in entries)
        yield _finding(
            "duplicate-code", _subject(ref), entries[1].location,
            f"code {_label(catalog, ref)} is listed {len(entries)} times: {listed}. Give each error its "
            "own code, or acknowledge it if the API really returns the same code for both.",
            notice=f"The catalog uses code {_label(catalog, ref)} for {len(entries)} different errors: "
                   + ", ".join(f"{e.name or e.code} ({e.status if e.status is not None else 'no status'})"
                               for e in entries) + ". Tell them apart by the status and the message.",
            refs=[ref], groups=dict.fromkeys(e.group for e in entries))


def check_code_outside_range(catalog: Catalog) -> Iterator[Finding]:
    """Codes outside their group's published span or declared range."""
    declared = _declared_spans(catalog)
    for group in catalog.groups:
        spans = ([("published span", group.span)] if group.span else []) + [
            ("declared range", span) for span in declared.get(group.id, []) if span != group.span]
        for kind, span in spans:
            outside = [e for e in _numeric_entries(group) if e.numeric_code not in span]
            if not outside:
                continue
            codes = ", ".join(e.code for e in outside)
            yield _finding(
                "code-outside-range", f"{group.id}:{span}", outside[0].location,
                f"{group.title} gives the {kind} {span}, but {len(outside)} of its codes lie outside it "
                f"({codes}). Move the codes into the range or correct the range.",
                notice=f"This code lies outside the {kind} {span} of {group.title}, the section it is "
                       "published in.",
                refs=[e.ref for e in outside], groups=[group.id])


def check_codes_in_other_range(catalog: Catalog) -> Iterator[Finding]:
    """A group whose codes lie in the range declared for another group."""
    for group in catalog.groups:
        numbered = _numeric_entries(group)
        if not catalog.system(group.system).primary or not numbered:
            continue
        lowest = min(e.numeric_code or 0 for e in numbered)
        highest = max(e.numeric_code or 0 for e in numbered)
        for code_range in catalog.ranges:
            if code_range.group in (None, group.id) or code_range.span.end < lowest or code_range.span.start > highest:
                continue
            inside = [e for e in numbered if e.numeric_code in code_range.span]
            if not inside:
                continue
            owner = catalog.group(code_range.group).title if code_range.group else code_range.name
            yield _finding(
                "codes-in-other-range", f"{group.id}:{code_range.span}", inside[0].location,
                f"{len(inside)} codes of {group.title} ({', '.join(e.code for e in inside)}) lie in "
                f"{code_range.span}, the range declared for {code_range.name}. Renumber them, or "
                "acknowledge it if the API publishes them this way.",
                notice=f"This code lies in {code_range.span}, the range declared for {owner}, although "
                       f"it belongs to {group.title}.",
                refs=[e.ref for e in inside], groups=[group.id] + ([code_range.group] if code_range.group else []))


def check_range_overlap(catalog: Catalog) -> Iterator[Finding]:
    """Declared ranges, or published spans of different groups, that overlap."""
    spans: list[tuple[str, str | None, Span, Location]] = [
        (f"the declared range {r.name} ({r.span})", r.group, r.span, r.location) for r in catalog.ranges]
    declared = _declared_spans(catalog)
    for group in catalog.groups:
        if group.span and group.span not in declared.get(group.id, []):
            spans.append((f"the published span of {group.title} ({group.span})", group.id, group.span,
                          group.location))
    for i, (name_a, group_a, span_a, where_a) in enumerate(spans):
        for name_b, group_b, span_b, _ in spans[i + 1:]:
            if group_a is not None and group_a == group_b:
                continue
            if span_a.start <= span_b.end and span_b.start <= span_a.end:
                groups = [g for g in (group_a, group_b) if g]
                refs = [e.ref for g in groups for e in catalog.group(g).entries
                        if e.numeric_code is not None and e.numeric_code in span_a and e.numeric_code in span_b]
                yield _finding(
                    "range-overlap", f"{span_a}~{span_b}:{'~'.join(groups)}", where_a,
                    f"{name_a} overlaps {name_b}. Give each group its own numbers.",
                    notice=f"This code lies where {name_a} and {name_b} overlap.",
                    refs=refs, groups=groups)


def check_group_not_declared(catalog: Catalog) -> Iterator[Finding]:
    """Groups of the primary numeric system that the declared range list leaves out."""
    if not catalog.ranges:
        return
    declared = {r.group for r in catalog.ranges}
    for group in catalog.groups:
        if group.id in declared or not catalog.system(group.system).primary or not _numeric_entries(group):
            continue
        span = f" ({group.span})" if group.span else ""
        yield _finding(
            "group-not-declared", group.id, group.location,
            f"{group.title}{span} is not in the catalog's declared range list. Add its range to "
            "`ranges` in catalog.yml.",
            notice=f"{group.title}, the section this code is published in, is missing from the "
                   "catalog's list of declared code ranges.",
            refs=[e.ref for e in group.entries], groups=[group.id])


def check_declared_range_differs(catalog: Catalog) -> Iterator[Finding]:
    """A group whose own span differs from its declared range."""
    for code_range in catalog.ranges:
        if not code_range.group:
            continue
        group = catalog.group(code_range.group)
        if group.span and group.span != code_range.span:
            yield _finding(
                "declared-range-differs", f"{group.id}:{code_range.span}", code_range.location,
                f"{code_range.name} is declared as {code_range.span}, but {group.title} gives "
                f"{group.span}. Make them agree.", groups=[group.id])


def check_status_code_mismatch(catalog: Catalog) -> Iterator[Finding]:
    """Codes whose number encodes another status than the one they come with."""
    for group in catalog.groups:
        kind = catalog.system(group.system).kind
        offset = 0 if kind == "http-status" else group.status_offset
        if offset is None:
            continue
        for entry in _numeric_entries(group):
            implied = (entry.numeric_code or 0) - offset
            if entry.status is not None and implied != entry.status:
                rule = "the code is the status" if kind == "http-status" else f"code = {offset} + status"
                yield _finding(
                    "status-code-mismatch", _subject(entry.ref), entry.location,
                    f"code {entry.code} implies status {implied} ({rule}), but {entry.name or entry.code} "
                    f"comes with {entry.status}. Correct the code or the status.",
                    notice=f"The number {entry.code} suggests HTTP status {implied}, but this error is "
                           f"returned with {entry.status}.",
                    refs=[entry.ref], groups=[group.id])


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def check_name_status(catalog: Catalog) -> Iterator[Finding]:
    """Names that say one thing while the status says another."""
    for entry in catalog.entries:
        if entry.status is None:
            continue
        key = _words(entry.name or entry.code)
        for pattern, statuses, meaning in NAME_STATUSES:
            if pattern.search(key) and entry.status not in statuses:
                expected = " or ".join(str(s) for s in sorted(statuses))
                yield _finding(
                    "name-status-mismatch", _subject(entry.ref), entry.location,
                    f"{entry.name or entry.code} says {meaning} ({expected}), but comes with status "
                    f"{entry.status}. Clients that branch on the status will misread it.",
                    notice=f"The name {entry.name or entry.code} suggests {meaning} (HTTP {expected}), "
                           f"but the API returns it with status {entry.status}.",
                    refs=[entry.ref], groups=[entry.group])
                break


def check_naming_convention(catalog: Catalog) -> Iterator[Finding]:
    """Names and string codes that break their system's declared convention."""
    for entry in catalog.entries:
        system = catalog.system(entry.system)
        checks = [("name", entry.name, system.name_style)]
        if entry.numeric_code is None:
            checks.append(("code", entry.code, system.code_style))
        for what, value, style in checks:
            if value and style and not STYLES[style].fullmatch(value):
                yield _finding(
                    "naming-convention", f"{_subject(entry.ref)}:{what}", entry.location,
                    f"the {what} {value} breaks the {style} convention of {system.title}.",
                    notice=f"The {what} {value} does not follow the catalog's {style} convention.",
                    refs=[entry.ref], groups=[entry.group])


def check_retry_reason(catalog: Catalog) -> Iterator[Finding]:
    """Retry verdicts that differ from their status's policy without a stated reason."""
    for entry in catalog.entries:
        own = entry.own_retry
        policy = catalog.statuses.get(entry.status) if entry.status is not None else None
        if own is None or policy is None or own.note:
            continue
        if own.retryable != policy.retry.retryable:
            yield _finding(
                "retry-contradicts-status", _subject(entry.ref), entry.location,
                f"{entry.code} is retryable={own.retryable}, but status {entry.status} is "
                f"retryable={policy.retry.retryable}; add `retry.note` saying why.",
                refs=[entry.ref], groups=[entry.group])


def check_references(catalog: Catalog) -> Iterator[Finding]:
    """Related, replaced-by and not-to-be-confused-with links to codes that do not exist."""
    for entry in catalog.entries:
        links = [("see_also", r) for r in entry.see_also]
        links += [("not_confused_with", r) for r in entry.not_confused_with]
        if entry.lifecycle.replaced_by is not None:
            links.append(("lifecycle.replaced_by", entry.lifecycle.replaced_by))
        for name, ref in links:
            if not catalog.entries_for(ref):
                target = ref.code if ref.system == entry.system else f"{ref.system}:{ref.code}"
                yield _finding(
                    "unknown-reference", f"{_subject(entry.ref)}:{name}:{target}", entry.location,
                    f"{entry.code}.{name} links to {target}, which is not a code of this catalog. "
                    "Correct the code, or write it as <system>:<code> for another code system.",
                    refs=[entry.ref], groups=[entry.group])


def check_guidance(catalog: Catalog) -> Iterator[Finding]:
    """Entries without causes or without a fix."""
    for entry in catalog.entries:
        missing = [what for what, items in (("causes", entry.causes), ("fixes", entry.fixes)) if not items]
        if missing:
            yield _finding(
                "missing-guidance", _subject(entry.ref), entry.location,
                f"{entry.code} has no {' and no '.join(missing)}. Write what a support engineer would "
                "tell the developer who got it.", refs=[entry.ref], groups=[entry.group])


def check_placeholders(catalog: Catalog) -> Iterator[Finding]:
    """Message templates whose placeholders are not declared, or declared but unused."""
    for message in catalog.messages:
        used = set(message.placeholders)
        declared = set(message.declared_placeholders)
        problems = []
        if used - declared:
            problems.append(f"undeclared {', '.join('{' + p + '}' for p in sorted(used - declared))}: "
                            "add them under `placeholders` with what the API puts there")
        if declared - used:
            problems.append(f"declared but not in the message: {', '.join(sorted(declared - used))}")
        if problems:
            yield _finding(
                "undeclared-placeholder", f"message:{message.anchor}", message.location,
                f"message {message.text!r}: {'; '.join(problems)}.",
                refs=[message.ref], groups=[message.group])


def _template(text: str) -> re.Pattern[str] | None:
    parts = re.split(r"\{[A-Za-z_][A-Za-z0-9_]*\}", text)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S) if len(parts) > 1 else None


def check_messages(catalog: Catalog) -> Iterator[Finding]:
    """Message strings listed twice, or that another message's template also matches."""
    by_text: dict[str, list] = defaultdict(list)
    for message in catalog.messages:
        by_text[message.text].append(message)
    for text, messages in by_text.items():
        owners = {(m.ref, catalog.entries_for(m.ref)[0].status) for m in messages}
        if len(owners) > 1:
            listed = ", ".join(f"{m.code} ({m.location.file}:{m.location.line})" for m in messages)
            yield _finding(
                "message-multiple-statuses", f"message:{messages[0].anchor}", messages[1].location,
                f"message {text!r} is listed under {listed}. One message string should identify one error.",
                refs=[m.ref for m in messages], groups=dict.fromkeys(m.group for m in messages))
    templates = [(m, _template(m.text)) for m in catalog.messages]
    for message in catalog.messages:
        for other, pattern in templates:
            if other is message or pattern is None or not pattern.fullmatch(message.text):
                continue
            yield _finding(
                "message-ambiguous", f"message:{message.anchor}", message.location,
                f"message {message.text!r} is also an instance of the template {other.text!r}, so a "
                "client matching messages cannot tell them apart. Make the exact message more specific, "
                "or say on both entries which one applies.",
                notice=f"The message {message.text!r} also fits the template {other.text!r}.",
                refs=dict.fromkeys([message.ref, other.ref]), groups=dict.fromkeys([message.group, other.group]))


def check_lifecycle(catalog: Catalog) -> Iterator[Finding]:
    """Deprecated or historical codes that say neither what replaces them nor what to do."""
    for entry in catalog.entries:
        life = entry.lifecycle
        if life.state != "active" and life.replaced_by is None and not life.note:
            yield _finding(
                "lifecycle-without-guidance", _subject(entry.ref), entry.location,
                f"{entry.code} is {life.state} but has neither `lifecycle.replaced_by` nor `lifecycle.note`.",
                refs=[entry.ref], groups=[entry.group])


def check_urls(catalog: Catalog) -> Iterator[Finding]:
    """Codes whose pages would share a URL, with each other or with a page the site already has."""
    secondary = {s.id for s in catalog.systems if not s.primary}
    pages: dict[str, list[CodeRef]] = defaultdict(list)
    for ref in catalog.codes:
        pages[urls.code_url(catalog, ref).lower()].append(ref)
        entry = catalog.entries_for(ref)[0]
        if catalog.system(ref.system).primary and (ref.code in secondary or ref.code in urls.RESERVED_PAGE_NAMES):
            yield _finding(
                "url-collision", _subject(ref), entry.location,
                f"code {ref.code!r} would take the URL /{catalog.id}/{ref.code}/, which the site already "
                "uses; rename it or move it to another code system.", refs=[ref], groups=[entry.group])
    for url, refs in pages.items():
        if len(refs) > 1:
            first = catalog.entries_for(refs[1])[0]
            yield _finding(
                "url-collision", "~".join(_subject(r) for r in refs), first.location,
                f"codes {', '.join(r.code for r in refs)} differ only in case, so their pages ({url}) "
                "collide on case-insensitive file systems and servers. Rename one of them.",
                refs=refs, groups=[first.group])


CHECK_FUNCTIONS: tuple[Callable[[Catalog], Iterable[Finding]], ...] = (
    check_duplicate_codes, check_code_outside_range, check_codes_in_other_range, check_range_overlap,
    check_group_not_declared, check_declared_range_differs, check_status_code_mismatch, check_name_status,
    check_naming_convention, check_retry_reason, check_references, check_guidance, check_placeholders,
    check_messages, check_lifecycle, check_urls,
)


def _acknowledge(catalog: Catalog, findings: list[Finding]) -> list[Finding]:
    acks = {(a.check, a.subject): a for a in catalog.acknowledgements}
    used: set[tuple[str, str]] = set()
    out = []
    for finding in findings:
        ack = acks.get((finding.check, finding.subject))
        if ack is not None and CHECKS[finding.check].acknowledgeable:
            used.add((ack.check, ack.subject))
            finding = replace(finding, acknowledged=ack.reason)
        out.append(finding)
    for key, ack in acks.items():
        if key not in used:
            why = ("cannot be acknowledged: fix it" if ack.check in CHECKS and not CHECKS[ack.check].acknowledgeable
                   else "matches no finding")
            out.append(_finding(
                "stale-acknowledgement", f"{ack.check}:{ack.subject}", ack.location,
                f"the acknowledgement of [{ack.check}] subject {ack.subject!r} {why}. Remove it, or "
                "copy check and subject exactly as the lint prints them."))
    return out


def lint_catalog(catalog: Catalog) -> Health:
    """Run every check on one catalog and apply its acknowledgements."""
    findings = [finding for check in CHECK_FUNCTIONS for finding in check(catalog)]
    return Health.of(catalog.id, _acknowledge(catalog, findings))


def lint(catalogs: Iterable[Catalog]) -> dict[str, Health]:
    """The health of every catalog, by catalog id."""
    return {catalog.id: lint_catalog(catalog) for catalog in catalogs}


def failing(health: Mapping[str, Health]) -> list[Finding]:
    """Every finding that fails the build, across catalogs."""
    return [f for h in health.values() for f in h.failing]


# --- command line -----------------------------------------------------------------------------


def _record(finding: Finding, catalog: str | None) -> dict[str, object]:
    record: dict[str, object] = {"catalog": catalog, **asdict(finding)}
    record["refs"] = [_subject(r) for r in finding.refs]
    record["groups"] = list(finding.groups)
    return record


def run(data_dir: Path, output_format: str = "text", show_acknowledged: bool = False,
        out: Callable[[str], object] = print) -> int:
    """Lint every catalog under data_dir and print the findings; the exit status (1 when anything fails)."""
    records: list[tuple[Finding, str | None]] = []
    try:
        health = lint(load_catalogs(data_dir))
    except CatalogError as exc:
        health = {}
        records = [(Finding("schema", ERROR, p.field or "file", p.file, p.line,
                            f"{p.field}: {p.message}" if p.field else p.message), None) for p in exc.problems]
    for catalog, result in health.items():
        records.extend((f, catalog) for f in result.findings if show_acknowledged or not f.acknowledged)
    errors = sum(1 for f, _ in records if f.fails)
    warnings = sum(1 for f, _ in records if f.severity == WARNING and not f.acknowledged)
    acknowledged = sum(1 for h in health.values() for f in h.findings if f.acknowledged)
    if output_format == "json":
        out(json.dumps({"errors": errors, "warnings": warnings, "acknowledged": acknowledged,
                        "findings": [_record(f, c) for f, c in records]}, indent=1, ensure_ascii=False))
    else:
        for finding, _ in records:
            out(str(finding))
        out(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}, "
            f"{acknowledged} acknowledged.")
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m macros.lint", description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=Path("data"), help="the catalogs folder (data/)")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--all", action="store_true", dest="show_acknowledged",
                        help="also print acknowledged findings")
    args = parser.parse_args(argv)
    return run(args.data, args.output_format, args.show_acknowledged)


if __name__ == "__main__":
    sys.exit(main())
