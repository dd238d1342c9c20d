"""Checks of a catalog's history: its releases, and the lifecycle its entries and messages name them in.

Run by the loader on each catalog it builds; every problem is a located Problem, so bad lifecycle
data fails the build with the usual `file:line: field: message`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..catalog.model import Catalog, CodeRef, ErrorEntry, Location
from ..catalog.problems import Problem


def problems(catalog: Catalog) -> list[Problem]:
    """Every problem of the catalog's releases and lifecycle data."""
    return [*_release_problems(catalog), *_entry_problems(catalog), *_message_problems(catalog)]


def _release_problems(catalog: Catalog) -> Iterator[Problem]:
    seen: dict[str, Location] = {}
    previous = None
    for release in catalog.releases:
        where = release.location
        if release.version in seen:
            first = seen[release.version]
            yield Problem(where.file, where.line, "releases.version",
                          f"release {release.version!r} is listed twice (also at line {first.line})")
        seen.setdefault(release.version, where)
        for old in release.formerly:
            if old in seen or any(old == r.version for r in catalog.releases):
                yield Problem(where.file, where.line, "releases.formerly",
                              f"release {release.version}'s former version {old!r} is a version of the catalog "
                              "already (a release's, or another former one): two releases cannot share one anchor")
            seen.setdefault(old, where)
        if previous is not None and release.date < previous.date:
            yield Problem(where.file, where.line, "releases.date",
                          f"release {release.version} ({release.date}) is dated before the release listed above it "
                          f"({previous.version}, {previous.date}): list releases oldest first")
        previous = release


def _version(catalog: Catalog, where: Location, field: str, version: str | None) -> Iterator[Problem]:
    if version is None or catalog.release(version) is not None:
        return
    listed = ", ".join(r.version for r in catalog.releases)
    hint = (f"the catalog's releases are {listed}" if listed
            else "catalog.yml lists no `releases`; add the release there")
    yield Problem(where.file, where.line, field, f"version {version!r} is not in the catalog's release list ({hint})")


def _position(catalog: Catalog, version: str | None) -> int | None:
    release = catalog.release(version) if version is not None else None
    return None if release is None else catalog.releases.index(release)


def _entry_problems(catalog: Catalog) -> Iterator[Problem]:
    for entry in catalog.entries:
        life = entry.lifecycle
        where = entry.location
        yield from _version(catalog, where, "lifecycle.since", life.since)
        if life.deprecated is not None:
            yield from _version(catalog, where, "lifecycle.deprecated.version", life.deprecated.version)
            yield from _replacement(catalog, entry, "lifecycle.deprecated.use_instead", life.deprecated.use_instead)
        for revision in life.changed:
            yield from _version(catalog, where, "lifecycle.changed.version", revision.version)
        if life.removed is not None:
            yield from _version(catalog, where, "lifecycle.removed.version", life.removed.version)
            yield from _replacement(catalog, entry, "lifecycle.removed.replaced_by", life.removed.replaced_by)
        steps = [("since", life.since), ("deprecated.version", life.deprecated and life.deprecated.version),
                 ("removed.version", life.removed and life.removed.version)]
        known = [(name, version, _position(catalog, version)) for name, version in steps if version]
        for (name, version, at), (later_name, later, later_at) in pairwise(known):
            if at is not None and later_at is not None and later_at < at:
                yield Problem(where.file, where.line, f"lifecycle.{later_name}",
                              f"{later} comes before {version} (`{name}`) in the release list: a code is "
                              "introduced, then deprecated, then removed")


def _replacement(catalog: Catalog, entry: ErrorEntry, field: str, ref: CodeRef | None) -> Iterator[Problem]:
    if ref is None:
        return
    where = entry.location
    label = catalog.ref_label(ref) if ref.system in {s.id for s in catalog.systems} else f"{ref.system}:{ref.code}"
    targets = catalog.entries_for(ref)
    if ref == entry.ref:
        yield Problem(where.file, where.line, field, f"{entry.code} names itself as its replacement: "
                                                     "name the code to use instead, or leave the field out")
    elif not targets:
        yield Problem(where.file, where.line, field, f"{label} is not a code of {catalog.id}/: name an existing "
                                                     "code, or leave the field out")
    elif all(t.lifecycle.removed is not None for t in targets):
        yield Problem(where.file, where.line, field, f"{label} is itself removed: name the code that replaces "
                                                     "it, which readers can still use")


def _message_problems(catalog: Catalog) -> Iterator[Problem]:
    for message in catalog.messages:
        if message.removed is not None:
            yield from _version(catalog, message.location, "removed.version", message.removed.version)
