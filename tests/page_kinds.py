"""One page of every kind the site has, from the catalogs present and the pages written in docs/: the pages every
browser check visits (axe, the phone layout) and the screenshots script shows."""

from __future__ import annotations

from pathlib import Path

from macros.catalog.model import Catalog, CodeRef
from macros.lint import lint
from macros.site import outputs, urls

ROOT = Path(__file__).resolve().parent.parent


def code_variants(catalogs: tuple[Catalog, ...]) -> dict[str, tuple[Catalog, CodeRef]]:
    """One code page of each shape: each catalog's first code (its code page layout), then the first code of any
    catalog with message strings, lint findings, two entries, a retired entry, facts, translated messages, or in a
    secondary system."""
    picks: dict[str, tuple[Catalog, CodeRef]] = {}
    for catalog in catalogs:
        if catalog.codes:
            picks[f"{catalog.id}: code page"] = (catalog, next(iter(catalog.codes)))
    tests = {
        "with messages": lambda c, h, r: bool(c.messages_for(r)),
        "with lint findings": lambda c, h, r: bool(h.for_ref(r)),
        "listed twice": lambda c, h, r: len(c.entries_for(r)) > 1,
        "not active": lambda c, h, r: any(e.lifecycle.state != "active" for e in c.entries_for(r)),
        "of a secondary system": lambda c, h, r: r.system != c.primary_system.id,
        "with facts": lambda c, h, r: any(c.fact_values(e) for e in c.entries_for(r)),
        "with translated messages": lambda c, h, r: any(m.translations for m in c.messages_for(r)),
    }
    for name, test in tests.items():
        for catalog in catalogs:
            health = lint([catalog])[catalog.id]
            ref = next((r for r in catalog.codes if test(catalog, health, r)), None)
            if ref is not None:
                picks[f"code page {name}"] = (catalog, ref)
                break
    return picks


def page_kinds(catalogs: tuple[Catalog, ...]) -> dict[str, str]:
    """One page of every kind, by name: the site's own pages, each generated kind from the first catalog that has
    it, a hand-written catalog page, and a code page of every shape."""
    kinds = {"home": "/", "lookup": "/lookup/", "deep links": "/url-scheme/", "scale": "/scale/",
             "not found": "/no-such-page/"}
    for output in outputs.CATALOG_PAGES:
        having = next((c for c in catalogs if output.when(c)), None)
        if having is not None:
            kinds[output.title.lower()] = output.url(having.id)
    kinds["table"] = outputs.GROUP_TABLE.url(catalogs[0].id, catalogs[0].groups[0].id)
    written = hand_written_catalog_pages(catalogs)
    if written:
        kinds["hand-written catalog page"] = written[0]
    for name, (catalog, ref) in code_variants(catalogs).items():
        kinds[name] = urls.code_url(catalog, ref)
    return kinds


def hand_written_catalog_pages(catalogs: tuple[Catalog, ...]) -> list[str]:
    """The pages written under docs/<catalog>/ (the generated ones are not in docs/)."""
    docs = ROOT / "docs"
    return sorted(urls.url(p.relative_to(docs).as_posix()) for c in catalogs
                  for p in (docs / c.id).glob("*.md") if p.name != "index.md")
