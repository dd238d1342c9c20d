"""Read YAML files into plain data with the line of every value; the only code that parses YAML.

Refuses what would make the data ambiguous or the build unsafe (tags, merge keys, alias bombs,
deep nesting, keys given twice, numbers only YAML 1.1 reads) with a Problem naming the file, the
line and the field. `yes`, `no`, `on` and `off` stay text, as in YAML 1.2.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_ALIAS_NODES = 100_000
MAX_ALIAS_CHARACTERS = 1_000_000
ALIAS_TEXT_RATIO = 20
"""The text the aliases of one file may repeat: MAX_ALIAS_CHARACTERS and ALIAS_TEXT_RATIO times the file's size. A
long string aliased thousands of times is a bomb as much as a deep tree of aliases is."""
MAX_YAML_DEPTH = 100
MAX_INT_DIGITS = 100
MAX_TEXT_LENGTH = 10_000
"""The most characters any text of a catalog can have: a page is for reading, and the lookup carries the text."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

YamlPath = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML file: its data and the line of every value, by path."""

    data: Any
    lines: dict[YamlPath, int]


class _Refused(Exception):
    """A file the reader will not turn into data: where, and why."""

    def __init__(self, line: int, path: YamlPath, message: str) -> None:
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
_NUMBER_FORMS = {
    _TAG + "int": re.compile(r"[-+]?(0|[1-9][0-9]*)"),
    _TAG + "float": re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                               r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"),
}
"""The numbers YAML 1.2 writes; YAML 1.1 also reads `0100` as 64, `30:50` as 1850 and `1_850` as 1850."""


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


class _Walker:
    """Turns a composed YAML node graph into plain data, recording the line of every value.

    Nodes reached again through an alias (*name) count against an alias budget, so an alias
    bomb is refused while a file of any size that spells its data out loads.
    """

    def __init__(self, loader: yaml.CSafeLoader, doc: Document, file: str, budget: int, characters: int) -> None:
        self.loader = loader
        self.doc = doc
        self.file = file
        self.budget = self.allowance = budget
        self.characters = self.text_allowance = characters
        self.problems: list[Problem] = []
        self.bad_values = 0
        self.seen: set[int] = set()
        self.inside: set[int] = set()

    def problem(self, node: yaml.Node, path: YamlPath, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, field_name(path), message))

    def value(self, node: yaml.Node, path: YamlPath, alias: YamlPath | None, written_at: int) -> Any:
        """The data of a node; written_at is the line its parent writes it on (an alias's own line)."""
        key = id(node)
        repeat = alias is None and key in self.seen
        self.doc.lines[path] = written_at if repeat else node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            again = alias is not None or key in self.seen
            if again:
                self.spend(node, alias or path, len(node.value))
            else:
                self.seen.add(key)
            return self.scalar(node, path, report=not again)
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

    def unsupported(self, node: yaml.Node, path: YamlPath) -> None:
        self.bad_values += 1
        self.problem(node, path, f"unsupported YAML tag {_short_tag(node.tag)}: write plain text, numbers, "
                                 "true/false, lists and mappings only")

    def spend(self, node: yaml.Node, alias: YamlPath, characters: int = 0) -> None:
        self.budget -= 1
        self.characters -= characters
        if self.characters < 0:
            raise _Refused(self.doc.lines[alias], alias,
                           f"aliases that expand too far: the aliases (*name) in this file repeat more than "
                           f"{self.text_allowance:,} characters of text (an alias bomb?); write the values out "
                           "instead")
        if self.budget < 0:
            raise _Refused(self.doc.lines[alias], alias,
                           f"aliases that expand too far: the aliases (*name) in this file repeat more than "
                           f"{self.allowance} values (an alias bomb?); write the values out instead")

    def mapping(self, node: yaml.MappingNode, path: YamlPath, alias: YamlPath | None) -> dict[str, Any]:
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
                                             field_name((*path, key)), "key given twice"))
            out[key] = self.value(value_node, (*path, key), alias, key_node.start_mark.line + 1)
        return out

    def scalar(self, node: yaml.ScalarNode, path: YamlPath, report: bool) -> Any:
        if node.tag == _TAG + "timestamp":
            return node.value  # a date-like value stays the text it is written as
        if node.tag not in _PLAIN_TAGS:
            if report:
                self.unsupported(node, path)
            return _BAD
        if node.tag == _TAG + "str":
            message = _not_text(node.value)
            if message is None:
                return node.value
            if report:
                self.bad_values += 1
                self.problem(node, path, message)
            return _BAD
        if node.tag == _TAG + "bool" and node.value.lower() not in ("true", "false"):
            return node.value  # yes, no, on, off: text, as YAML 1.2 reads them
        message = None
        try:
            value = self.loader.yaml_constructors[node.tag](self.loader, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            value, message = _BAD, f"cannot read the value {node.value[:40]!r}: {exc}"
        if node.tag == _TAG + "int" and (value is _BAD or abs(value) >= 10 ** MAX_INT_DIGITS):
            message = f"the number {node.value[:20]}... is too large (more than {MAX_INT_DIGITS} digits)"
        elif node.tag in _NUMBER_FORMS and not _NUMBER_FORMS[node.tag].fullmatch(node.value):
            message = (f"{node.value[:40]!r} is not a plain number (YAML 1.1 reads it as {value!r}): write a "
                       "number without leading zeros, underscores, colons or a base prefix (`100`, `2.5`), or put "
                       f"the value in quotes to keep it as the text it is (\"{node.value[:40]}\")")
        if message is None:
            return value
        if report:
            self.bad_values += 1
            self.problem(node, path, message)
        return _BAD


def _not_text(value: str) -> str | None:
    """Why a string cannot be catalog text (a control character, only spaces, too long), or None."""
    bad = _CONTROL.search(value)
    if bad:
        return f"holds the control character U+{ord(bad.group()):04X} at position {bad.start() + 1}: remove it"
    if value and not value.strip():
        return "is only spaces: write the text, or leave the key out"
    if len(value) > MAX_TEXT_LENGTH:
        return (f"is {len(value):,} characters long, more than the {MAX_TEXT_LENGTH:,} a text can be: shorten it, "
                "or link to a longer document")
    return None


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


def read_yaml(path: Path, file: str, problems: list[Problem], raw: bytes | None = None) -> Document | None:
    """Parse one YAML file (or its bytes, already read) into data with the line of every value, or add its problems
    and return None."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as exc:
        problems.append(Problem(file, 1, "", f"cannot read the file ({exc.strerror or exc}): check that it exists "
                                             "and can be read"))
        return None
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
        doc = Document(None, {})
        walker = _Walker(loader, doc, file, MAX_ALIAS_NODES + len(text),
                         MAX_ALIAS_CHARACTERS + ALIAS_TEXT_RATIO * len(text))
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
        problems.append(Problem(file, exc.line, field_name(exc.path), exc.message))
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return None


def field_name(path: YamlPath) -> str:
    """`entries[3].retry.how`: a path as the user writes it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(doc: Document, path: YamlPath) -> int:
    """The line of the value at path, or of its nearest written parent."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in doc.lines:
            return doc.lines[path[:cut]]
    return 1
