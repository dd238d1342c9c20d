"""Browser tests of the error lookup: every input kind, the keyboard path, /lookup/?q=, the 404 page, hostile input."""

from __future__ import annotations

import json
import re

import pytest
from conftest import assume, needs_catalog
from playwright.sync_api import Page, expect

from macros.exports.lookup import placeholder_hint
from macros.site import urls
from macros.site.vocabulary import translation_label

pytestmark = needs_catalog("composio", "agents-api", "codespar")

HEADER_INPUT = "#error-lookup-input"
HEADER_OPTIONS = "#error-lookup-listbox [role=option]"


def open_lookup(page: Page, site_server: str, path: str = "/composio/") -> None:
    page.goto(f"{site_server}{path}")


def ask(page: Page, query: str, *, paste: bool = False) -> list[str]:
    """Type (or paste) a query into the header lookup; return the result paths once they are final."""
    page.keyboard.press("Control+k")
    box = page.locator(HEADER_INPUT)
    expect(box).to_be_focused()
    if paste:
        box.fill(query)
    else:
        box.press_sequentially(query, delay=10)
    listbox = page.locator("#error-lookup-listbox")
    expect(listbox).to_have_attribute("data-query", box.input_value())
    return [o.get_attribute("data-url") or "" for o in page.locator(HEADER_OPTIONS).all()]


def option_text(page: Page, position: int = 0) -> str:
    return page.locator(HEADER_OPTIONS).nth(position).inner_text()


def test_exact_code_first_and_enter_opens_it(page, site_server, catalogs):
    assume(catalogs, ["composio"], codes=["1806"])
    open_lookup(page, site_server)
    assert ask(page, "1806")[0] == "/composio/1806/"
    assert "ConnectedAccountGone" in option_text(page) and "Not retryable" in option_text(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}/composio/1806/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^1806 ConnectedAccountGone"))


def test_same_code_in_several_catalogs_is_labelled(page, site_server, catalogs):
    assume(catalogs, ["composio", "agents-api"], codes=["400"])
    open_lookup(page, site_server)
    ask(page, "400")
    groups = page.locator("#error-lookup-listbox [role=group]").all()
    firsts = [group.locator("[role=option]").first for group in groups]
    assert [o.get_attribute("data-url") for o in firsts[:2]] == ["/composio/400/", "/agents-api/400/"]
    assert "Composio" in firsts[0].inner_text() and "Agents API" in firsts[1].inner_text()


CODES_NAMES_AND_MESSAGES = {
    "needs_connection": "/codespar/needs_connection/",
    "10503": "/composio/10503/#10503-serviceunavailable",
    "ConnectedAccountGone": "/composio/1806/",
    "connected_account_gone": "/composio/1806/",
    "connected account gone": "/composio/1806/",
    "ConectedAccountGone": "/composio/1806/",
    "Agent with this identifier already exists": "/agents-api/409/#agent-with-this-identifier-already-exists",
    "this identifier already": "/agents-api/409/#agent-with-this-identifier-already-exists",
    "Unknown provider: slack": "/agents-api/404/#unknown-provider-provider",
}


def test_codes_names_and_messages(page, site_server, catalogs):
    assume(catalogs, ["composio", "agents-api", "codespar"], codes=list(CODES_NAMES_AND_MESSAGES),
           messages=list(CODES_NAMES_AND_MESSAGES))
    open_lookup(page, site_server)
    # The first two are typed key by key; the rest are pasted (typing is the keyboard path's test).
    found = {query: (ask(page, query, paste=at >= 2) or [""])[0] for at, query in enumerate(CODES_NAMES_AND_MESSAGES)}
    assert found == CODES_NAMES_AND_MESSAGES


def test_unassigned_number_names_its_range(page, site_server, catalogs):
    assume(catalogs, ["composio"], numbers=["1850"])
    open_lookup(page, site_server)
    assert ask(page, "1850")[0] == "/composio/ranges/actionexecute/"
    assert "1850 is not assigned" in option_text(page)


def test_range_lists_the_range(page, site_server, catalogs):
    assume(catalogs, ["composio"], numbers=["1800", "1850", "1899"])
    open_lookup(page, site_server)
    for query in ("18xx", "1800-1899"):
        paths = ask(page, query)
        assert paths[0] == "/composio/ranges/actionexecute/", query
        assert "/composio/1800/#1800-toolnotfound" in paths, query


def test_http_status_gives_its_retry_guidance(page, site_server, catalogs):
    assume(catalogs, ["composio", "codespar"], statuses=[429])
    open_lookup(page, site_server)
    paths = ask(page, "429")
    # Grouped by catalog: each catalog's retry guidance heads its group.
    guidance = [p for p in paths if p.endswith("#status-429")]
    assert guidance == ["/composio/retries/#status-429", "/codespar/retries/#status-429"]
    assert paths[0] == guidance[0] and "/codespar/rate_limited/" in paths
    codespar = paths.index(guidance[1])
    assert "Retry-After" in option_text(page, codespar) and "Retryable" in option_text(page, codespar)
    assert not any("/ranges/" in p for p in paths), "a status is no unassigned code of a range"
    for _ in range(codespar + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}/codespar/retries/#status-429")
    expect(page.locator('[id="status-429"]')).to_be_attached()


@pytest.mark.parametrize(("body", "expected"), [
    (json.dumps({"error": {"message": "Project resource not found", "code": 1803, "status": 400,
                           "request_id": "req_abc123", "suggested_fix": None, "errors": []}}, indent=2),
     "/composio/1803/#1803-resourcenotfound"),
    ('{"error":"needs_connection","message":"Connect GitHub first","status":422,"request_id":"req_9",'
     '"connect_url":"https://example.com/c"}', "/codespar/needs_connection/"),
    ('{\n  "error": "Unknown provider: linear"\n}', "/agents-api/404/#unknown-provider-provider"),
])
def test_pasted_response_goes_to_its_entry(page, site_server, body, expected):
    open_lookup(page, site_server)
    assert ask(page, body, paste=True)[0] == expected
    expect(page.locator("#error-lookup-status")).to_contain_text("Read from the pasted response")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}{expected}")


def test_keyboard_path_follows_the_combobox_pattern(page, site_server):
    open_lookup(page, site_server, "/url-scheme/")
    box = page.locator(HEADER_INPUT)
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-controls", "error-lookup-listbox")
    expect(box).to_have_attribute("aria-expanded", "false")
    paths = ask(page, "Connected")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.locator(HEADER_OPTIONS).nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id") or "")
    page.keyboard.press("ArrowUp")
    expect(page.locator(HEADER_OPTIONS).nth(0)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")
    expect(page.locator("#error-lookup-listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}{paths[1]}")


def test_lookup_page_link_opens_an_unambiguous_answer(page, site_server, catalogs):
    assume(catalogs, ["composio", "agents-api"], codes=["1806"], messages=["Agent not found"])
    page.goto(f"{site_server}/lookup/?q=1806")
    expect(page).to_have_url(f"{site_server}/composio/1806/")
    page.goto(f"{site_server}/lookup/?q=%7B%22error%22%3A%22Agent%20not%20found%22%7D")
    expect(page).to_have_url(f"{site_server}/agents-api/404/#agent-not-found")


def test_lookup_page_lists_matches_and_keeps_the_query_in_the_url(page, site_server, catalogs):
    assume(catalogs, ["composio", "codespar"], statuses=[429])
    page.goto(f"{site_server}/lookup/?q=429")
    options = page.locator(".error-lookup--page [role=option]")
    expect(options.first).to_have_attribute("data-url", "/composio/retries/#status-429")
    box = page.locator(".error-lookup--page input")
    expect(box).to_have_value("429")
    expect(page).to_have_url(f"{site_server}/lookup/?q=429")
    box.fill("rate limit")
    expect(page).to_have_url(f"{site_server}/lookup/?q=rate+limit")
    expect(page.locator(".error-lookup--page [role=listbox]")).to_have_attribute("data-query", "rate limit")
    assert "/codespar/rate_limited/" in [o.get_attribute("data-url") for o in options.all()]


def test_404_page_offers_the_nearest_matches(page, site_server):
    response = page.goto(f"{site_server}/composio/18O3/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    options = page.locator(".error-lookup--inline [role=option]")
    expect(options.first).to_have_attribute("data-url", re.compile(r"^/composio/1803/#1803-"))
    assert {o.get_attribute("data-url") for o in options.all()} == {
        "/composio/1803/#1803-connectedaccounterror", "/composio/1803/#1803-resourcenotfound"}
    options.first.click()
    expect(page).to_have_url(re.compile(r"/composio/1803/#1803-"))


def test_home_page_has_a_prominent_box(page, site_server):
    open_lookup(page, site_server, "/")
    box = page.locator(".error-lookup--inline input")
    expect(box).to_be_visible()
    page.keyboard.press("Control+k")
    expect(box).to_be_focused()
    box.press_sequentially("needs_connection")
    expect(page.locator(".error-lookup--inline [role=option]").first).to_have_attribute(
        "data-url", "/codespar/needs_connection/")


def test_the_header_field_is_on_every_page_without_a_box_of_its_own(page, site_server):
    open_lookup(page, site_server, "/")
    expect(page.locator(HEADER_INPUT)).to_have_count(0)
    page.get_by_role("link", name="Deep links").first.click()
    expect(page).to_have_url(f"{site_server}/url-scheme/")
    expect(page.locator(HEADER_INPUT)).to_have_count(1)
    assert ask(page, "ApiError")[0] == "/codespar/sdk/ApiError/"


def test_hostile_input_stays_inert_and_on_site(page, site_server):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_lookup(page, site_server)
    page.evaluate("window.__pwned = false")
    for query in ['<img src=x onerror="window.__pwned = true; alert(1)">',
                  "javascript:alert(document.domain)",
                  '{"error": {"message": "<script>window.__pwned = true</script>", "code": "<b>1806</b>"}}']:
        ask(page, query, paste=True)
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{site_server}/composio/")
    assert page.locator("#error-lookup-listbox img, #error-lookup-listbox script, #error-lookup-listbox b").count() == 0
    huge = "A" * (1024 * 1024)
    page.locator(HEADER_INPUT).fill(huge)
    expect(page.locator("#error-lookup-status")).to_contain_text("Nothing on this site matches")
    assert page.evaluate("window.__pwned") is False
    assert dialogs == []
    expect(page).to_have_url(f"{site_server}/composio/")


def test_every_lookup_result_links_inside_the_site(page, site_server):
    open_lookup(page, site_server)
    for query in ["1803", "https://evil.example/composio/1806/", "//evil.example/composio/1806/"]:
        for path in ask(page, query, paste=True):
            assert path.startswith("/") and not path.startswith("//"), path


@pytest.mark.parametrize("query", [
    "https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example%2Fcomposio%2F", "javascript%3Aalert(1)",
    "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
])
def test_lookup_link_never_leaves_the_site(page, site_server, query):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_server}/lookup/?q={query}")
    page.wait_for_function("document.documentElement.dataset.errorLookup === 'ready'")
    expect(page.locator(".error-lookup--page [role=listbox]")).to_have_attribute("data-query", re.compile("."))
    page.wait_for_timeout(200)
    assert page.url.startswith(f"{site_server}/lookup/")
    assert dialogs == []


def test_lookup_link_with_a_full_url_of_this_site_opens_the_code(page, site_server):
    page.goto(f"{site_server}/lookup/?q=https%3A%2F%2Ferrors.example.com%2Fcomposio%2F1806%2F")
    expect(page).to_have_url(f"{site_server}/composio/1806/")


def test_a_templated_message_says_what_its_placeholders_stand_for(page, site_server, catalogs):
    assume(catalogs, ["agents-api"], messages=["Unknown provider: {provider}"])
    message = next(m for c in catalogs if c.id == "agents-api" for m in c.messages
                   if m.text == "Unknown provider: {provider}")
    open_lookup(page, site_server)
    assert ask(page, "Unknown provider: slack")[0] == "/agents-api/404/#unknown-provider-provider"
    expect(page.locator(HEADER_OPTIONS).first.locator(".error-lookup__hint")).to_have_text(placeholder_hint(message))
    assert placeholder_hint(message).startswith("{provider}: ")


def test_a_pasted_translation_opens_its_message_and_says_its_language(page, site_server, catalogs):
    texts = [t for c in catalogs for m in c.messages for t in (m.text, *m.translations.values())]
    found = [(c, m, tag, text) for c in catalogs for m in c.messages for tag, text in m.translations.items()
             if not m.placeholders and texts.count(text) == 1]
    if not found:
        pytest.skip("no catalog in data/ has a translated message of its own")
    catalog, message, tag, text = found[0]
    open_lookup(page, site_server)
    assert ask(page, text, paste=True)[0] == urls.message_url(catalog, message)
    option = page.locator(HEADER_OPTIONS).first
    expect(option.locator(".error-lookup__description")).to_have_attribute("lang", tag)
    expect(option.locator(".error-lookup__description")).to_have_text(text)
    expect(option.locator(".error-lookup__where")).to_contain_text(f"exact message ({translation_label(tag)})")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}{urls.message_url(catalog, message)}")
    folded = page.locator(f"h3#{message.anchor} ~ details.message-translations").first
    expect(folded).not_to_have_attribute("open", re.compile(".*"))
    expect(folded.locator(f'code[lang="{tag}"]')).to_have_text(text)
