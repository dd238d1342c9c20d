"""Turn the validated YAML of each catalog folder into the frozen model, or fail with every problem.

Reading (yaml_reader) and validating (schema) come first; this module checks what the schema
cannot (cross-references, ids given twice) and builds the Catalog.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..site import history, outputs, urls
from . import catalog_files, codesets, fields, line_formats
from . import facts as facts_of
from .codesets import Span
from .lifecycle import GroupMove, PathRedirect, Release, Removal
from .model import (
    EXAMPLE_VARIABLE_RE,
    EXAMPLE_VARIABLES,
    NUMBER_KINDS,
    PLACEHOLDER_RE,
    Acknowledgement,
    Catalog,
    CodeRange,
    CodeRef,
    CodeSystem,
    Envelope,
    EnvelopeField,
    ErrorEntry,
    ErrorMessage,
    Fact,
    Group,
    LineFormat,
    Location,
    PlaceholderLimit,
    RangeTerm,
    Retry,
    StatusPolicy,
)
from .problems import CatalogError, Problem
from .schema import SchemaCheck, schema_problems, validators
from .yaml_reader import Document, YamlPath, field_name, line_of, read_yaml

CATALOG_FILE = "catalog.yml"
LEDGER_FILE = "published-urls.jsonl"
"""The ledger of published URLs (macros/site/ledger.py checks it, a folder of that name included): not a catalog."""
MAX_SAFE_CODE = 2**53 - 1
"""The largest numeric code: JavaScript's Number.MAX_SAFE_INTEGER, past which JSON readers round."""


@dataclass(frozen=True)
class Defaults:
    """What catalog.yml gives every entry that does not say otherwise."""

    retry: Retry | None
    severity: str | None


@dataclass
class ReadCache:
    """What earlier loads of the same process read and built, for `mkdocs serve`: each valid file (by name: the digest
    of its bytes, its data) and each group (by file: the digests of catalog.yml and of the file, the group). It
    holds model objects, so it serves only the code that made it (`code`)."""

    code: str
    documents: dict[str, tuple[str, Document]] = field(default_factory=dict)
    groups: dict[str, tuple[tuple[str, str], Group]] = field(default_factory=dict)


class _CatalogBuilder:
    """Turns one catalog folder into a Catalog, collecting problems."""

    def __init__(self, folder: Path, root: Path, problems: list[Problem], cache: ReadCache | None = None) -> None:
        self.folder = folder
        self.root = root
        self.problems = problems
        self.cache = cache
        self.sources: dict[str, str] = {}

    def read(self, path: Path, file: str, check: SchemaCheck) -> Document | None:
        """A file's data once it is read and valid against its schema (the cached data if its bytes are the same), or
        None with its problems added; the digest of its bytes goes to the catalog's sources."""
        try:
            raw = path.read_bytes()
        except OSError:
            return read_yaml(path, file, self.problems)
        digest = self.sources[file] = hashlib.blake2b(raw, digest_size=16).hexdigest()
        cached = self.cache.documents.get(file) if self.cache is not None else None
        if cached is not None and cached[0] == digest:
            return cached[1]
        doc = read_yaml(path, file, self.problems, raw)
        if doc is None:
            return None
        found = schema_problems(check, doc, file)
        self.problems.extend(found)
        if found:
            return None
        if self.cache is not None:
            self.cache.documents[file] = (digest, doc)
        return doc

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, doc: Document, file: str, path: YamlPath, message: str) -> None:
        self.problems.append(Problem(file, line_of(doc, path), field_name(path), message))

    def entry_facts(self, doc: Document, file: str, given: Mapping[str, Any], facts: tuple[Fact, ...],
                    path: YamlPath) -> Mapping[str, str]:
        """An entry's fact values, each one the catalog does not declare or that does not fit its kind a problem."""
        values, problems = facts_of.entry_values(given, facts, path)
        for where, message in problems:
            self.problem(doc, file, where, message)
        return values

    def check_example_variables(self, meta: Document, file: str, data: Mapping[str, Any],
                                facts: tuple[Fact, ...]) -> None:
        """An example template may only use the variables the site fills in: any other `$name` would be printed as
        it is, on every code page."""
        templates: list[tuple[YamlPath, Any]] = []
        if "envelope" in data:
            templates.append((("envelope", "example"), data["envelope"]["example"]))
        templates += [(("systems", i, "example", "template"), s["example"]["template"])
                      for i, s in enumerate(data["systems"]) if isinstance(s.get("example"), Mapping)]
        known = (*EXAMPLE_VARIABLES, *(fact.id for fact in facts))
        for path, template in templates:
            unknown = sorted({name for text in _strings(template) for name in EXAMPLE_VARIABLE_RE.findall(text)}
                             - set(known))
            if unknown:
                self.problem(meta, file, path, f"unknown variable{'s' if len(unknown) > 1 else ''} "
                             f"{', '.join('$' + n for n in unknown)}: an example can show "
                             f"{', '.join('$' + n for n in known)} (a fact declared under `facts` is $<its id>)")

    def line_formats(self, meta: Document, file: str, index: int, system: dict[str, Any],
                     system_ids: list[str]) -> tuple[LineFormat, ...]:
        """A system's line formats, each pattern checked: one that cannot be read is a problem at its line."""
        out = []
        for j, item in enumerate(system.get("line_formats", [])):
            path = ("systems", index, "line_formats", j)
            try:
                compiled = line_formats.compile_format(item["pattern"], system_ids, system["id"])
            except line_formats.FormatError as error:
                self.problem(meta, file, (*path, "pattern"), f"{error}")
                continue
            out.append(LineFormat(item["pattern"], item["seen_in"], item.get("example"),
                                  Location(file, line_of(meta, path)), compiled))
        return tuple(out)

    def build(self) -> Catalog | None:
        catalog_validator, group_validator = validators()
        catalog_path = self.folder / CATALOG_FILE
        catalog_file = self.rel(catalog_path)
        if not catalog_path.is_file():
            self.problems.append(Problem(catalog_file, 1, "", "missing: every catalog folder "
                                                             "needs a catalog.yml"))
            return None
        start = len(self.problems)
        meta = self.read(catalog_path, catalog_file, catalog_validator)
        groups_docs: list[tuple[str, Document]] = []
        for path in sorted(self.folder.iterdir()):
            if path.name == CATALOG_FILE or catalog_files.ignored(path.name):
                continue
            file = self.rel(path)
            unexpected = catalog_files.unexpected(path, self.root)
            if unexpected:
                self.problems.append(Problem(file, 1, "", unexpected))
                continue
            doc = self.read(path, file, group_validator)
            if doc is not None:
                groups_docs.append((file, doc))
        if meta is None or len(self.problems) > start:
            return None
        return self.assemble(catalog_file, meta, groups_docs)

    def assemble(self, catalog_file: str, meta: Document,
                 group_docs: list[tuple[str, Document]]) -> Catalog | None:
        start = len(self.problems)
        data = meta.data
        catalog_id = self.folder.name
        envelope = None if "envelope" not in data else Envelope(
            data["envelope"]["description"],
            data["envelope"]["example"],
            tuple(EnvelopeField(f["name"], f["type"], f["description"], f.get("optional", False))
                  for f in data["envelope"]["fields"]),
        )
        system_ids = [s["id"] for s in data["systems"]]
        systems = tuple(
            CodeSystem(s["id"], s["title"], s["kind"], s.get("primary", False), s.get("description"),
                       fields.example_format(s.get("example", True), envelope), s.get("name_style"),
                       s.get("code_style"), s.get("alias_label"), s.get("unique_names", False),
                       self.line_formats(meta, catalog_file, i, s, system_ids))
            for i, s in enumerate(data["systems"])
        )
        facts, fact_problems = facts_of.declarations(data.get("facts", ()), system_ids,
                                                    lambda path: Location(catalog_file, line_of(meta, path)))
        for path, message in fact_problems:
            self.problem(meta, catalog_file, path, message)
        self.check_example_variables(meta, catalog_file, data, facts)
        for i, system in enumerate(systems):
            if urls.reserved(system.id):
                self.problem(meta, catalog_file, ("systems", i, "id"),
                             _reserved("code system id", system.id, f"/{catalog_id}/{system.id}/"))
            if system_ids.index(system.id) != i:
                self.problem(meta, catalog_file, ("systems", i, "id"),
                             f"code system {system.id!r} is declared twice")
        primaries = [i for i, s in enumerate(systems) if s.primary]
        if len(primaries) != 1:
            self.problem(meta, catalog_file, ("systems",),
                         f"exactly one code system must be primary: true (found {len(primaries)})")
        statuses = {
            int(status): StatusPolicy(int(status), policy["title"], fields.retry(policy["retry"]))
            for status, policy in data.get("statuses", {}).items()
        }
        defaults = Defaults(fields.retry(data.get("retry")), data.get("severity"))
        ranges = []
        for i, item in enumerate(data.get("ranges", [])):
            span = codesets.parse(item)
            if isinstance(span, Span) and span.start > span.end:
                self.problem(meta, catalog_file, ("ranges", i, "end"),
                             f"range {item['name']!r} ends ({span.end}) before it starts ({span.start})")
            ranges.append(CodeRange(span, item["name"], item.get("group"),
                                    Location(catalog_file, line_of(meta, ("ranges", i)))))

        groups = []
        for file, doc in group_docs:
            key = (self.sources.get(catalog_file, ""), self.sources.get(file, ""))
            cached = self.cache.groups.get(file) if self.cache is not None else None
            if cached is not None and cached[0] == key:
                groups.append(cached[1])
                continue
            before = len(self.problems)
            group = self.group(catalog_id, file, doc, systems, statuses, defaults, facts)
            if group is not None:
                groups.append(group)
                if self.cache is not None and len(self.problems) == before:
                    self.cache.groups[file] = (key, group)
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
        groups = _published_order(groups, system_ids, ranges)
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
            envelope=envelope,
            statuses=MappingProxyType(dict(sorted(statuses.items()))),
            groups=tuple(groups),
            acknowledgements=tuple(
                Acknowledgement(a["check"], a["subject"], a["reason"],
                                Location(catalog_file, line_of(meta, ("acknowledged", i))))
                for i, a in enumerate(data.get("acknowledged", []))
            ),
            _codes=MappingProxyType({ref: tuple(entries) for ref, entries in codes.items()}),
            range_term=RangeTerm(**data["range_term"]) if "range_term" in data else RangeTerm(),
            releases=tuple(Release(r["version"], r["date"], r["summary"],
                                   Location(catalog_file, line_of(meta, ("releases", i))),
                                   tuple(r.get("formerly", ())))
                           for i, r in enumerate(data.get("releases", []))),
            formerly=tuple(data.get("formerly", ())),
            formerly_location=Location(catalog_file, line_of(meta, ("formerly",))) if "formerly" in data else None,
            problem_details=data.get("problem_details", False),
            redirects=tuple(PathRedirect(r["from"], r["to"], Location(catalog_file, line_of(meta, ("redirects", i))))
                            for i, r in enumerate(data.get("redirects", []))),
            retry=defaults.retry,
            severity=defaults.severity,
            optional_guidance=frozenset(data.get("optional_guidance", ())),
            sources=MappingProxyType(dict(sorted(self.sources.items()))),
            facts=facts,
        )
        self.check_messages(catalog)
        self.problems.extend(history.problems(catalog))
        return None if start != len(self.problems) else catalog

    def group(self, catalog_id: str, file: str, doc: Document, systems: tuple[CodeSystem, ...],
              statuses: Mapping[int, StatusPolicy], defaults: Defaults, facts: tuple[Fact, ...]) -> Group | None:
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
            span = codesets.parse(info["span"])
            if isinstance(span, Span) and span.start > span.end:
                self.problem(doc, file, ("group", "span", "end"),
                             f"span ends ({span.end}) before it starts ({span.start})")
        if urls.reserved(info["id"]):
            self.problem(doc, file, ("group", "id"),
                         _reserved("group id", info["id"], outputs.GROUP_TABLE.url(catalog_id, info["id"])))
        kinds = {s.id: s.kind for s in systems}
        group_retry = fields.retry(info.get("retry"))
        group_severity = info.get("severity", defaults.severity)
        entries = []
        for i, item in enumerate(data.get("entries", [])):
            status = item.get("status")
            own_retry = fields.retry(item.get("retry"))
            policy = statuses.get(status) if status is not None else None
            rules = ((own_retry, "entry"), (policy.retry if policy else None, "status"), (group_retry, "group"),
                     (defaults.retry, "catalog"))
            found = [(rule, source) for rule, source in rules if rule is not None]
            retry, source = found[0] if found else (None, "")
            inherited = next((rule for rule, source in found if source != "entry"), None)
            if retry is None:
                where = (f"status {status} has no retry policy under `statuses` in catalog.yml"
                         if status is not None else "this entry has no retry rule")
                self.problem(doc, file, ("entries", i, "status" if status is not None else "retry"),
                             f"{where}: give the entry its own `retry`, or set a default `retry` for its group "
                             "(in the group file) or for the whole catalog (in catalog.yml)")
                continue
            number = codesets.as_number(fields.code(item["code"]))
            if number is not None and number > MAX_SAFE_CODE and kinds[system_id] in NUMBER_KINDS:
                self.problem(doc, file, ("entries", i, "code"),
                             f"code {number} is larger than {MAX_SAFE_CODE}, the largest whole number that "
                             "JavaScript and most JSON readers keep exactly, so clients would read it as another "
                             "code: give the system `kind: string` and write its codes in quotes")
            if urls.reserved(fields.code(item["code"])):
                page = urls.code_src_in(catalog_id, None if system_id == primary.id else system_id, str(item["code"]))
                self.problem(doc, file, ("entries", i, "code"),
                             _reserved("code", fields.code(item["code"]), "/" + page.removesuffix(".md") + "/")
                             + " If the API really sends this code, give the entry another code and list the "
                               "published one under `aliases` (`- code: ...`), so the lookup still finds it.")
            lifecycle = fields.lifecycle(item.get("lifecycle", {}), system_id)
            said = item.get("lifecycle", {}).get("state")
            if said is not None and said != lifecycle.state:
                self.problem(doc, file, ("entries", i, "lifecycle", "state"),
                             f"the entry says it is {said}, but its lifecycle makes it {lifecycle.state}"
                             + (" (it has `removed`)" if lifecycle.removed else " (it has `deprecated`)"
                                if lifecycle.deprecated else " (it has neither `deprecated` nor `removed`)")
                             + ": remove `state`, or make it agree")
            entries.append(ErrorEntry(
                catalog=catalog_id,
                system=system_id,
                group=info["id"],
                code=fields.code(item["code"]),
                name=item.get("name"),
                status=status,
                severity=item.get("severity", group_severity),
                aliases=fields.aliases(item.get("aliases", ())),
                description=item.get("description"),
                scope=item.get("scope"),
                causes=tuple(item.get("causes", ())),
                fixes=tuple(item.get("fixes", ())),
                own_retry=own_retry,
                retry=retry,
                retry_source=source,
                inherited_retry=inherited,
                headers=fields.notes(item.get("headers", ())),
                fields=fields.notes(item.get("fields", ())),
                see_also=tuple(fields.ref(r, system_id) for r in item.get("see_also", ())),
                not_confused_with=tuple(fields.ref(r, system_id)
                                        for r in item.get("not_confused_with", ())),
                lifecycle=lifecycle,
                moved_from=fields.old_addresses(item.get("moved_from", ()), system_id,
                                          lambda j, i=i: Location(file, line_of(doc, ("entries", i, "moved_from", j)))),
                example_message=item.get("example_message"),
                facts=self.entry_facts(doc, file, item.get("facts", {}), facts, ("entries", i, "facts")),
                anchor="",
                location=Location(file, line_of(doc, ("entries", i))),
            ))
        messages = tuple(
            ErrorMessage(
                catalog=catalog_id,
                system=system_id,
                group=info["id"],
                code=fields.code(item["code"]),
                text=item["message"],
                cause=item.get("cause"),
                fixes=tuple(item.get("fixes", ())),
                anchor=item.get("anchor", ""),
                location=Location(file, line_of(doc, ("messages", i))),
                declared_placeholders=MappingProxyType(
                    {name: value if isinstance(value, str) else value["description"]
                     for name, value in item.get("placeholders", {}).items()}),
                placeholder_limits=MappingProxyType(
                    {name: PlaceholderLimit(value.get("type"), value.get("max_length"))
                     for name, value in item.get("placeholders", {}).items()
                     if isinstance(value, dict) and ("type" in value or "max_length" in value)}),
                removed=None if "removed" not in item else Removal(item["removed"].get("version"),
                                                                   note=item["removed"].get("note")),
                translations=MappingProxyType(dict(item.get("translations", {}))),
            )
            for i, item in enumerate(data.get("messages", []))
        )
        for i, message in enumerate(messages):
            self.check_translations(doc, file, i, message)
        return Group(info["id"], info["title"], system_id, span, info.get("description"),
                     tuple(entries), messages, Location(file, line_of(doc, ("group",))),
                     info.get("status_offset"), group_retry, info.get("severity"),
                     frozenset(info.get("optional_guidance", ())), info.get("example", True),
                     tuple(GroupMove(m.get("id"), m.get("catalog"), m.get("system")) for m in info.get("formerly", ())))

    def check_translations(self, doc: Document, file: str, index: int, message: ErrorMessage) -> None:
        """A translation names exactly the placeholders of its message: a reader's pasted text is matched by them,
        and the page explains each one once."""
        wanted = set(message.placeholders)
        for tag, text in message.translations.items():
            found = set(PLACEHOLDER_RE.findall(text))
            if found == wanted:
                continue
            said = [f"has {_braced(found - wanted)}, which the message does not have"] if found - wanted else []
            said += [f"lacks {_braced(wanted - found)}, which the message has"] if wanted - found else []
            self.problem(doc, file, ("messages", index, "translations", tag),
                         f"the {tag} translation {', and '.join(said)}: a translation uses the same {{placeholders}} "
                         "as its message, in whatever order its language needs")

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
                                          else urls.twin_anchor(e.code, e.name, e.group)))
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
        return unique(message.system, urls.slug(message.text))

    def check_messages(self, catalog: Catalog) -> None:
        for message in catalog.messages:
            if not catalog.entries_for(message.ref):
                self.problems.append(Problem(message.location.file, message.location.line,
                                             "code", f"message {message.text!r} comes with code "
                                                     f"{message.code}, which has no entry in "
                                                     f"code system {message.system!r}"))


def _braced(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


def _reserved(what: str, name: str, url: str) -> str:
    return (f"{what} {name!r} would take {url}, but the site keeps that name, in any case, for its own pages and "
            "files (data/README.md lists the reserved names): choose another.")


def _first_number(group: Group) -> float:
    if isinstance(group.span, Span):
        return group.span.start
    numbers = [e.numeric_code for e in group.entries if e.numeric_code is not None]
    return min(numbers) if numbers else float("inf")


def _published_order(groups: list[Group], system_ids: list[str], ranges: list[CodeRange]) -> list[Group]:
    """Groups in the order the catalog publishes them.

    A group a declared range points at takes that range's place in the list; any other group
    follows the declared group whose numbers come closest below its own (or goes last), and
    groups without declared ranges are ordered by their first code, then title.
    """
    declared = {r.group: i for i, r in reversed(list(enumerate(ranges))) if r.group}
    starts = sorted((_first_number(g), declared[g.id]) for g in groups if g.id in declared)

    def place(group: Group) -> float:
        if group.id in declared:
            return declared[group.id]
        first = _first_number(group)
        below = [(start, position) for start, position in starts if start <= first]
        return max(below)[1] + 0.5 if below and first != float("inf") else float("inf")

    return sorted(groups, key=lambda g: (system_ids.index(g.system), place(g), _first_number(g), g.title))


def load_catalogs(data_dir: Path | str, cache: ReadCache | None = None) -> tuple[Catalog, ...]:
    """Load every catalog under data_dir, or raise CatalogError listing every problem; `cache` keeps what was read
    for the next load of the same process (`mkdocs serve`), which reads again only the files whose bytes changed."""
    root = Path(data_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        raise CatalogError([Problem(str(root), 1, "", "the data folder does not exist")])
    catalogs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                         and p.name != LEDGER_FILE):
        if folder.is_symlink() and not catalog_files.inside(folder, root):
            problems.append(Problem(f"{root.name}/{folder.name}", 1, "",
                                    f"a link to {folder.resolve()}, outside {root.name}/: the build reads only "
                                    "catalogs kept in the data folder; copy the catalog here instead"))
            continue
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder.name):
            problems.append(Problem(f"{root.name}/{folder.name}", 1, "",
                                    "catalog folder names must be lowercase letters, digits "
                                    "and '-' (the name is the catalog's URL)"))
            continue
        if urls.reserved(folder.name):
            problems.append(Problem(f"{root.name}/{folder.name}", 1, "",
                                    _reserved("catalog id", folder.name, f"/{folder.name}/")
                                    + " The catalog's id is its folder's name: rename the folder."))
            continue
        catalog = _CatalogBuilder(folder, root, problems, cache).build()
        if catalog is not None:
            catalogs.append(catalog)
    if not catalogs and not problems:
        problems.append(Problem(root.name, 1, "", "no catalog folders found"))
    if problems:
        raise CatalogError(problems)
    return tuple(sorted(catalogs, key=lambda c: (c.order, c.id)))


def _strings(node: Any) -> Iterator[str]:
    """Every string in a YAML value, keys included."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
