"""The sets of codes a declared range or a group covers: numeric spans, prefixes and patterns.

A catalog groups its codes the way it publishes them: `100-199` (a span of whole numbers),
`22` (a prefix: every code that starts with it, like SQLSTATE class 22) or `18xx` (a pattern:
codes of that length, `x` standing for any one letter or digit). Each kind answers the same
questions: does it hold a code, does it overlap another set, and how does a reader name it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

WILDCARD = "x"
_CANONICAL_NUMBER = re.compile(r"0|[1-9][0-9]*")
_ALPHANUMERIC = re.compile(r"[0-9A-Za-z]+")


def as_number(code: str | int) -> int | None:
    """The code as a whole number when it is written as one (`1806`), else None (`0100`, `22P02`)."""
    if isinstance(code, int):
        return code
    return int(code) if _CANONICAL_NUMBER.fullmatch(code) else None


@dataclass(frozen=True)
class Span:
    """A closed range of whole-number codes: `1800-1899`."""

    start: int
    end: int

    def __contains__(self, code: object) -> bool:
        number = as_number(code) if isinstance(code, (str, int)) and not isinstance(code, bool) else None
        return number is not None and self.start <= number <= self.end

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"

    @property
    def label(self) -> str:
        """How the catalog writes it."""
        return str(self)

    def names(self, code_lengths: Iterable[int] = ()) -> tuple[str, ...]:
        """Every way a reader may type this span (`1800-1899`, and `18xx` for a whole block)."""
        out = [str(self)]
        size = self.end - self.start + 1
        digits = len(str(size)) - 1
        if self.start > 0 and size == 10 ** digits and digits and self.start % size == 0:
            out.append(f"{self.start // size}{WILDCARD * digits}")
        return tuple(out)


@dataclass(frozen=True)
class Prefix:
    """Every code that starts with a text: `22` holds `22000`, `22012` and `2202E`."""

    prefix: str

    def __contains__(self, code: object) -> bool:
        return isinstance(code, (str, int)) and str(code).startswith(self.prefix)

    def __str__(self) -> str:
        return self.prefix

    @property
    def label(self) -> str:
        """How the catalog writes it."""
        return self.prefix

    def names(self, code_lengths: Iterable[int] = ()) -> tuple[str, ...]:
        """`22`, and `22xxx` for each length the codes of its system have."""
        fills = sorted({n - len(self.prefix) for n in code_lengths if n > len(self.prefix)})
        return (self.prefix, *(self.prefix + WILDCARD * n for n in fills))


@dataclass(frozen=True)
class Pattern:
    """Codes of one length matching a pattern in which `x` stands for any letter or digit: `18xx`."""

    pattern: str

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, (str, int)):
            return False
        text = str(code)
        return len(text) == len(self.pattern) and all(
            _fits(p, c) for p, c in zip(self.pattern, text, strict=True))

    def __str__(self) -> str:
        return self.pattern

    @property
    def label(self) -> str:
        """How the catalog writes it."""
        return self.pattern

    def names(self, code_lengths: Iterable[int] = ()) -> tuple[str, ...]:
        """The pattern itself."""
        return (self.pattern,)


CodeSet = Span | Prefix | Pattern


def _fits(pattern_char: str, char: str) -> bool:
    return pattern_char == char or (pattern_char == WILDCARD and char.isascii() and char.isalnum())


def _compatible(a: str, b: str) -> bool:
    """Whether two pattern characters can match the same character."""
    return a == b or (a == WILDCARD and (b.isalnum() or b == WILDCARD)) or (b == WILDCARD and a.isalnum())


def overlaps(a: CodeSet, b: CodeSet) -> bool:
    """Whether some code could lie in both sets."""
    if isinstance(a, Span) and isinstance(b, Span):
        return a.start <= b.end and b.start <= a.end
    if isinstance(b, Span):
        a, b = b, a
    if isinstance(a, Span):
        return _span_meets(a, b)  # type: ignore[arg-type]
    if isinstance(a, Prefix) and isinstance(b, Prefix):
        return a.prefix.startswith(b.prefix) or b.prefix.startswith(a.prefix)
    if isinstance(a, Pattern) and isinstance(b, Pattern):
        return len(a.pattern) == len(b.pattern) and all(map(_compatible, a.pattern, b.pattern))
    prefix, pattern = (a, b) if isinstance(a, Prefix) else (b, a)
    assert isinstance(prefix, Prefix) and isinstance(pattern, Pattern)
    head = pattern.pattern[: len(prefix.prefix)]
    return len(pattern.pattern) >= len(prefix.prefix) and all(map(_compatible, head, prefix.prefix))


def _span_meets(span: Span, other: Prefix | Pattern) -> bool:
    """Whether a whole number in the span is written with the prefix, or matches the pattern."""
    if isinstance(other, Prefix):
        if as_number(other.prefix) is None:
            return False
        base = int(other.prefix)
        for digits in range(len(str(max(span.end, 0))) + 1):
            low, high = base * 10 ** digits, (base + 1) * 10 ** digits - 1
            if low <= span.end and span.start <= high:
                return True
        return False
    pattern = other.pattern
    if not all(c.isdigit() or c == WILDCARD for c in pattern):
        return False
    return _pattern_number_between(pattern, "", span.start, span.end)


def _pattern_number_between(pattern: str, head: str, low: int, high: int) -> bool:
    """Depth-first: is there a number written as head + a fill of the pattern's rest within [low, high]?"""
    if len(head) == len(pattern):
        return as_number(head) is not None and low <= int(head) <= high
    rest = len(pattern) - len(head) - 1
    choices = "0123456789" if pattern[len(head)] == WILDCARD else pattern[len(head)]
    for digit in choices:
        if not head and digit == "0" and len(pattern) > 1:
            continue
        start = int(head + digit) * 10 ** rest
        if start <= high and start + 10 ** rest - 1 >= low and _pattern_number_between(
                pattern, head + digit, low, high):
            return True
    return False


def parse(value: dict[str, object]) -> CodeSet:
    """The code set a mapping of catalog.yml or a group file declares: start/end, prefix or pattern."""
    if "prefix" in value:
        return Prefix(str(value["prefix"]))
    if "pattern" in value:
        return Pattern(str(value["pattern"]))
    return Span(int(value["start"]), int(value["end"]))  # type: ignore[call-overload]


def pattern_regex(code_set: CodeSet, code_lengths: Iterable[int], alphanumeric: bool = True) -> str | None:
    """A regular expression (for the lowercased code) that matches the codes of the set; None for a Span.

    A prefix only matches codes as long as the codes of its system, so that a word that happens to
    start with a prefix is not read as a code of the class.
    """
    rest = "[0-9a-z]" if alphanumeric else "[0-9a-z_.-]"
    if isinstance(code_set, Span):
        return None
    if isinstance(code_set, Pattern):
        return "^" + "".join(rest if c == WILDCARD else re.escape(c.lower()) for c in code_set.pattern) + "$"
    fills = sorted({n - len(code_set.prefix) for n in code_lengths if n >= len(code_set.prefix)})
    quantity = "*" if not fills else (f"{{{fills[0]}}}" if fills[0] == fills[-1] else f"{{{fills[0]},{fills[-1]}}}")
    return "^" + re.escape(code_set.prefix.lower()) + rest + quantity + "$"


def all_alphanumeric(codes: Iterable[str]) -> bool:
    """Whether every code is letters and digits only."""
    return all(_ALPHANUMERIC.fullmatch(code) for code in codes)


T = TypeVar("T")


@dataclass
class SetIndex(Generic[T]):
    """Finds, for a code, every item whose code set holds it, without testing every set."""

    spans: list[tuple[int, int, T]] = field(default_factory=list)
    prefixes: dict[str, list[T]] = field(default_factory=dict)
    patterns: dict[int, list[tuple[Pattern, T]]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _longest_span: int = 0

    @classmethod
    def of(cls, items: Iterable[tuple[CodeSet, T]]) -> SetIndex[T]:
        """Index items by their code sets."""
        index: SetIndex[T] = cls()
        for code_set, item in items:
            if isinstance(code_set, Span):
                index.spans.append((code_set.start, code_set.end, item))
            elif isinstance(code_set, Prefix):
                index.prefixes.setdefault(code_set.prefix, []).append(item)
            else:
                index.patterns.setdefault(len(code_set.pattern), []).append((code_set, item))
        index.spans.sort(key=lambda s: (s[0], s[1]))
        index._starts = [s[0] for s in index.spans]
        index._longest_span = max((end - start for start, end, _ in index.spans), default=0)
        return index

    def containing(self, code: str) -> Iterator[T]:
        """Every item whose set holds the code."""
        number = as_number(code)
        if number is not None and self.spans:
            at = bisect.bisect_right(self._starts, number)
            lowest = number - self._longest_span
            while at > 0 and self.spans[at - 1][0] >= lowest:
                at -= 1
                start, end, item = self.spans[at]
                if start <= number <= end:
                    yield item
        for cut in range(1, len(code) + 1) if self.prefixes else ():
            yield from self.prefixes.get(code[:cut], ())
        for pattern, item in self.patterns.get(len(code), ()):
            if code in pattern:
                yield item
