"""Browser tests of the lookup on pastes: real client output, answers split between catalogs, dead code links.

Generic: the catalogs, codes and pastes come from data/ and tests/pastes/, whatever they hold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect
from test_lookup_pastes import expected_url, read_corpus

from macros.catalog.model import Catalog
from macros.site import outputs

HEADER_INPUT = "#error-lookup-input"
HEADER_OPTIONS = "#error-lookup-listbox [role=option]"
SAMPLE = 8


def with_header_field(page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    """Open a page that has the header's search field (the home, lookup and 404 pages have a box of their own)."""
    page.goto(site_server + outputs.RETRIES.url(catalogs[0].id))


def corpus_sample(catalogs: tuple[Catalog, ...]) -> list:
    """A few pastes of the corpus, one per client format in turn, about catalogs data/ holds."""
    held = {c.id for c in catalogs}
    by_format: dict[str, list] = defaultdict(list)
    for paste in read_corpus():
        if paste.catalog in held:
            by_format[paste.format].append(paste)
    sample = [pastes[0] for pastes in by_format.values()]
    return sample[:SAMPLE]


SETTLED = """() => {
  if (location.pathname !== "/lookup/") return { page: location.pathname };
  const option = document.querySelector(".error-lookup--page [role=option]");
  return option && { first: option.getAttribute("data-url") || "" };
}"""
"""Where the lookup page went (another page's path) or its first answer (an option's path), once it has either."""


def test_pasted_client_output_opens_its_page(page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    sample = corpus_sample(catalogs)
    if not sample:
        pytest.skip("the corpus has no paste about the catalogs in data/")
    for paste in sample:
        expected = expected_url(catalogs, paste)
        page.goto(f"{site_server}/lookup/?q={quote(paste.text)}")
        # Read where the lookup went, or its first answer, in one step: a decisive answer lists its option and then
        # opens the page, so reading the option after checking the address could find the page already gone.
        found = page.wait_for_function(SETTLED).json_value()
        if "first" in found:
            assert found["first"].lstrip("/").startswith(expected.split("#")[0]), paste.where
        else:
            assert found["page"].lstrip("/").startswith(expected.split("#")[0]), (paste.where, found["page"])


def test_a_multi_line_paste_into_the_header_box_finds_its_entry(
        page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    multi = [p for p in corpus_sample(catalogs) if "\n" in p.text]
    if not multi:
        pytest.skip("the corpus has no multi-line paste about the catalogs in data/")
    for paste in multi:
        with_header_field(page, site_server, catalogs)
        box = page.locator(HEADER_INPUT)
        box.focus()
        # What the browser does on Ctrl+V: a paste event carrying the clipboard's text, lines and all.
        box.evaluate("""(input, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""", paste.text)
        shown = box.input_value()
        assert "\n" not in shown and shown.split() == paste.text.split(), "the field shows the paste on one line"
        expect(page.locator("#error-lookup-listbox")).to_have_attribute("data-query", shown)
        first = page.locator(HEADER_OPTIONS).first.get_attribute("data-url") or ""
        assert first.lstrip("/").startswith(expected_url(catalogs, paste).split("#")[0]), (paste.where, first)


def shared_code(catalogs: tuple[Catalog, ...]) -> tuple[str, list[Catalog]] | None:
    """A code that more than one catalog uses in its primary system, and those catalogs."""
    owners: dict[str, list[Catalog]] = defaultdict(list)
    for catalog in catalogs:
        for ref in catalog.codes:
            if ref.system == catalog.primary_system.id and catalog not in owners[ref.code]:
                owners[ref.code].append(catalog)
    found = sorted((code, cats) for code, cats in owners.items() if len(cats) > 1)
    return found[0] if found else None


def test_an_answer_split_between_catalogs_is_grouped_and_followed_by_a_note(
        page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    shared = shared_code(catalogs)
    if shared is None:
        pytest.skip("no code is in more than one catalog of data/")
    code, owners = shared
    with_header_field(page, site_server, catalogs)
    page.keyboard.press("Control+k")
    page.locator(HEADER_INPUT).press_sequentially(f"Error: {code}", delay=5)
    listbox = page.locator("#error-lookup-listbox")
    expect(listbox).to_have_attribute("data-query", f"Error: {code}")
    groups = listbox.locator("[role=group]")
    expect(groups.first).to_be_visible()
    labels = [g.get_attribute("aria-labelledby") for g in groups.all()]
    names = [page.locator(f"#{label}").inner_text() for label in labels]
    assert {c.title.upper() for c in owners} <= {n.upper() for n in names}, names
    status = page.locator("#error-lookup-status").inner_text()
    assert "grouped by catalog" in status, status
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/[^/]+/.+/"))
    note = page.locator(".error-lookup-also")
    expect(note).to_be_visible()
    others = [a.get_attribute("href") or "" for a in note.locator("a").all()]
    assert others and all(href.startswith(site_server) for href in others), others


def test_a_dead_code_link_offers_the_catalogs_nearest_codes(
        page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    for catalog in catalogs:
        numeric = [int(r.code) for r in catalog.codes if r.code.isdigit()]
        dead = str(max(numeric) + 7919) if numeric else "zz-no-such-code"
        path = outputs.OVERVIEW.url(catalog.id) + dead + "/"
        response = page.goto(f"{site_server}{path}")
        assert response is not None and response.status == 404
        page.wait_for_function("document.documentElement.dataset.errorLookup === 'ready'")
        box = page.locator(".error-lookup--inline")
        expect(box.locator("[role=listbox]")).to_have_attribute("data-query", box.locator("input").input_value())
        status = box.locator(".error-lookup__status").inner_text()
        links = [o.get_attribute("data-url") or "" for o in box.locator("[role=option]").all()]
        assert "No error matches" not in status and "Nothing on this site" not in status, (catalog.id, status)
        assert links and all(link.startswith(outputs.OVERVIEW.url(catalog.id)) for link in links), links
