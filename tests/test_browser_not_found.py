"""Browser tests of addresses with broken percent-encoding: no script error, and the 404 page still suggests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from macros.catalog.model import Catalog, ErrorEntry
from macros.site import outputs, urls

BROKEN = "%E0%A4%A"
"""A UTF-8 sequence cut short (two bytes of a three-byte character), then a `%` with one hex digit."""
INLINE = ".error-lookup--inline"


def first_entry(catalog: Catalog) -> ErrorEntry:
    """The catalog's first entry (every catalog lists at least one)."""
    return next(iter(catalog.entries))


def unknown_code_path(catalog: Catalog) -> str:
    """The URL of a code page the catalog does not have."""
    return outputs.OVERVIEW.url(catalog.id) + "no-such-code-0/"


def watch(page: Page, site_server: str) -> list[str]:
    """Record the page's uncaught script errors and its console errors, but for the expected failed loads."""
    # Expected: the 404 answer for the page itself, and requests off the site (the repository facts
    # Material asks GitHub for), which have no network here.
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        """Keep a console error unless it is an expected failed load."""
        source = message.location.get("url", "")
        failed_load = message.text.startswith("Failed to load resource")
        off_site = not source.startswith(f"{site_server}/")
        the_page_itself = "status of 404" in message.text and source.split("#")[0] == page.url.split("#")[0]
        if message.type == "error" and not (failed_load and (off_site or the_page_itself)):
            problems.append(f"console: {message.text} ({source})")

    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on("console", on_console)
    return problems


def open_not_found(page: Page, site_server: str, path: str, problems: list[str]) -> dict[str, object]:
    """Open a missing path; once the lookup has run on it, what the 404 page offers: query, status, links."""
    page.goto("about:blank")  # so that a path that differs from the last one only in its hash is loaded anew
    problems.clear()
    response = page.goto(f"{site_server}{path}")
    assert response is not None and response.status == 404, path
    page.wait_for_function("document.documentElement.dataset.errorLookup === 'ready'")
    expect(page.locator("h1")).to_have_text("Page not found")
    assert problems == [], (path, problems)
    box = page.locator(INLINE)
    expect(box.locator("input")).not_to_have_value("")
    query = box.locator("input").input_value()
    expect(box.locator("[role=listbox]")).to_have_attribute("data-query", query)
    status = box.locator(".error-lookup__status")
    expect(status).to_have_text(re.compile(r"\S"))
    assert problems == [], (path, problems)
    return {
        "query": query,
        "status": status.inner_text(),
        "links": [o.get_attribute("data-url") for o in box.locator("[role=option]").all()],
    }


def test_broken_escapes_throw_nothing_and_get_the_suggestions_of_their_escaped_twin(
        page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    """Each broken address gets what the well-formed one reading the same gets, and no script error."""
    catalog = catalogs[0]
    code_path = urls.code_url(catalog, first_entry(catalog).ref)
    overview = outputs.OVERVIEW.url(catalog.id)
    problems = watch(page, site_server)
    # Each broken address, the well-formed address that reads the same (its `%` escaped as `%25`), and
    # what the lookup box shows of it: the escapes that do not decode kept as they are.
    cases = [
        (f"{overview}{BROKEN}/", f"{overview}{BROKEN.replace('%', '%25')}/", f"{overview}{BROKEN}/"),
        ("/%ZZ/", "/%25ZZ/", "/%ZZ/"),
        (f"{code_path[:-1]}%/", f"{code_path[:-1]}%25/", f"{code_path[:-1]}%/"),
        (f"{overview}caf%C3%A9%/", f"{overview}caf%C3%A9%25/", f"{overview}café%/"),
        (f"{unknown_code_path(catalog)}#{BROKEN}", f"{unknown_code_path(catalog)}#{BROKEN.replace('%', '%25')}",
         f"{unknown_code_path(catalog)}#{BROKEN}"),
    ]
    for broken, escaped, shown in cases:
        offered = open_not_found(page, site_server, broken, problems)
        assert offered["query"] == shown, broken
        assert offered == open_not_found(page, site_server, escaped, problems), broken


def test_a_code_path_with_a_stray_percent_suggests_the_code(
        page: Page, site_server: str, catalogs: tuple[Catalog, ...]) -> None:
    """`/<catalog>/<code>%/` (an undecodable `%`) suggests the code's page, in every catalog."""
    problems = watch(page, site_server)
    for catalog in catalogs:
        entry = first_entry(catalog)
        offered = open_not_found(page, site_server, urls.code_url(catalog, entry.ref)[:-1] + "%/", problems)
        pages = [link.split("#")[0] for link in offered["links"]]
        assert urls.code_url(catalog, entry.ref) in pages, (catalog.id, offered)
        assert re.search(r"\b\d+ match", offered["status"]), offered


@pytest.mark.parametrize("fragment", [BROKEN, "%ZZ", "%", "caf%C3%A9%"])
def test_a_broken_hash_on_a_table_page_throws_nothing(
        page: Page, site_server: str, catalogs: tuple[Catalog, ...], fragment: str) -> None:
    """A table page opened, or moved, to an undecodable hash keeps its filters and pins no row."""
    catalog = catalogs[0]
    table = outputs.GROUP_TABLE.url(catalog.id, catalog.groups[0].id)
    problems = watch(page, site_server)
    response = page.goto(f"{site_server}{table}#{fragment}")
    assert response is not None and response.ok, table
    count = page.locator(".table-filters__count")
    expect(count).to_have_text(re.compile(r"^\d+ of \d+ rows"))
    expect(count).not_to_contain_text("linked row")
    page.evaluate("hash => { location.hash = hash; }", f"#x{fragment}")
    page.wait_for_function("hash => location.hash === hash", arg=f"#x{fragment}")
    expect(count).not_to_contain_text("linked row")
    assert problems == [], (table, problems)
