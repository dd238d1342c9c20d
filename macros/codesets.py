"""The sets of codes a range or a group covers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A closed range of numeric codes."""

    start: int
    end: int

    def __contains__(self, code: object) -> bool:
        return isinstance(code, int) and self.start <= code <= self.end

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"
