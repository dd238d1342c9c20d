"""Line formats: how a code system's errors look in logs and clients, as patterns with named parts.

A catalog writes `ERROR:  {code}: {message}` or `{message} (SQLSTATE {code})`; this module turns such a
pattern into a regular expression that Python and the browser's lookup both read (only the syntax the two
share: character classes, lazy groups, `\\s`), with its parts in the order of their groups. The lookup
(docs/javascripts/lookup-core.js) runs them over every line of a paste; the lint checks each example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PART = re.compile(r"\{([^{}]*)\}")
BASE_PARTS = {
    "code": r"([A-Za-z0-9_][A-Za-z0-9_.-]*?)",
    "name": r"([A-Za-z_][A-Za-z0-9_]*)",
    "status": r"([1-5][0-9][0-9])",
    "message": r"(.+?)",
}
ANY = "*"
SPECIAL = set(".*+?^$()[]{}|\\/-")
MAX_PATTERN = 200
MAX_PARTS = 6


@dataclass(frozen=True)
class CompiledFormat:
    """A pattern as the lookup reads it: the regular expression, its parts in group order, and a literal key.

    `key` is the pattern's longest literal piece, lowercased: a line without it cannot match, so the
    lookup tries the expression only on lines that hold it.
    """

    source: str
    parts: tuple[str, ...]
    key: str


class FormatError(ValueError):
    """A pattern that cannot be read, with what to write instead."""


def _literal(text: str) -> str:
    out = []
    for run in re.split(r"(\s+)", text):
        if not run:
            continue
        if run.isspace():
            out.append(r"\s*")
        else:
            out.append("".join("\\" + c if c in SPECIAL else c for c in run))
    return "".join(out)


def compile_format(pattern: str, systems: Iterable[str], own_system: str) -> CompiledFormat:
    """The pattern as a regular expression; FormatError says what is wrong with it."""
    others = [s for s in systems if s != own_system]
    known = [*BASE_PARTS, *others, ANY]
    pieces = PART.split(pattern)
    literals, names = pieces[0::2], pieces[1::2]
    if len(pattern) > MAX_PATTERN:
        raise FormatError(f"the pattern is {len(pattern)} characters long; keep it to {MAX_PATTERN}")
    if "{" in "".join(literals) or "}" in "".join(literals):
        raise FormatError("a brace that does not enclose a part: parts are written {code}, {message}, ...")
    unknown = [n for n in names if n not in known]
    if unknown:
        raise FormatError(f"unknown part {{{unknown[0]}}}: write one of "
                          + ", ".join("{" + k + "}" for k in known))
    real = [n for n in names if n != ANY]
    if not any(n != "status" for n in real):
        raise FormatError("the pattern names no error: it needs {code}, {name}, {message} or another "
                          "system's code")
    if len(set(real)) != len(real):
        raise FormatError("a part appears twice: name each part once")
    if len(names) > MAX_PARTS:
        raise FormatError(f"the pattern has {len(names)} parts; keep it to {MAX_PARTS}")
    for i in range(1, len(literals) - 1):
        if not literals[i]:
            raise FormatError(f"{{{names[i - 1]}}} and {{{names[i]}}} touch: put literal text between them "
                              "so the lookup can tell where one ends")
    source = []
    for i, literal in enumerate(literals):
        source.append(_literal(literal))
        if i < len(names):
            name = names[i]
            last = i == len(names) - 1 and not literals[i + 1].strip()
            if name == ANY:
                source.append(".*?")
            elif name in BASE_PARTS:
                group = BASE_PARTS[name]
                source.append("(.+)$" if name == "message" and last else group)
            else:
                source.append(BASE_PARTS["code"])
    if names and names[-1] in BASE_PARTS and names[-1] != "message" and not literals[-1].strip():
        source.append(r"(?![A-Za-z0-9_.-])")
    key = max((lit.strip().lower() for lit in literals), key=len, default="")
    return CompiledFormat("".join(source), tuple(n for n in names if n != ANY), key)


def match_line(compiled: CompiledFormat, line: str) -> dict[str, str] | None:
    """The parts a line fills in, or None: what the lookup does in the browser, for the lint and tests."""
    if compiled.key and compiled.key not in line.lower():
        return None
    found = re.search(compiled.source, line, re.IGNORECASE)
    if not found:
        return None
    return dict(zip(compiled.parts, (g.strip() for g in found.groups()), strict=True))
