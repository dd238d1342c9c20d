"""Load and validate the error catalogs under data/ into frozen dataclasses.

This is the only module that reads YAML. Every problem found in every file is collected
first; then loading fails once, listing them all with file, line and field.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent / "schema"
CATALOG_FILE = "catalog.yml"
MAX_ALIAS_NODES = 100_000
MAX_YAML_DEPTH = 100
MAX_INT_DIGITS = 100
RESERVED_PAGE_NAMES = frozenset({"index", "ranges", "assets", "search", "health"})
PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{where} {self.message}"


class CatalogError(Exception):
    """Raised once with every problem found in the catalogs."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the error catalogs:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


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


@dataclass(frozen=True)
class StatusPolicy:
    """An HTTP status of a catalog with its retry policy."""

    status: int
    title: str
    retry: Retry


@dataclass(frozen=True)
class CodeSystem:
    """A set of codes with its own URL space."""

    id: str
    title: str
    kind: str
    primary: bool
    description: str | None
    example: bool
    name_style: str | None = None
    code_style: str | None = None


@dataclass(frozen=True)
class Span:
    """A closed range of numeric codes."""

    start: int
    end: int

    def __contains__(self, code: object) -> bool:
        return isinstance(code, int) and self.start <= code <= self.end

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class CodeRange:
    """A code range as the catalog declares it."""

    span: Span
    name: str
    group: str | None
    location: Location


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
class Lifecycle:
    """Whether a code is current."""

    state: str = "active"
    replaced_by: CodeRef | None = None
    note: str | None = None


@dataclass(frozen=True)
class ErrorEntry:
    """One error: a code with its meaning and guidance."""

    catalog: str
    system: str
    group: str
    code: str
    name: str | None
    status: int | None
    description: str
    scope: str | None
    causes: tuple[str, ...]
    fixes: tuple[str, ...]
    own_retry: Retry | None
    retry: Retry
    headers: tuple[NamedNote, ...]
    fields: tuple[NamedNote, ...]
    see_also: tuple[CodeRef, ...]
    not_confused_with: tuple[CodeRef, ...]
    lifecycle: Lifecycle
    example_message: str | None
    anchor: str
    location: Location

    @property
    def numeric_code(self) -> int | None:
        """The code as an integer, when it is one."""
        return int(self.code) if self.code.isdigit() else None

    @property
    def title(self) -> str:
        """`<code> <name>`, or the code alone."""
        return f"{self.code} {self.name}" if self.name else self.code

    @property
    def ref(self) -> CodeRef:
        """A reference to this entry's code."""
        return CodeRef(self.system, self.code)


@dataclass(frozen=True)
class ErrorMessage:
    """An exact message string the API returns with a code."""

    catalog: str
    system: str
    group: str
    code: str
    text: str
    cause: str
    fixes: tuple[str, ...]
    anchor: str
    location: Location
    declared_placeholders: Mapping[str, str] = field(default_factory=dict)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Names of the `{placeholder}`s in the message."""
        return tuple(PLACEHOLDER_RE.findall(self.text))

    @property
    def ref(self) -> CodeRef:
        """A reference to the code this message comes with."""
        return CodeRef(self.system, self.code)


@dataclass(frozen=True)
class Group:
    """A table of entries: a code range, a resource or a section."""

    id: str
    title: str
    system: str
    span: Span | None
    description: str | None
    entries: tuple[ErrorEntry, ...]
    messages: tuple[ErrorMessage, ...]
    location: Location
    status_offset: int | None = None


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


@dataclass(frozen=True)
class Acknowledgement:
    """A lint finding the catalog keeps on purpose, with the reason."""

    check: str
    subject: str
    reason: str
    location: Location


@dataclass(frozen=True)
class Catalog:
    """One API's error catalog."""

    id: str
    title: str
    summary: str
    source_title: str | None
    source_url: str | None
    order: int
    systems: tuple[CodeSystem, ...]
    ranges: tuple[CodeRange, ...]
    envelope: Envelope
    statuses: Mapping[int, StatusPolicy]
    groups: tuple[Group, ...]
    acknowledgements: tuple[Acknowledgement, ...]
    _codes: Mapping[CodeRef, tuple[ErrorEntry, ...]] = field(repr=False, compare=False)

    @property
    def primary_system(self) -> CodeSystem:
        """The system whose codes live at /<catalog>/<code>/."""
        return next(s for s in self.systems if s.primary)

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

    def messages_for(self, ref: CodeRef) -> tuple[ErrorMessage, ...]:
        """The message strings that come with a code."""
        return self._messages_by_ref.get(ref, ())

    def page_src(self, ref: CodeRef) -> str:
        """Source path of a code's generated page, relative to docs/."""
        if self.system(ref.system).primary:
            return f"{self.id}/{ref.code}.md"
        return f"{self.id}/{ref.system}/{ref.code}.md"

    def page_url(self, ref: CodeRef) -> str:
        """Absolute URL path of a code's page."""
        return "/" + self.page_src(ref).removesuffix(".md") + "/"

    @property
    def health_src(self) -> str:
        """Source path of the catalog's generated health page."""
        return f"{self.id}/health.md"

    def group_src(self, group_id: str) -> str:
        """Source path of a group's generated table page."""
        return f"{self.id}/ranges/{group_id}.md"


# --- YAML reading with line numbers -------------------------------------------------------


@dataclass
class _Document:
    data: Any
    lines: dict[Path_, int]


class _Refused(Exception):
    """A file the reader will not turn into data: where, and why."""

    def __init__(self, line: int, path: Path_, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.path = path
        self.message = message


_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null"))
_COLLECTION_TAGS = frozenset({_TAG + "seq", _TAG + "map"})
_OPENING_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_TAB_INDENT = re.compile(r"[ ?:-]*\t")
_BAD = object()


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


class _Walker:
    """Turns a composed YAML node graph into plain data, recording the line of every value.

    Nodes reached again through an alias (*name) count against an alias budget, so an alias
    bomb is refused while a file of any size that spells its data out loads.
    """

    def __init__(self, loader: yaml.CSafeLoader, doc: _Document, file: str, budget: int) -> None:
        self.loader = loader
        self.doc = doc
        self.file = file
        self.budget = self.allowance = budget
        self.problems: list[Problem] = []
        self.bad_values = 0
        self.seen: set[int] = set()
        self.inside: set[int] = set()

    def problem(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, _field_name(path), message))

    def value(self, node: yaml.Node, path: Path_, alias: Path_ | None, written_at: int) -> Any:
        """The data of a node; written_at is the line its parent writes it on (an alias's own line)."""
        key = id(node)
        repeat = alias is None and key in self.seen
        self.doc.lines[path] = written_at if repeat else node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            if alias is not None:
                self.spend(node, alias)
            return self.scalar(node, path, report=alias is None)
        if key in self.inside:
            raise _Refused(node.start_mark.line + 1, path, "an alias (*name) refers to the list or mapping "
                                                           "it is part of, so the value would never end")
        if len(path) >= MAX_YAML_DEPTH:
            raise _Refused(node.start_mark.line + 1, path, f"nested more than {MAX_YAML_DEPTH} levels deep")
        if node.tag not in _COLLECTION_TAGS:
            if alias is None:
                self.unsupported(node, path)
            return _BAD
        if repeat:
            alias = path
        if alias is None:
            self.seen.add(key)
        else:
            self.spend(node, alias)
        self.inside.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path, alias)
            line = self.doc.lines[path]
            return [self.value(item, (*path, i), alias, line) for i, item in enumerate(node.value)]
        finally:
            self.inside.discard(key)

    def unsupported(self, node: yaml.Node, path: Path_) -> None:
        self.bad_values += 1
        self.problem(node, path, f"unsupported YAML tag {_short_tag(node.tag)}: write plain text, numbers, "
                                 "true/false, lists and mappings only")

    def spend(self, node: yaml.Node, alias: Path_) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise _Refused(self.doc.lines[alias], alias,
                           f"aliases that expand too far: the aliases (*name) in this file repeat more than "
                           f"{self.allowance} values (an alias bomb?); write the values out instead")

    def mapping(self, node: yaml.MappingNode, path: Path_, alias: Path_ | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                if alias is None:
                    self.bad_values += 1
                    self.problem(key_node, path, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _TAG + "merge":
                if alias is None:
                    self.bad_values += 1
                    self.problem(key_node, path, "merge keys (<<) are not supported: write the keys out")
                continue
            key = self.scalar(key_node, path, report=alias is None)
            if key is _BAD:
                continue
            key = str(key)
            if key in out and alias is None:
                self.problems.append(Problem(self.file, key_node.start_mark.line + 1,
                                             _field_name((*path, key)), "key given twice"))
            out[key] = self.value(value_node, (*path, key), alias, key_node.start_mark.line + 1)
        return out

    def scalar(self, node: yaml.ScalarNode, path: Path_, report: bool) -> Any:
        if node.tag == _TAG + "timestamp":
            return node.value  # a date-like value stays the text it is written as
        if node.tag not in _PLAIN_TAGS:
            if report:
                self.unsupported(node, path)
            return _BAD
        if node.tag == _TAG + "str":
            return node.value
        message = None
        try:
            value = self.loader.yaml_constructors[node.tag](self.loader, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            value, message = _BAD, f"cannot read the value {node.value[:40]!r}: {exc}"
        if node.tag == _TAG + "int" and (value is _BAD or abs(value) >= 10 ** MAX_INT_DIGITS):
            message = f"the number {node.value[:20]}... is too large (more than {MAX_INT_DIGITS} digits)"
        if message is None:
            return value
        if report:
            self.bad_values += 1
            self.problem(node, path, message)
        return _BAD


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_YAML_DEPTH before libyaml composes it (its composer recurses in C)."""
    loader = yaml.CSafeLoader(text)
    try:
        depth = 0
        while True:
            event = loader.get_event()
            if isinstance(event, _OPENING_EVENTS):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise _Refused(event.start_mark.line + 1, (), f"nested more than {MAX_YAML_DEPTH} levels deep")
            elif isinstance(event, _CLOSING_EVENTS):
                depth -= 1
            elif event is None or isinstance(event, yaml.StreamEndEvent):
                return
    finally:
        loader.dispose()


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return 1, f"YAML syntax error: {exc.problem or exc}"
    lines = text.splitlines()
    row = lines[mark.line] if mark.line < len(lines) else ""
    if "tab character" in (exc.problem or "") or _TAB_INDENT.match(row):
        return mark.line + 1, "a tab character is used for indentation; YAML needs spaces"
    context = exc.context
    if context and exc.context_mark is not None and exc.context_mark.line != mark.line:
        context += f" (line {exc.context_mark.line + 1})"
    what = " ".join(filter(None, [context, exc.problem]))
    if "expected a single document" in what:
        return mark.line + 1, "a second YAML document starts here (`---`): a file holds one document"
    return mark.line + 1, f"YAML syntax error: {what}"


def _not_a_mapping(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        return None
    if isinstance(node, yaml.SequenceNode):
        what = "a list"
    elif node.tag == _TAG + "null":
        what = "an empty document"
    else:
        what = f"the single value {node.value[:40]!r}"
    return f"the top level must be a mapping of keys (`key: value` lines), not {what}"


def _read_yaml(path: Path, file: str, problems: list[Problem]) -> _Document | None:
    """Parse one YAML file into data with the line of every value, or add its problems and return None."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(file, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x})"))
        return None
    loader = yaml.CSafeLoader(text)
    collecting = gc.isenabled()
    gc.disable()  # composing allocates a node per value; collecting meanwhile only costs time
    try:
        _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            message = "the file is empty" if not text.strip() else "the file holds only comments, no keys"
            problems.append(Problem(file, 1, "", message))
            return None
        message = _not_a_mapping(node)
        if message is not None:
            problems.append(Problem(file, node.start_mark.line + 1, "", message))
            return None
        doc = _Document(None, {})
        walker = _Walker(loader, doc, file, MAX_ALIAS_NODES + len(text))
        doc.data = walker.value(node, (), None, 1)
        problems.extend(walker.problems)
        return None if walker.bad_values else doc
    except yaml.MarkedYAMLError as exc:
        line, message = _syntax_message(exc, text)
        problems.append(Problem(file, line, "", message))
    except yaml.reader.ReaderError as exc:
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        problems.append(Problem(file, line, "", f"{exc.reason}: remove the character {char}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, "", f"YAML error: {' '.join(str(exc).split())}"))
    except _Refused as exc:
        problems.append(Problem(file, exc.line, _field_name(exc.path), exc.message))
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return None


def _field_name(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line(doc: _Document, path: Path_) -> int:
    for cut in range(len(path), -1, -1):
        if path[:cut] in doc.lines:
            return doc.lines[path[:cut]]
    return 1


# --- schema validation --------------------------------------------------------------------


ANNOTATIONS = frozenset({"description", "title", "$comment"})


def _inline_refs(node: Any, documents: dict[str, Any], seen: tuple[str, ...]) -> Any:
    """The schema with every non-recursive `$ref` replaced by what it points at.

    Validating 50,000 entries resolved half a million references through the registry, a
    third of the load time; the inlined schema validates the same and reports the same errors.
    """
    if isinstance(node, list):
        return [_inline_refs(item, documents, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in seen and set(node) - {"$ref"} <= ANNOTATIONS:
        document, _, pointer = ref.partition("#")
        target: Any = documents.get(document)
        for part in pointer.split("/")[1:] if target is not None else ():
            target = target.get(part) if isinstance(target, dict) else None
        if isinstance(target, dict):
            inner = {"": documents[document]} if document else {}
            resolved = _inline_refs(target, {**documents, **inner}, (*seen, ref))
            return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    return {key: _inline_refs(value, documents, seen) for key, value in node.items()}


def _validators() -> tuple[jsonschema.protocols.Validator, jsonschema.protocols.Validator]:
    """The two schema validators, rebuilt whenever a schema file changes (mkdocs serve)."""
    files = (SCHEMA_DIR / "catalog.schema.json", SCHEMA_DIR / "group.schema.json")
    return _build_validators(tuple(f.stat().st_mtime_ns for f in files))


@cache
def _build_validators(_mtimes: tuple[int, ...]) -> tuple[jsonschema.protocols.Validator,
                                                         jsonschema.protocols.Validator]:
    catalog_schema = json.loads((SCHEMA_DIR / "catalog.schema.json").read_text())
    group_schema = json.loads((SCHEMA_DIR / "group.schema.json").read_text())
    documents = {"": catalog_schema, "catalog.schema.json": catalog_schema}
    catalog_schema = _inline_refs(catalog_schema, documents, ())
    group_schema = _inline_refs(group_schema, {**documents, "": group_schema}, ())
    resource = Resource.from_contents(catalog_schema)
    registry = Registry().with_resources(
        [("catalog.schema.json", resource), (catalog_schema["$id"], resource)]
    )
    base = jsonschema.Draft202012Validator
    whole_numbers = base.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
    cls = jsonschema.validators.extend(base, type_checker=whole_numbers)
    return cls(catalog_schema, registry=registry), cls(group_schema, registry=registry)


def _schema_problems(validator: jsonschema.protocols.Validator, doc: _Document,
                     file: str) -> list[Problem]:
    problems = []
    for error in validator.iter_errors(doc.data):
        path: Path_ = tuple(error.absolute_path)
        message = error.message
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    known = ", ".join(sorted(allowed))
                    problems.append(Problem(file, _line(doc, (*path, key)),
                                            _field_name((*path, key)),
                                            f"unknown key {key!r} (allowed here: {known})"))
            continue
        if error.validator == "required":
            missing = re.match(r"'([^']+)'", message)
            if missing:
                path = (*path, missing.group(1))
                message = "required field is missing"
        elif error.validator == "oneOf":
            message = (f"{error.instance!r} is not a valid code: use a whole number, or letters, "
                       "digits, '_', '.' and '-', at most 100 characters (optionally prefixed with '<system>:')")
        elif error.validator == "enum":
            choices = ", ".join(repr(c) for c in error.validator_value)
            message = f"{error.instance!r} is not one of {choices}"
        problems.append(Problem(file, _line(doc, path), _field_name(path), message))
    return sorted(problems, key=lambda p: p.line)


# --- building the model -------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "message"


def _code(value: int | str) -> str:
    return str(value)


def _retry(data: Mapping[str, Any] | None) -> Retry | None:
    if data is None:
        return None
    return Retry(data["retryable"], tuple(data["how"]), data.get("note"))


def _notes(items: Iterable[Mapping[str, str]]) -> tuple[NamedNote, ...]:
    return tuple(NamedNote(i["name"], i["description"]) for i in items)


def _ref(value: int | str, system: str) -> CodeRef:
    text = str(value)
    if ":" in text:
        other, code = text.split(":", 1)
        return CodeRef(other, code)
    return CodeRef(system, text)


class _CatalogBuilder:
    """Turns one catalog folder into a Catalog, collecting problems."""

    def __init__(self, folder: Path, root: Path, problems: list[Problem]) -> None:
        self.folder = folder
        self.root = root
        self.problems = problems

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, doc: _Document, file: str, path: Path_, message: str) -> None:
        self.problems.append(Problem(file, _line(doc, path), _field_name(path), message))

    def build(self) -> Catalog | None:
        catalog_validator, group_validator = _validators()
        catalog_path = self.folder / CATALOG_FILE
        catalog_file = self.rel(catalog_path)
        if not catalog_path.is_file():
            self.problems.append(Problem(catalog_file, 1, "", "missing: every catalog folder "
                                                             "needs a catalog.yml"))
            return None
        start = len(self.problems)
        meta = _read_yaml(catalog_path, catalog_file, self.problems)
        if meta is not None:
            self.problems.extend(_schema_problems(catalog_validator, meta, catalog_file))
        groups_docs: list[tuple[str, _Document]] = []
        for path in sorted(self.folder.iterdir()):
            if path.name == CATALOG_FILE or path.suffix not in {".yml", ".yaml"}:
                continue
            file = self.rel(path)
            doc = _read_yaml(path, file, self.problems)
            if doc is not None:
                schema_problems = _schema_problems(group_validator, doc, file)
                self.problems.extend(schema_problems)
                if not schema_problems:
                    groups_docs.append((file, doc))
        if meta is None or len(self.problems) > start:
            return None
        return self.assemble(catalog_file, meta, groups_docs)

    def assemble(self, catalog_file: str, meta: _Document,
                 group_docs: list[tuple[str, _Document]]) -> Catalog | None:
        start = len(self.problems)
        data = meta.data
        catalog_id = self.folder.name
        systems = tuple(
            CodeSystem(s["id"], s["title"], s["kind"], s.get("primary", False),
                       s.get("description"), s.get("example", True), s.get("name_style"), s.get("code_style"))
            for s in data["systems"]
        )
        system_ids = [s.id for s in systems]
        for i, system in enumerate(systems):
            if system_ids.index(system.id) != i:
                self.problem(meta, catalog_file, ("systems", i, "id"),
                             f"code system {system.id!r} is declared twice")
        primaries = [i for i, s in enumerate(systems) if s.primary]
        if len(primaries) != 1:
            self.problem(meta, catalog_file, ("systems",),
                         f"exactly one code system must be primary: true (found {len(primaries)})")
        statuses = {
            int(status): StatusPolicy(int(status), policy["title"], _retry(policy["retry"]))
            for status, policy in data["statuses"].items()
        }
        ranges = []
        for i, item in enumerate(data.get("ranges", [])):
            if item["start"] > item["end"]:
                self.problem(meta, catalog_file, ("ranges", i, "end"),
                             f"range {item['name']!r} ends ({item['end']}) before it starts "
                             f"({item['start']})")
            ranges.append(CodeRange(Span(item["start"], item["end"]), item["name"],
                                    item.get("group"),
                                    Location(catalog_file, _line(meta, ("ranges", i)))))

        groups = []
        for file, doc in group_docs:
            group = self.group(catalog_id, file, doc, systems, statuses)
            if group is not None:
                groups.append(group)
        seen_groups: dict[str, Group] = {}
        for group in groups:
            if group.id in seen_groups:
                other = seen_groups[group.id].location
                self.problems.append(Problem(group.location.file, group.location.line, "group.id",
                                             f"group id {group.id!r} is also used in "
                                             f"{other.file}:{other.line}"))
            seen_groups[group.id] = group
        for i, code_range in enumerate(ranges):
            if code_range.group is not None and code_range.group not in seen_groups:
                self.problem(meta, catalog_file, ("ranges", i, "group"),
                             f"no group with id {code_range.group!r} in {catalog_id}/")
        if start != len(self.problems) or not primaries:
            return None
        groups.sort(key=lambda g: _group_order(g, system_ids))
        groups = self.with_anchors(groups)
        codes: dict[CodeRef, list[ErrorEntry]] = {}
        for group in groups:
            for entry in group.entries:
                codes.setdefault(entry.ref, []).append(entry)
        catalog = Catalog(
            id=catalog_id,
            title=data["title"],
            summary=data["summary"],
            source_title=data.get("source", {}).get("title"),
            source_url=data.get("source", {}).get("url"),
            order=data.get("order", 1000),
            systems=systems,
            ranges=tuple(ranges),
            envelope=Envelope(
                data["envelope"]["description"],
                data["envelope"]["example"],
                tuple(EnvelopeField(f["name"], f["type"], f["description"], f.get("optional", False))
                      for f in data["envelope"]["fields"]),
            ),
            statuses=MappingProxyType(dict(sorted(statuses.items()))),
            groups=tuple(groups),
            acknowledgements=tuple(
                Acknowledgement(a["check"], a["subject"], a["reason"],
                                Location(catalog_file, _line(meta, ("acknowledged", i))))
                for i, a in enumerate(data.get("acknowledged", []))
            ),
            _codes=MappingProxyType({ref: tuple(entries) for ref, entries in codes.items()}),
        )
        self.check_messages(catalog)
        return None if start != len(self.problems) else catalog

    def group(self, catalog_id: str, file: str, doc: _Document, systems: tuple[CodeSystem, ...],
              statuses: Mapping[int, StatusPolicy]) -> Group | None:
        data = doc.data
        info = data["group"]
        primary = next((s for s in systems if s.primary), systems[0])
        system_id = info.get("system", primary.id)
        if system_id not in {s.id for s in systems}:
            self.problem(doc, file, ("group", "system"),
                         f"unknown code system {system_id!r} (catalog.yml declares "
                         f"{', '.join(s.id for s in systems)})")
            return None
        span = None
        if "span" in info:
            span = Span(info["span"]["start"], info["span"]["end"])
            if span.start > span.end:
                self.problem(doc, file, ("group", "span", "end"),
                             f"span ends ({span.end}) before it starts ({span.start})")
        entries = []
        for i, item in enumerate(data.get("entries", [])):
            status = item.get("status")
            own_retry = _retry(item.get("retry"))
            retry = own_retry
            if retry is None and status is not None:
                policy = statuses.get(status)
                if policy is None:
                    self.problem(doc, file, ("entries", i, "status"),
                                 f"status {status} has no retry policy: add it under `statuses` "
                                 "in catalog.yml, or give this entry its own `retry`")
                else:
                    retry = policy.retry
            if retry is None and status is None:
                self.problem(doc, file, ("entries", i, "retry"),
                             "an entry without an HTTP status must state its own `retry`")
            if retry is None:
                continue
            lifecycle = item.get("lifecycle", {})
            replaced_by = lifecycle.get("replaced_by")
            entries.append(ErrorEntry(
                catalog=catalog_id,
                system=system_id,
                group=info["id"],
                code=_code(item["code"]),
                name=item.get("name"),
                status=status,
                description=item["description"],
                scope=item.get("scope"),
                causes=tuple(item.get("causes", ())),
                fixes=tuple(item.get("fixes", ())),
                own_retry=own_retry,
                retry=retry,
                headers=_notes(item.get("headers", ())),
                fields=_notes(item.get("fields", ())),
                see_also=tuple(_ref(r, system_id) for r in item.get("see_also", ())),
                not_confused_with=tuple(_ref(r, system_id)
                                        for r in item.get("not_confused_with", ())),
                lifecycle=Lifecycle(lifecycle.get("state", "active"),
                                    None if replaced_by is None else _ref(replaced_by, system_id),
                                    lifecycle.get("note")),
                example_message=item.get("example_message"),
                anchor="",
                location=Location(file, _line(doc, ("entries", i))),
            ))
        messages = tuple(
            ErrorMessage(
                catalog=catalog_id,
                system=system_id,
                group=info["id"],
                code=_code(item["code"]),
                text=item["message"],
                cause=item["cause"],
                fixes=tuple(item.get("fixes", ())),
                anchor=item.get("anchor", ""),
                location=Location(file, _line(doc, ("messages", i))),
                declared_placeholders=MappingProxyType(dict(item.get("placeholders", {}))),
            )
            for i, item in enumerate(data.get("messages", []))
        )
        return Group(info["id"], info["title"], system_id, span, info.get("description"),
                     tuple(entries), messages, Location(file, _line(doc, ("group",))),
                     info.get("status_offset"))

    def with_anchors(self, groups: list[Group]) -> list[Group]:
        """Give every entry and message a fragment id unique within its code system."""
        counts: dict[CodeRef, int] = {}
        for group in groups:
            for entry in group.entries:
                counts[entry.ref] = counts.get(entry.ref, 0) + 1
        taken: set[tuple[str, str]] = set()

        def unique(system: str, wanted: str) -> str:
            anchor, n = wanted, 2
            while (system, anchor) in taken:
                anchor, n = f"{wanted}-{n}", n + 1
            taken.add((system, anchor))
            return anchor

        out = []
        for group in groups:
            entries = tuple(
                replace(e, anchor=unique(e.system, e.code if counts[e.ref] == 1
                                          else f"{e.code}-{_slug(e.name or e.group)}"))
                for e in group.entries
            )
            out.append(replace(group, entries=entries))
        final = []
        for group in out:
            messages = tuple(
                replace(m, anchor=self.message_anchor(m, taken, unique)) for m in group.messages
            )
            final.append(replace(group, messages=messages))
        return final

    def message_anchor(self, message: ErrorMessage, taken: set[tuple[str, str]], unique: Any) -> str:
        if message.anchor:
            if (message.system, message.anchor) in taken:
                self.problems.append(Problem(message.location.file, message.location.line,
                                             "anchor", f"anchor {message.anchor!r} is already "
                                                       "used by another entry or message"))
            taken.add((message.system, message.anchor))
            return message.anchor
        return unique(message.system, _slug(message.text))

    def check_messages(self, catalog: Catalog) -> None:
        for message in catalog.messages:
            if not catalog.entries_for(message.ref):
                self.problems.append(Problem(message.location.file, message.location.line,
                                             "code", f"message {message.text!r} comes with code "
                                                     f"{message.code}, which has no entry in "
                                                     f"code system {message.system!r}"))


def _group_order(group: Group, system_ids: list[str]) -> tuple[int, float, str]:
    numbers = [e.numeric_code for e in group.entries if e.numeric_code is not None]
    first = group.span.start if group.span else (min(numbers) if numbers else float("inf"))
    return (system_ids.index(group.system), first, group.title)


def load_catalogs(data_dir: Path | str) -> tuple[Catalog, ...]:
    """Load every catalog under data_dir, or raise CatalogError listing every problem."""
    root = Path(data_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        raise CatalogError([Problem(str(root), 1, "", "the data folder does not exist")])
    catalogs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder.name):
            problems.append(Problem(f"{root.name}/{folder.name}", 1, "",
                                    "catalog folder names must be lowercase letters, digits "
                                    "and '-' (the name is the catalog's URL)"))
            continue
        catalog = _CatalogBuilder(folder, root, problems).build()
        if catalog is not None:
            catalogs.append(catalog)
    if not catalogs and not problems:
        problems.append(Problem(root.name, 1, "", "no catalog folders found"))
    if problems:
        raise CatalogError(problems)
    return tuple(sorted(catalogs, key=lambda c: (c.order, c.id)))
