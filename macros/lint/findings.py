"""What the lint finds: the checks it knows, each finding, and a catalog's health (every finding, by code)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..catalog.model import CodeRef, Location

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
    Check("many-groups", WARNING, "More groups than the site builds quickly",
          "Each group is a table page in the site's navigation, and every page lists every table, so the "
          "build's time grows with the square of the number of groups."),
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
          "A related, replaced-by, not-to-be-confused-with or code-fact link names a code the catalog does not "
          "have; the page would link nowhere.", acknowledgeable=False),
    Check("self-reference", ERROR, "Link from a code to itself",
          "A related or not-to-be-confused-with link names the entry's own code: the page would link to "
          "itself without a word.", acknowledgeable=False),
    Check("missing-guidance", WARNING, "Entry without causes or fix",
          "The reader learns what the error is called but not why it happens or what to do."),
    Check("undeclared-placeholder", ERROR, "Message placeholder not declared",
          "A message template has a {placeholder} that its entry does not explain, or declares one "
          "the message does not have."),
    Check("message-ambiguous", WARNING, "Message matches another message's template",
          "An exact message string is also an instance of a templated message, so the message alone "
          "does not tell which entry it is."),
    Check("message-multiple-codes", ERROR, "Message listed under two codes",
          "The same message string is listed with two different codes (or, where the code is the HTTP status, "
          "two statuses)."),
    Check("lifecycle-without-guidance", WARNING, "Retired code without guidance",
          "A deprecated or removed code says neither what replaces it nor what to do."),
    Check("url-collision", ERROR, "Two pages would get the same URL",
          "Two codes map to the same page address (or to one the site already uses), so one page "
          "would overwrite the other.", acknowledgeable=False),
    Check("alias-conflict", ERROR, "Alias that clashes with a code",
          "An alias repeats the entry's own code or name, or names the code of another entry, so a lookup "
          "of it cannot tell which error is meant."),
    Check("name-reused", WARNING, "One name for several codes",
          "The same name (or alias) belongs to more than one code, so a program or reader that goes by the "
          "name cannot tell which one is meant."),
    Check("example-needs-status", WARNING, "Example that needs an HTTP status",
          "The code system shows examples in a format with an HTTP status, but these entries have none, "
          "so their pages show no example."),
    Check("line-format-example", ERROR, "Line format that does not read its example",
          "A code system's line format does not match its own example line, or the example names no error "
          "of the catalog, so the lookup would not find that error from such a line.", acknowledgeable=False),
    Check("stale-acknowledgement", ERROR, "Acknowledgement that matches nothing",
          "catalog.yml acknowledges a finding the lint no longer reports (or one that cannot be "
          "acknowledged); remove it or correct its check and subject.", acknowledgeable=False),
)
CHECKS = {c.id: c for c in CHECK_LIST}
RENAMED_CHECKS = {"message-multiple-statuses": "message-multiple-codes"}
"""Check ids the lint printed before, by the id it prints now: an acknowledgement may still name the old one."""
CHECK_ORDER = {c.id: i for i, c in enumerate(CHECK_LIST)}


def subject(ref: CodeRef) -> str:
    """How a finding names a code: `<system>:<code>`."""
    return f"{ref.system}:{ref.code}"


def finding(check: str, subject: str, where: Location, message: str, *, notice: str = "",
            refs: Iterable[CodeRef] = (), groups: Iterable[str] = ()) -> Finding:
    """A finding of a check, with its severity from the check's definition."""
    spec = CHECKS[check]
    return Finding(check, spec.severity, subject, where.file, where.line, message, notice,
                   tuple(refs), tuple(groups))
