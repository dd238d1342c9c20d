"""Browser test of the filters a table gets for its catalog's fact columns (docs/javascripts/table-filters.js), over
whichever catalog in data/ declares one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from macros.catalog.model import Catalog, Fact, Group
from macros.site import outputs


def fact_tables(catalogs: tuple[Catalog, ...]) -> list[tuple[Catalog, Group, Fact]]:
    """Per catalog, its table with the most values of a filtered fact column."""
    found = []
    for catalog in catalogs:
        candidates = [(sum(fact.id in e.facts for e in group.entries), group, fact)
                      for group in catalog.groups for fact in catalog.facts
                      if fact.column and fact.kind != "url" and any(fact.id in e.facts for e in group.entries)]
        if candidates:
            _, group, fact = max(candidates, key=lambda c: c[0])
            found.append((catalog, group, fact))
    return found


def expected_options(fact: Fact, group: Group) -> list[str]:
    present = {e.facts[fact.id] for e in group.entries if fact.id in e.facts}
    ordered = [v for v in fact.values if v in present] if fact.values else sorted(
        present, key=lambda v: (0, int(v), v) if v.isdigit() else (1, 0, v))
    return ["Any", *ordered, *(["None"] if any(fact.id not in e.facts for e in group.entries) else [])]


def test_each_fact_column_gets_a_filter_that_narrows_its_rows(page: Page, site_server, catalogs):
    tables = fact_tables(catalogs)
    if not tables:
        pytest.skip("no catalog in data/ declares a fact that is a table column")
    for catalog, group, fact in tables:
        page.goto(f"{site_server}/{outputs.GROUP_TABLE.site_path(catalog.id, group.id)}")
        select = page.get_by_label(fact.label, exact=True)
        expect(select.locator("option")).to_have_text(expected_options(fact, group))
        value = expected_options(fact, group)[1]
        select.select_option(value)
        shown = [e.code for e in group.entries if e.facts.get(fact.id) == value and not e.lifecycle.removed]
        expect(page.locator(".table-filters__count")).to_have_text(f"{len(shown)} of {len(group.entries)} rows")
        cells = page.locator("article table[data-codes-table] tbody tr:visible td:first-child").all_inner_texts()
        assert [text.strip() for text in cells] == shown, (catalog.id, group.id)
        assert parse_qs(urlsplit(page.url).query) == {fact.id: [value]}
        page.goto(page.url)
        expect(page.get_by_label(fact.label, exact=True)).to_have_value(value)
