"""Where the site sends a reader who follows a URL it published before: the redirects and their checks.

Pure (model and URL scheme in, redirects and problems out). Redirects come from three places:
an entry's `moved_from` (renumbered, renamed, moved to another code system or catalog), a group's
`formerly` (its table, and its codes when it changed catalog or system), a catalog's `formerly`
(every page under the old id) and a catalog's `redirects` (any page of the site, by path).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from . import outputs, urls
from ..catalog.lifecycle import OldAddress
from ..catalog.model import Catalog, ErrorEntry, Location
from ..catalog.problems import Problem


@dataclass(frozen=True)
class Redirect:
    """An old site path, the path it sends the reader to, and where old fragments lead (`path#anchor`)."""

    source: str
    target: str
    why: str
    location: Location
    fragments: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    target_fragment: str | None = None
    stays: bool = False
    """An entry that left a code listed more than once: if the old page stays, its anchor stays on it instead."""
    declared_by: str = "moved_from"
    """The key that declares it (`moved_from`, `formerly` or `redirects`), for the messages about it."""

    @property
    def source_url(self) -> str:
        """The old URL."""
        return "/" + self.source

    @property
    def target_url(self) -> str:
        """The new URL, with the fragment a reader without one lands on."""
        return "/" + self.target + (f"#{self.target_fragment}" if self.target_fragment else "")


def _by_id(catalogs: Iterable[Catalog]) -> dict[str, Catalog]:
    found: dict[str, Catalog] = {}
    for catalog in catalogs:
        found[catalog.id] = catalog
    for catalog in catalogs:
        for old in catalog.formerly:
            found.setdefault(old, catalog)
    return found


def _old_code_src(by_id: Mapping[str, Catalog], here: Catalog, entry: ErrorEntry, old: OldAddress) -> str:
    """The source path an old address had: a system is primary if its catalog says so, or if none is named."""
    catalog_id = old.catalog or here.id
    known = by_id.get(catalog_id)
    system = old.system if old.system is not None else (entry.system if catalog_id == here.id else None)
    if system is None:
        return urls.code_src_in(catalog_id, None, old.code)
    declared = next((s for s in known.systems if s.id == system), None) if known is not None else None
    primary = declared.primary if declared is not None else False
    return urls.code_src_in(catalog_id, None if primary else system, old.code)


def _entry_fragments(entry: ErrorEntry, old: OldAddress, target: str, anchor: str | None) -> dict[str, str]:
    """Where the entry's anchor on its old page leads: the one the catalog names, else `<old code>-<name>`
    (the anchor of an entry of a code listed twice)."""
    if old.anchor is not None:
        return {old.anchor: f"{target}#{anchor}" if anchor else target}
    if anchor is None:
        return {}
    old_anchor = urls.twin_anchor(old.code, entry.name, entry.group)
    return {} if old_anchor == anchor else {old_anchor: f"{target}#{anchor}"}


def _declared(catalogs: Iterable[Catalog], by_id: Mapping[str, Catalog]) -> Iterator[Redirect]:
    for catalog in catalogs:
        for group in catalog.groups:
            for move in group.formerly:
                old_catalog = move.catalog or catalog.id
                old_group = move.id or group.id
                table = outputs.GROUP_TABLE.site_path(old_catalog, old_group)
                yield Redirect(table, outputs.GROUP_TABLE.site_path(catalog.id, group.id),
                               f"group {old_group} is now {catalog.id}/{group.id}", group.location,
                               declared_by="formerly")
                if move.catalog is None and move.system is None:
                    continue
                for entry in group.entries:
                    old = OldAddress(entry.code, move.system or (entry.system if move.catalog is None else None),
                                     move.catalog, group.location)
                    yield from _entry_redirect(catalog, by_id, entry, old, f"group {old_group} moved", "formerly")
            for entry in group.entries:
                for old in entry.moved_from:
                    yield from _entry_redirect(catalog, by_id, entry, old, "moved_from")
        for declared in catalog.redirects:
            path, fragment = urls.split_url(declared.target)
            yield Redirect(urls.split_url(declared.source)[0], path, "redirects", declared.location,
                           target_fragment=fragment, declared_by="redirects")


def _entry_redirect(catalog: Catalog, by_id: Mapping[str, Catalog], entry: ErrorEntry, old: OldAddress,
                    why: str, declared_by: str = "moved_from") -> Iterator[Redirect]:
    anchor = urls.entry_anchor(catalog, entry)
    target = urls.site_path(urls.code_src(catalog, entry.ref))
    yield Redirect(urls.site_path(_old_code_src(by_id, catalog, entry, old)), target,
                   f"{why}: {catalog.id} {catalog.ref_label(entry.ref)}", old.location or entry.location,
                   MappingProxyType(_entry_fragments(entry, old, target, anchor)), anchor,
                   stays=old.anchor is not None and old.catalog in (None, catalog.id), declared_by=declared_by)


def plan(catalogs: Iterable[Catalog], live: Iterable[str]) -> tuple[list[Redirect], list[Problem]]:
    """Every redirect the site writes, and every problem with them; live holds the site paths of every page."""
    catalogs = tuple(catalogs)
    live = set(live)
    by_id = _by_id(catalogs)
    folded = {page.lower(): page for page in live}
    problems: list[Problem] = []
    redirects: dict[str, Redirect] = {}
    for redirect in _declared(catalogs, by_id):
        if redirect.stays and redirect.source in live:
            continue  # the old page keeps the anchor, leading on (moved_away)
        problems.extend(_check(redirect, live, folded))
        seen = redirects.get(redirect.source)
        if seen is not None and seen.target != redirect.target:
            if redirect.fragments and seen.fragments and not set(redirect.fragments) & set(seen.fragments):
                redirects[redirect.source] = replace(seen, fragments=MappingProxyType(
                    {**seen.fragments, **redirect.fragments}))
                continue
            where = redirect.location
            problems.append(Problem(where.file, where.line, redirect.declared_by,
                                    f"{redirect.source_url} is sent to two places: {seen.target_url} "
                                    f"({seen.location.file}:{seen.location.line}) and {redirect.target_url}; "
                                    "if the old code was listed twice, give each `moved_from` the `anchor` its "
                                    "entry had there"))
            continue
        redirects.setdefault(redirect.source, redirect)
    by_case: dict[str, Redirect] = {}
    for redirect in redirects.values():
        other = by_case.setdefault(redirect.source.lower(), redirect)
        if other is not redirect:
            where = redirect.location
            problems.append(Problem(where.file, where.line, redirect.declared_by,
                                    f"{redirect.source_url} and {other.source_url} differ only in case: on a "
                                    "case-insensitive disk or host one redirect would overwrite the other"))
    for redirect in list(redirects.values()):
        onward = redirects.get(redirect.target)
        if onward is not None:
            where = redirect.location
            kind = "a redirect cycle" if onward.target == redirect.source else "a chain of redirects"
            problems.append(Problem(where.file, where.line, redirect.declared_by,
                                    f"{kind}: {redirect.source_url} -> {redirect.target_url} -> "
                                    f"{onward.target_url}; send each old URL straight to the page it ends at"))
    for catalog in catalogs:
        for old_id in catalog.formerly:
            for redirect in _renamed(catalog, old_id, live, redirects):
                if redirect.source in live:
                    where = redirect.location
                    problems.append(Problem(where.file, where.line, "formerly",
                                            f"{redirect.source_url} is a page of this site, so the catalog "
                                            f"cannot take over /{old_id}/"))
                    break
                redirects.setdefault(redirect.source, redirect)
    return sorted(redirects.values(), key=lambda r: r.source), problems


def _renamed(catalog: Catalog, old_id: str, live: set[str], redirects: Mapping[str, Redirect]) -> Iterator[Redirect]:
    """Every page and redirect under /<new id>/, sent on from the same path under /<old id>/ (its files are
    written at the old paths too: outputs.former_files)."""
    new_id = catalog.id
    where = catalog.formerly_location or Location(f"{new_id}/catalog.yml", 1)
    prefix = f"{new_id}/"
    for path in sorted(live):
        if path.endswith("/") and (path == prefix or path.startswith(prefix)):
            yield Redirect(old_id + path[len(new_id):], path, f"catalog {old_id} is now {new_id}", where,
                           declared_by="formerly")
    for redirect in list(redirects.values()):
        if redirect.source.startswith(prefix):
            yield Redirect(old_id + redirect.source[len(new_id):], redirect.target,
                           f"catalog {old_id} is now {new_id}", where, redirect.fragments, redirect.target_fragment,
                           declared_by="formerly")


FILE_NAMES = frozenset(name for name in urls.RESERVED_PAGE_NAMES if "." in name)
"""Names of files the build writes (404.html, sitemap.xml, catalog.json, index.json, ...): no redirect folder."""


def _check(redirect: Redirect, live: set[str], folded: Mapping[str, str]) -> Iterator[Problem]:
    where = redirect.location
    name = redirect.declared_by
    taken = [part for part in redirect.source.split("/") if part.lower() in FILE_NAMES]
    if redirect.source.rstrip("/") in live:
        taken.append(redirect.source.rstrip("/").rsplit("/", 1)[-1])
    if taken:
        yield Problem(where.file, where.line, name,
                      f"{redirect.source_url} names {taken[0]}, a file the build writes, as a folder: a redirect "
                      "is a page, /<path>/; choose the page path the old URL had")
        return
    same = folded.get(redirect.source.lower())
    if same is not None and same != redirect.source:
        yield Problem(where.file, where.line, name,
                      f"{redirect.source_url} differs only in case from the page /{same}: on a case-insensitive "
                      "disk or host the two would overwrite each other; remove the redirect or rename the page")
    if "://" in redirect.target or redirect.target.startswith("/") or ":" in redirect.target.split("/")[0]:
        yield Problem(where.file, where.line, name, f"{redirect.target_url.lstrip('/')} is on another site: "
                                                    "redirects lead to pages of this site only, written /<path>/")
        return
    if redirect.source in live:
        yield Problem(where.file, where.line, name,
                      f"{redirect.source_url} is a live page of this site, so it cannot also send readers to "
                      f"{redirect.target_url}: remove the redirect, or move or remove that page")
    if redirect.target not in live:
        yield Problem(where.file, where.line, name,
                      f"{redirect.source_url} would send readers to {redirect.target_url}, which is not a page "
                      "of this site")
