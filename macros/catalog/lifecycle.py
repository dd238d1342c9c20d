"""The model of a catalog's history: its releases, an entry's lifecycle, and where things were published before.

Frozen dataclasses, no YAML, no URLs; macros/catalog/model.py holds the rest of the model and uses these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import CodeRef, Location


@dataclass(frozen=True)
class Release:
    """A release of a catalog: its version, its date (YYYY-MM-DD) and what it changed."""

    version: str
    date: str
    summary: str
    location: Location = field(repr=False)
    formerly: tuple[str, ...] = ()
    """Versions the release was published under before: their anchors on the changes page still lead to it."""


@dataclass(frozen=True)
class Deprecation:
    """A code that still works but should no longer be relied on."""

    version: str | None = None
    reason: str | None = None
    use_instead: CodeRef | None = None


@dataclass(frozen=True)
class Removal:
    """A code (or message) the API no longer returns; its page stays, as a tombstone."""

    version: str | None = None
    replaced_by: CodeRef | None = None
    note: str | None = None


@dataclass(frozen=True)
class Revision:
    """Another change a release made to an entry, in one line."""

    version: str
    note: str


@dataclass(frozen=True)
class Lifecycle:
    """When a code appeared, changed, was deprecated and was removed."""

    since: str | None = None
    deprecated: Deprecation | None = None
    removed: Removal | None = None
    changed: tuple[Revision, ...] = ()

    @property
    def state(self) -> str:
        """`removed`, `deprecated` or `active`."""
        return "removed" if self.removed else "deprecated" if self.deprecated else "active"

    @property
    def replaced_by(self) -> CodeRef | None:
        """The code to use instead, if the catalog names one."""
        if self.removed is not None:
            return self.removed.replaced_by
        return self.deprecated.use_instead if self.deprecated is not None else None

    @property
    def note(self) -> str | None:
        """What the catalog says about the removal or deprecation."""
        if self.removed is not None:
            return self.removed.note
        return self.deprecated.reason if self.deprecated is not None else None


@dataclass(frozen=True)
class OldAddress:
    """Where an entry was published before: a code, in a code system and catalog (None: the entry's own)."""

    code: str
    system: str | None = None
    catalog: str | None = None
    location: Location | None = field(default=None, repr=False)
    anchor: str | None = None


@dataclass(frozen=True)
class GroupMove:
    """Where a group was published before: its earlier id, catalog or code system (None: unchanged)."""

    id: str | None = None
    catalog: str | None = None
    system: str | None = None


@dataclass(frozen=True)
class PathRedirect:
    """A page of the site that moved, declared by path: `from` is sent on to `to`."""

    source: str
    target: str
    location: Location = field(repr=False)
