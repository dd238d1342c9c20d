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
    expect(page).to_have_title("Composio error 1806 ConnectedAccountGone - Error Code Reference")
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
    """Type a query into the header's search field; return the first result's page."""
    box = page.locator("#error-lookup-input")
    page.keyboard.press("Control+k")
    expect(box).to_be_focused()
    box.fill(query)
    expect(page.locator("#error-lookup-listbox")).to_have_attribute("data-query", query)
    return (page.locator("#error-lookup-listbox [role=option]").first.get_attribute("data-url") or "").split("#")[0]


SEARCHES = {
    "1803": "/composio/1803/",
    "needs_connection": "/codespar/needs_connection/",
    "ConnectedAccountGone": "/composio/1806/",
    "10503": "/composio/10503/",
    "ApiError": "/codespar/sdk/ApiError/",
}


def test_the_search_field_puts_the_code_page_first(page, site_server):
    page.goto(f"{site_server}/composio/")
    found = {query: search(page, query) for query in SEARCHES}
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


SEARCH_FILES = re.compile(r"/(lookup-index\.json|page-index\.json|javascripts/lookup-(core|evidence|paste|pages)\.js)$")


def test_a_page_loads_the_search_only_when_a_reader_moves_to_it_and_fails_no_request(page: Page, site_server,
                                                                                      catalogs):
    catalog = next(c for c in catalogs if c.codes)
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    paths = [urls.code_url(catalog, next(iter(catalog.codes))), outputs.GROUP_TABLE.url(catalog.id,
             catalog.groups[0].id), outputs.RETRIES.url(catalog.id)]
    paths += [outputs.CHANGES.url(c.id) for c in catalogs if outputs.CHANGES.when(c)][:1]
    for path in paths:
        page.goto(site_server + path)
        page.wait_for_load_state("networkidle")
    assert failed == [], "a page asked for something that is not there (a sitemap.xml beside an alternate?)"
    assert [p for p in requested if SEARCH_FILES.search(p)] == [], "the search loads before anyone uses it"
    page.keyboard.press("Control+k")
    page.wait_for_function("document.documentElement.dataset.errorLookup === 'ready'")
    assert {SEARCH_FILES.search(p).group(1) for p in requested if SEARCH_FILES.search(p)} == {
        "lookup-index.json", "page-index.json", "javascripts/lookup-core.js", "javascripts/lookup-evidence.js",
        "javascripts/lookup-paste.js", "javascripts/lookup-pages.js"}


def test_words_find_sections_of_pages_after_the_errors(page: Page, site_server, catalogs):
    catalog = catalogs[0]
    page.goto(site_server + outputs.OVERVIEW.url(catalog.id))
    page.keyboard.press("Control+k")
    page.locator("#error-lookup-input").fill("retry")
    listbox = page.locator("#error-lookup-listbox")
    expect(listbox).to_have_attribute("data-query", "retry")
    kinds = [o.get_attribute("data-kind") for o in listbox.locator("[role=option]").all()]
    assert "page" in kinds and kinds == sorted(kinds, key=lambda kind: kind == "page"), "errors first, then pages"
    expect(page.locator("#error-lookup-status")).to_contain_text("mention it")
    retries = outputs.RETRIES.url(catalog.id).lstrip("/")
    paths = [o.get_attribute("data-path") or "" for o in listbox.locator("[role=option]").all()]
    position = next(i for i, (kind, path) in enumerate(zip(kinds, paths, strict=True))
                    if kind == "page" and path.startswith(retries))
    expect(listbox.locator("[role=option]").nth(position).locator(".error-lookup__where")).to_contain_text(
        catalog.title)
    for _ in range(position + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(site_server + "/" + retries)))


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
