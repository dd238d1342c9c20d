"""How much explanatory prose each group of a catalog has: information for its maintainers, never a finding."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.model import Catalog, Group


@dataclass(frozen=True)
class ProseCoverage:
    """Counts of one group's entries and messages that carry each kind of prose."""

    group: Group
    entries: int
    described: int
    with_causes: int
    with_fixes: int
    messages: int
    messages_with_cause: int

    @property
    def counts(self) -> tuple[int, ...]:
        """The counts alone, in the order the health page shows them."""
        return (self.entries, self.described, self.with_causes, self.with_fixes, self.messages,
                self.messages_with_cause)


def prose_coverage(catalog: Catalog) -> tuple[ProseCoverage, ...]:
    """Each group's prose coverage, in the catalog's group order."""
    return tuple(
        ProseCoverage(
            group=group, entries=len(group.entries),
            described=sum(1 for e in group.entries if e.description),
            with_causes=sum(1 for e in group.entries if e.causes),
            with_fixes=sum(1 for e in group.entries if e.fixes),
            messages=len(group.messages),
            messages_with_cause=sum(1 for m in group.messages if m.cause))
        for group in catalog.groups)
