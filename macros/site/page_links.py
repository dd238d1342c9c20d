"""Links from one generated page to the other pages of its catalog, as the browser resolves them (directory URLs),
and a fact's value as the pages show it."""

from __future__ import annotations

import posixpath

from markupsafe import Markup, escape

from ..catalog.model import Catalog, CodeRef, ErrorEntry, Fact
from . import outputs, urls
from .markup import literal


def relative(from_src: str, to_src: str, anchor: str | None = None) -> Markup:
    """The link from one page to another (source paths), as the browser resolves it with directory URLs."""
    here = urls.site_path(from_src).rstrip("/")
    there = urls.site_path(to_src)
    target = posixpath.relpath(there or ".", here or ".")
    target = "./" if target == "." else target + "/"
    return Markup(target + (f"#{anchor}" if anchor else ""))


class CatalogLinks:
    """Link targets from one page to the pages of its catalog, by the URL scheme (macros/site/urls.py); `to` says
    how a page links to another (directory URLs here, Markdown sources in macros/site/markdown_pages.py)."""

    def __init__(self, catalog: Catalog, src: str) -> None:
        self.catalog = catalog
        self.src = src

    def to(self, target_src: str, anchor: str | None = None) -> Markup:
        """The link from this page to another page (its source path), with a fragment."""
        return relative(self.src, target_src, anchor)

    def code(self, ref: CodeRef, anchor: str | None = None) -> Markup:
        """A code's page."""
        return self.to(urls.code_src(self.catalog, ref), anchor)

    def entry(self, entry: ErrorEntry) -> Markup:
        """One entry on its code's page (with a fragment where the page lists several)."""
        return self.code(entry.ref, urls.entry_anchor(self.catalog, entry))

    def group(self, group_id: str, anchor: str | None = None) -> Markup:
        """A group's table, or a row of it."""
        return self.to(outputs.GROUP_TABLE.at(self.catalog.id, group_id), anchor)

    def overview(self) -> Markup:
        """The catalog's overview page."""
        return self.to(outputs.OVERVIEW.at(self.catalog.id))

    def health(self, anchor: str | None = None) -> Markup:
        """The catalog's health page."""
        return self.to(outputs.HEALTH.at(self.catalog.id), anchor)


class Links(CatalogLinks):
    """Links from a generated HTML page (code, table, health, changes), and a fact's value as such a page shows it."""

    def release(self, version: str) -> Markup:
        """A release on the catalog's changes page."""
        return self.to(outputs.CHANGES.at(self.catalog.id), urls.release_anchor(version))

    def fact(self, fact: Fact, value: str) -> Markup:
        """A fact's value: a code as code, linked to its page where it is one of the catalog's; a URL as a link."""
        if fact.kind == "url":
            return Markup('<a href="%s">%s</a>') % (value, value)
        if fact.kind != "code":
            return escape(value)
        ref = CodeRef(fact.system, value) if fact.system else None
        if ref is not None and self.catalog.entries_for(ref):
            return Markup('<a href="%s">%s</a>') % (self.code(ref), literal(value))
        return literal(value)
