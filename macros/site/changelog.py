"""What each release of a catalog changed, derived from its entries' lifecycle: the data of the changes page and feeds.

Pure: a Catalog in, its releases newest first, each with the entries it added, deprecated,
removed or otherwise changed, and the message strings it retired.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.lifecycle import Release
from ..catalog.model import Catalog, ErrorEntry, ErrorMessage


@dataclass(frozen=True)
class ReleaseChanges:
    """One release and what it did to the catalog's entries."""

    release: Release
    added: tuple[ErrorEntry, ...]
    deprecated: tuple[ErrorEntry, ...]
    removed: tuple[ErrorEntry, ...]
    changed: tuple[tuple[ErrorEntry, str], ...]
    messages_removed: tuple[ErrorMessage, ...]

    @property
    def count(self) -> int:
        """How many changes the release lists."""
        return (len(self.added) + len(self.deprecated) + len(self.removed) + len(self.changed)
                + len(self.messages_removed))


def _deprecated_in(entry: ErrorEntry) -> str | None:
    return entry.lifecycle.deprecated.version if entry.lifecycle.deprecated else None


def _removed_in(entry: ErrorEntry) -> str | None:
    return entry.lifecycle.removed.version if entry.lifecycle.removed else None


def changelog(catalog: Catalog) -> tuple[ReleaseChanges, ...]:
    """Every release of the catalog, newest first, with its changes."""
    entries = list(catalog.entries)
    out = []
    for release in reversed(catalog.releases):
        version = release.version
        out.append(ReleaseChanges(
            release,
            added=tuple(e for e in entries if e.lifecycle.since == version),
            deprecated=tuple(e for e in entries if _deprecated_in(e) == version),
            removed=tuple(e for e in entries if _removed_in(e) == version),
            changed=tuple((e, r.note) for e in entries for r in e.lifecycle.changed if r.version == version),
            messages_removed=tuple(m for m in catalog.messages if m.removed and m.removed.version == version),
        ))
    return tuple(out)


def latest(catalog: Catalog) -> Release | None:
    """The catalog's newest release, if it lists any."""
    return catalog.releases[-1] if catalog.releases else None
