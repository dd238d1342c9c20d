"""What each generated page reads from the catalog, as a digest: equal digests mean the same page.

A dirty rebuild (`make serve`) writes again only the pages whose digest changed, so a digest must
cover everything the page's templates read (html_pages.py, templates/html/, exports/twins.py).
It is made from the model, never by rendering the page:

- the catalog's frame: catalog.yml (systems, statuses, releases, ranges...), the list of its
  files, and what the whole catalog decides for every page (whether it has statuses, severities);
- every entry and message (their whole value, retry rules inherited included) of each code the
  page shows or links: its own code, the codes it relates to (their names and descriptions show),
  the codes its facts link to, and the entries that moved away from it; the header of each of their groups;
- the lint findings about the page (all of them, the codes they name, and each group's prose coverage,
  for the health page).

Where a value sits in its file (`Location`, left out of the model's repr) shows on no page, so
an edit that only moves other entries' lines writes none of them again.
tests/test_mkdocs_rebuild.py holds this to account: after edits of many kinds, a dirty rebuild
writes the same site as a clean build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import fields

from ..catalog.model import Catalog, CodeRef, ErrorEntry, Group
from ..lint import Finding, Health
from ..lint.coverage import prose_coverage
from .outputs import Site

_GROUP_BODY = frozenset({"entries", "messages", "location"})


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def of_site(site: Site, catalog: Catalog) -> PageInputs:
    """The catalog's PageInputs, made once per build and shared by its pages and files."""
    made: PageInputs = site.once("page inputs", catalog, lambda: PageInputs(catalog))
    return made


class PageInputs:
    """The digests of one catalog's pages, for one build (each code's entries are digested once)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        catalog_file = next((f for f in catalog.sources if f.rsplit("/", 1)[-1] == "catalog.yml"), "")
        self.frame = _digest(catalog.id, tuple(catalog.sources), catalog.sources.get(catalog_file),
                             catalog.has_statuses, catalog.has_severity)
        self._codes: dict[CodeRef, str] = {}
        self._groups = {g.id: _digest(*(getattr(g, f.name) for f in fields(g) if f.name not in _GROUP_BODY))
                        for g in catalog.groups}

    def code(self, ref: CodeRef) -> str:
        """Everything listed under one code: its entries and messages, their groups' headers, what moved away."""
        found = self._codes.get(ref)
        if found is None:
            catalog = self.catalog
            listed = (*catalog.entries_for(ref), *catalog.messages_for(ref))
            found = self._codes[ref] = _digest(ref, listed, catalog.departures.get(ref, ()),
                                               sorted({self._groups.get(x.group, "") for x in listed}))
        return found

    def _shown(self, refs: Iterable[CodeRef]) -> tuple[str, ...]:
        shown = dict.fromkeys(refs)
        for ref in tuple(shown):
            for entry in self.catalog.entries_for(ref):
                shown.update(dict.fromkeys((*entry.see_also, *entry.not_confused_with,
                                            *self.catalog.fact_links(entry))))
        return tuple(self.code(ref) for ref in shown)

    def code_page(self, ref: CodeRef, findings: Iterable[Finding], site_url: str | None) -> str:
        """The inputs of a code's page and its twins."""
        return _digest("code", self.frame, self._shown([ref]), tuple(findings), site_url)

    def table_page(self, group: Group, moved: Iterable[tuple[str, ErrorEntry]] = ()) -> str:
        """The inputs of a group's table; `moved`, the published rows that now sit in other tables."""
        refs = [e.ref for e in group.entries] + [m.ref for m in group.messages]
        gone = tuple((anchor, self.code(entry.ref), self._groups.get(entry.group, "")) for anchor, entry in moved)
        return _digest("table", self.frame, self._groups[group.id], self._shown(refs), gone)

    def health_page(self, health: Health) -> str:
        """The inputs of the catalog's health page: its findings, the codes they name (a row links to its entry),
        and each group's prose coverage."""
        refs = dict.fromkeys(ref for finding in health.findings for ref in finding.refs)
        coverage = tuple((c.group.id, c.group.title, c.counts) for c in prose_coverage(self.catalog))
        return _digest("health", self.frame, tuple(health.findings), tuple(self.code(ref) for ref in refs), coverage)

    def whole_catalog(self, kind: str, health: Health, site_url: str | None) -> str:
        """The inputs of a page that reads the whole catalog (changes, downloads)."""
        return _digest(kind, self.frame, tuple(self.catalog.sources.items()), tuple(health.findings), site_url)
