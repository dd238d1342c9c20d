"""Browser tests: Playwright driving Debian's chromium against the built site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import needs_catalog
from playwright.sync_api import Page, expect

from macros.site import outputs, urls

pytestmark = needs_catalog("composio", "codespar")


def test_code_url_opens_its_page(page, site_server):
    page.goto(f"{site_server}/composio/1806/")
    expect(page).to_have_title("1806 ConnectedAccountGone - Error Code Reference")
    expect(page.locator("h1")).to_have_text(re.compile(r"^1806 ConnectedAccountGone"))
    expect(page.locator("article")).to_contain_text("Connected account no longer available")


def test_deep_link_to_one_entry_of_a_code_listed_twice(page, site_server):
    page.goto(f"{site_server}/composio/1800/#1800-toolnotfound")
    heading = page.locator('[id="1800-toolnotfound"]')
    expect(heading).to_contain_text("ToolNotFound")
    expect(heading).to_be_in_viewport()


def test_table_row_anchor_is_reachable_from_the_code_page(page, site_server):
    page.goto(f"{site_server}/codespar/needs_connection/")
    page.locator("article").get_by_role("link", name="4xx — client errors").first.click()
    expect(page).to_have_url(f"{site_server}/codespar/ranges/client-errors/#needs_connection")
    expect(page.locator('[id="needs_connection"]')).to_be_in_viewport()


def search(page: Page, query: str) -> str:
    """Type a query into Material's search box (opening it, or in place of the last query); return the first
    result's URL."""
    box = page.locator("input.md-search__input")
    if not box.evaluate("(input) => input === document.activeElement"):
        page.keyboard.press("/")
        expect(box).to_be_focused()
    box.fill("")
    box.press_sequentially(query)
    first = page.locator(".md-search-result__item > a").first
    # Material tags each result with the query it answers (?h=...): wait for the answer to the whole query, not
    # to a part typed before it. Its worker indexes the whole site first, which takes long on a busy machine.
    expect(first).to_have_attribute("href", re.compile(r"[?&]h=" + re.escape(query.split()[0].lower())),
                                    timeout=60_000)
    return first.get_attribute("href") or ""


SEARCHES = {
    "1803": "/composio/1803/",
    "needs_connection": "/codespar/needs_connection/",
    "ConnectedAccountGone": "/composio/1806/",
    "10503": "/composio/10503/",
    "ApiError": "/codespar/sdk/ApiError/",
}


@pytest.mark.material_search
def test_search_puts_the_code_page_first(page, site_server):
    page.goto(f"{site_server}/")
    found = {query: urlsplit(search(page, query)).path for query in SEARCHES}
    assert found == SEARCHES


def test_copy_as_markdown_puts_the_markdown_twin_on_the_clipboard(browser, site_server, catalogs):
    catalog = catalogs[0]
    ref = next(iter(catalog.codes))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(site_server + urls.code_url(catalog, ref))
        button = page.get_by_role("button", name="Copy as Markdown")
        expect(button).to_be_visible()
        button.click()
        expect(page.locator(".page-twins [role=status]")).to_have_text("Copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        served = page.request.get(site_server + urls.code_url(catalog, ref) + "index.md").text()
        assert copied == served and copied.startswith("# ")
    finally:
        context.close()


def test_a_first_visit_asks_no_other_host(page: Page, site_server, catalogs):
    """Without a repo_url (REPO_URL unset, as in these tests), the header shows no repository and the page calls no
    repository API: every request of a first visit goes to the site itself."""
    catalog = next(c for c in catalogs if c.codes)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_server + urls.code_url(catalog, next(iter(catalog.codes))))
    page.wait_for_load_state("networkidle")
    assert requested and page.locator(".md-source").count() == 0
    assert [url for url in requested if not url.startswith(site_server + "/")] == []


def test_a_feed_opened_in_a_browser_reads_as_a_page(page: Page, site_server, catalogs):
    catalog = next((c for c in catalogs if outputs.CHANGES_FEED.when(c)), None)
    if catalog is None:
        pytest.skip("no catalog under data/ has releases, so none has a feed")
    page.goto(site_server + "/" + outputs.CHANGES_FEED.at(catalog.id))
    shown = page.evaluate("""() => {
      const style = (selector) => getComputedStyle(document.querySelector(selector));
      return {title: style("feed > title").display, size: parseFloat(style("feed > title").fontSize),
              entry: style("entry").display, id: style("feed > id").display,
              note: getComputedStyle(document.querySelector("feed"), "::before").content};
    }""")
    assert shown["title"] == "block" and shown["size"] > 20 and shown["entry"] == "block" and shown["id"] == "none"
    assert "Atom feed" in shown["note"] and "feed reader" in shown["note"]
