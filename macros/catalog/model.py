"""The frozen model of the error catalogs: what a catalog, a group, an entry and a message are.

No YAML, no MkDocs, no URLs: the loader builds it, the lint checks it, the renderers read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from ..exports.json_layout import Layout, layout
from .codesets import CodeSet, as_number
from .lifecycle import GroupMove, Lifecycle, OldAddress, PathRedirect, Release, Removal
from .line_formats import CompiledFormat

PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
EXAMPLE_VARIABLES = ("code", "name", "status", "message", "description", "fix", "severity", "SEVERITY")
"""What an example template may say: `$code`, `$message`, ... (macros/site/examples.py fills them in)."""
EXAMPLE_VARIABLE_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
"""Anything an example template writes as a variable: one of EXAMPLE_VARIABLES or a fact id of the catalog (the
loader refuses any other)."""
EXAMPLE_PLACEHOLDER_RE = EXAMPLE_VARIABLE_RE
FACT_KINDS = ("text", "code", "enum", "url")
"""What a catalog's fact holds: free text, a code (shown as code, found by the lookup), one of a list, a web page."""
SEVERITIES = ("error", "warning", "notice", "success")


@dataclass(frozen=True)
class Location:
    """Where a catalog element is written."""

    file: str
    line: int


@dataclass(frozen=True)
class Retry:
    """Whether and how to retry."""

    retryable: str
    how: tuple[str, ...]
    note: str | None = None

    @property
    def applies(self) -> bool:
        """False for what is not a failure (a success, a warning): there is nothing to retry."""
        return self.retryable != "n/a"


@dataclass(frozen=True)
class StatusPolicy:
    """An HTTP status of a catalog with its retry policy."""

    status: int
    title: str
    retry: Retry


@dataclass(frozen=True)
class ExampleFormat:
    """How a code system shows an example of one of its errors: a JSON response, a log line, an exception."""

    format: str
    template: Any
    description: str | None = None
    envelope: bool = False

    @cached_property
    def placeholders(self) -> frozenset[str]:
        """The `$placeholder`s the template uses."""
        found: set[str] = set()

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
            elif isinstance(node, str):
                found.update(EXAMPLE_PLACEHOLDER_RE.findall(node))

        walk(self.template)
        return frozenset(found)

    @cached_property
    def layout(self) -> Layout | None:
        """The template laid out as JSON once, with slots for its placeholders (macros/exports/json_layout.py)."""
        return layout(self.template, EXAMPLE_PLACEHOLDER_RE)


NUMBER_KINDS = frozenset({"numeric", "http-status"})
"""Code system kinds whose codes are whole numbers, written as numbers for clients."""


@dataclass(frozen=True)
class LineFormat:
    """How the system's errors look in a log or client: a pattern with named parts, where it is seen, an example."""

    pattern: str
    seen_in: str
    example: str | None
    location: Location = field(repr=False)
    compiled: CompiledFormat


@dataclass(frozen=True)
class Fact:
    """An attribute the catalog declares once and its entries give values for (a SQLSTATE, a primary code)."""

    id: str
    label: str
    kind: str
    location: Location = field(repr=False)
    description: str | None = None
    values: tuple[str, ...] = ()
    system: str | None = None
    column: bool = False
    lookup: bool = False


@dataclass(frozen=True)
class CodeSystem:
    """A set of codes with its own URL space."""

    id: str
    title: str
    kind: str
    primary: bool
    description: str | None
    example: ExampleFormat | None
    name_style: str | None = None
    code_style: str | None = None
    alias_label: str | None = None
    unique_names: bool = False
    line_formats: tuple[LineFormat, ...] = ()


@dataclass(frozen=True)
class RangeTerm:
    """What the catalog calls its ranges: `range`/`ranges`, or `class`/`classes` for SQLSTATE."""

    singular: str = "range"
    plural: str = "ranges"


@dataclass(frozen=True)
class CodeRange:
    """A code range as the catalog declares it: a span, a prefix or a pattern, with its name."""

    span: CodeSet
    name: str
    group: str | None
    location: Location = field(repr=False)


@dataclass(frozen=True)
class Alias:
    """Another name or code under which the catalog publishes the same error."""

    name: str | None = None
    code: str | None = None
    note: str | None = None

    @property
    def text(self) -> str:
        """The alias as written."""
        return self.name if self.name is not None else self.code or ""


@dataclass(frozen=True)
class NamedNote:
    """A header or response field that comes with an error."""

    name: str
    description: str


@dataclass(frozen=True)
class CodeRef:
    """A reference to a code of a catalog."""

    system: str
    code: str


@dataclass(frozen=True)
class ErrorEntry:
    """One error: a code with its meaning and guidance."""

    catalog: str
    system: str
    group: str
    code: str
    name: str | None
    status: int | None
    description: str | None
    scope: str | None
    causes: tuple[str, ...]
    fixes: tuple[str, ...]
    own_retry: Retry | None
    retry: Retry
    retry_source: str
    headers: tuple[NamedNote, ...]
    fields: tuple[NamedNote, ...]
    see_also: tuple[CodeRef, ...]
    not_confused_with: tuple[CodeRef, ...]
    lifecycle: Lifecycle
    example_message: str | None
    anchor: str
    location: Location = field(repr=False)
    aliases: tuple[Alias, ...] = ()
    severity: str | None = None
    inherited_retry: Retry | None = None
    moved_from: tuple[OldAddress, ...] = ()
    facts: Mapping[str, str] = field(default_factory=dict)

    @property
    def numeric_code(self) -> int | None:
        """The code as a whole number, when it is written as one (`1806`; not `0100` or `22P02`)."""
        return as_number(self.code)

    @property
    def alias_names(self) -> tuple[str, ...]:
        """The other names of this error."""
        return tuple(a.name for a in self.aliases if a.name is not None)

    @property
    def alias_codes(self) -> tuple[str, ...]:
        """The other codes of this error."""
        return tuple(a.code for a in self.aliases if a.code is not None)

    @property
    def title(self) -> str:
        """`<code> <name>`, or the code alone."""
        return f"{self.code} {self.name}" if self.name else self.code

    @property
    def ref(self) -> CodeRef:
        """A reference to this entry's code."""
        return CodeRef(self.system, self.code)


@dataclass(frozen=True)
class PlaceholderLimit:
    """What kind of value fills a message's placeholder in, and how long it can be (either may be unknown)."""

    type: str | None = None
    max_length: int | None = None

    def label(self) -> str:
        """`text, at most 192 characters`, or what of it is known."""
        parts = [self.type] if self.type else []
        if self.max_length is not None:
            parts.append(f"at most {self.max_length} character{'s' if self.max_length != 1 else ''}")
        return ", ".join(parts)

    def fields(self) -> dict[str, str | int | None]:
        """The limit as the JSON files carry it."""
        return {"type": self.type, "max_length": self.max_length}


@dataclass(frozen=True)
class ErrorMessage:
    """An exact message string the API returns with a code."""

    catalog: str
    system: str
    group: str
    code: str
    text: str
    cause: str | None
    fixes: tuple[str, ...]
    anchor: str
    location: Location = field(repr=False)
    declared_placeholders: Mapping[str, str] = field(default_factory=dict)
    removed: Removal | None = None
    placeholder_limits: Mapping[str, PlaceholderLimit] = field(default_factory=dict)
    """For the placeholders the catalog says so of: the kind of value and its longest length."""
    translations: Mapping[str, str] = field(default_factory=dict)
    """The message in other languages, by BCP 47 language tag, in the order the catalog writes them; a templated
    message's translations have the same placeholders."""

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Names of the `{placeholder}`s in the message."""
        return tuple(PLACEHOLDER_RE.findall(self.text))

    def placeholder_notes(self) -> tuple[tuple[str, str, str], ...]:
        """Each placeholder of the message once, with its meaning and its kind and length, as far as the catalog says
        them ("" where it does not)."""
        return tuple((name, self.declared_placeholders.get(name, ""),
                      limit.label() if (limit := self.placeholder_limits.get(name)) else "")
                     for name in dict.fromkeys(self.placeholders))

    @property
    def ref(self) -> CodeRef:
        """A reference to the code this message comes with."""
        return CodeRef(self.system, self.code)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        parts = PLACEHOLDER_RE.split(self.text)[::2]
        return re.compile(".+?".join(re.escape(part) for part in parts), re.S)

    def fits(self, text: str) -> bool:
        """Whether a text is this message, or this template filled in."""
        return text == self.text or bool(self.placeholders and self._pattern.fullmatch(text))


@dataclass(frozen=True)
class Group:
    """A table of entries: a code range, a resource or a section."""

    id: str
    title: str
    system: str
    span: CodeSet | None
    description: str | None
    entries: tuple[ErrorEntry, ...]
    messages: tuple[ErrorMessage, ...]
    location: Location = field(repr=False)
    status_offset: int | None = None
    retry: Retry | None = None
    severity: str | None = None
    optional_guidance: frozenset[str] = frozenset()
    example: bool = True
    formerly: tuple[GroupMove, ...] = ()

    @property
    def has_statuses(self) -> bool:
        """Whether any entry of the group comes with an HTTP status."""
        return any(e.status is not None for e in self.entries)

    @property
    def has_descriptions(self) -> bool:
        """Whether any entry of the group says what it means (a table leaves out a column that would be empty)."""
        return any(e.description for e in self.entries)

    @property
    def has_lifecycle(self) -> bool:
        """Whether any entry of the group is deprecated or removed."""
        return any(e.lifecycle.state != "active" for e in self.entries)


@dataclass(frozen=True)
class EnvelopeField:
    """A field of the error response envelope."""

    name: str
    type: str
    description: str
    optional: bool


@dataclass(frozen=True)
class Envelope:
    """The JSON shape of the catalog's error responses."""

    description: str
    example: Any
    fields: tuple[EnvelopeField, ...]

    @cached_property
    def layout(self) -> Layout | None:
        """The example laid out as JSON once, with slots for its placeholders (macros/exports/json_layout.py)."""
        return layout(self.example, EXAMPLE_PLACEHOLDER_RE)


@dataclass(frozen=True)
class Acknowledgement:
    """A lint finding the catalog keeps on purpose, with the reason."""

    check: str
    subject: str
    reason: str
    location: Location = field(repr=False)


@dataclass(frozen=True, repr=False)
class Catalog:
    """One API's error catalog (its repr names it and counts its groups: the whole catalog would be megabytes, and
    mkdocs-macros writes every variable out as text on each build)."""

    id: str
    title: str
    summary: str
    source_title: str | None
    source_url: str | None
    order: int
    systems: tuple[CodeSystem, ...]
    ranges: tuple[CodeRange, ...]
    envelope: Envelope | None
    statuses: Mapping[int, StatusPolicy]
    groups: tuple[Group, ...]
    acknowledgements: tuple[Acknowledgement, ...]
    _codes: Mapping[CodeRef, tuple[ErrorEntry, ...]] = field(repr=False, compare=False)
    range_term: RangeTerm = RangeTerm()
    retry: Retry | None = None
    severity: str | None = None
    optional_guidance: frozenset[str] = frozenset()
    releases: tuple[Release, ...] = ()
    formerly: tuple[str, ...] = ()
    problem_details: bool = False
    formerly_location: Location | None = None
    redirects: tuple[PathRedirect, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    facts: tuple[Fact, ...] = ()
    """Every file the catalog was read from (data/<id>/...), with a digest of its bytes."""

    def __repr__(self) -> str:
        return f"Catalog(id={self.id!r}, groups={len(self.groups)})"

    def release(self, version: str) -> Release | None:
        """The release with this version, if the catalog lists it."""
        return next((r for r in self.releases if r.version == version), None)

    @cached_property
    def has_statuses(self) -> bool:
        """Whether any entry of the catalog comes with an HTTP status."""
        return any(g.has_statuses for g in self.groups)

    @cached_property
    def has_severity(self) -> bool:
        """Whether the catalog gives its entries a severity (error, warning, notice, success)."""
        return any(e.severity is not None for e in self.entries)

    @property
    def primary_system(self) -> CodeSystem:
        """The system whose codes live at /<catalog>/<code>/."""
        return next(s for s in self.systems if s.primary)

    def ref_label(self, ref: CodeRef) -> str:
        """A code as the catalog's files refer to it: the code alone in the primary system, else `<system>:<code>`."""
        return ref.code if self.system(ref.system).primary else f"{ref.system}:{ref.code}"

    def fact_links(self, entry: ErrorEntry) -> list[CodeRef]:
        """The codes of this catalog that an entry's code facts name (an extended code's primary code)."""
        return [CodeRef(fact.system, value) for fact, value in self.fact_values(entry) if fact.system]

    def fact_values(self, entry: ErrorEntry) -> list[tuple[Fact, str]]:
        """The facts an entry gives, in the order the catalog declares them."""
        return [(fact, entry.facts[fact.id]) for fact in self.facts if fact.id in entry.facts]

    def system(self, system_id: str) -> CodeSystem:
        """The code system with this id."""
        return self._systems_by_id[system_id]

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        return self._groups_by_id[group_id]

    @cached_property
    def _systems_by_id(self) -> Mapping[str, CodeSystem]:
        return MappingProxyType({s.id: s for s in self.systems})

    @cached_property
    def _groups_by_id(self) -> Mapping[str, Group]:
        return MappingProxyType({g.id: g for g in self.groups})

    @cached_property
    def _messages_by_ref(self) -> Mapping[CodeRef, tuple[ErrorMessage, ...]]:
        by_ref: dict[CodeRef, list[ErrorMessage]] = {}
        for message in self.messages:
            by_ref.setdefault(message.ref, []).append(message)
        return MappingProxyType({ref: tuple(messages) for ref, messages in by_ref.items()})

    @property
    def entries(self) -> Iterator[ErrorEntry]:
        """Every entry, group by group."""
        for group in self.groups:
            yield from group.entries

    @property
    def messages(self) -> Iterator[ErrorMessage]:
        """Every message string, group by group."""
        for group in self.groups:
            yield from group.messages

    @property
    def codes(self) -> Mapping[CodeRef, tuple[ErrorEntry, ...]]:
        """Every code with the entries listed under it (more than one where the catalog repeats a code)."""
        return self._codes

    def entries_for(self, ref: CodeRef) -> tuple[ErrorEntry, ...]:
        """The entries listed under a code; empty when the code does not exist."""
        return self._codes.get(ref, ())

    @cached_property
    def departures(self) -> Mapping[CodeRef, tuple[tuple[str, ErrorEntry], ...]]:
        """By code: the entries listed under it at an anchor (a code listed twice) that moved to another code."""
        out: dict[CodeRef, list[tuple[str, ErrorEntry]]] = {}
        for entry in self.entries:
            for old in entry.moved_from:
                ref = CodeRef(old.system or entry.system, old.code)
                if old.anchor is not None and old.catalog in (None, self.id) and ref != entry.ref:
                    out.setdefault(ref, []).append((old.anchor, entry))
        return MappingProxyType({ref: tuple(found) for ref, found in out.items()})

    def messages_for(self, ref: CodeRef) -> tuple[ErrorMessage, ...]:
        """The message strings that come with a code."""
        return self._messages_by_ref.get(ref, ())
