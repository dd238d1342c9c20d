"""What is wrong with the catalogs: one Problem per finding, raised together as one CatalogError."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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


MAX_SHOWN = 200
"""The most problems a refusal lists: the rest are counted, so that a broken file cannot flood the terminal."""


class CatalogError(Exception):
    """Raised once with every problem found in the catalogs."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count:,} problem{'s' if count != 1 else ''} in the error catalogs:"
        more = [f"  ... and {count - MAX_SHOWN:,} more; fix these first"] if count > MAX_SHOWN else []
        return "\n".join([head, *(f"  {p}" for p in self.problems[:MAX_SHOWN]), *more])
