"""Browser tests for the filters on the range/group table pages (docs/javascripts/table-filters.js)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import needs_catalog
from playwright.sync_api import Page, expect

pytestmark = needs_catalog("composio", "agents-api")

ACTION_EXECUTE = "/composio/ranges/actionexecute/"
ACTION_EXECUTE_CODES = ["1800", "1801", "1802", "1803", "1804", "1805", "1806"]
AGENTS = "/agents-api/ranges/agents/"


def visible_first_cells(page: Page) -> list[str]:
    """The first cell's text of every visible row of the page's table."""
    return [text.strip() for text in page.locator("article table tbody tr:visible td:first-child").all_inner_texts()]


def count(page: Page):
    return page.locator(".table-filters__count")


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_table(page: Page, site_server: str, path: str = ACTION_EXECUTE) -> None:
    page.goto(f"{site_server}{path}")
    expect(count(page)).to_have_text("7 of 7 rows" if path == ACTION_EXECUTE else re.compile(r"^\d+ of \d+ rows$"))


def test_controls_are_labelled_and_list_the_statuses_in_the_table(page, site_server):
    open_table(page, site_server)
    status = page.get_by_label("HTTP status")
    expect(status.locator("option")).to_have_text(["Any", "400", "401", "404", "410", "500"])
    expect(page.get_by_label("Retryable").locator("option")).to_have_text(["Any", "Yes", "No", "Conditional"])
    expect(page.get_by_label("Contains text")).to_have_value("")
    expect(count(page)).to_have_attribute("aria-live", "polite")
    assert visible_first_cells(page) == ACTION_EXECUTE_CODES


def test_status_filter_narrows_the_rows(page, site_server):
    open_table(page, site_server)
    page.get_by_label("HTTP status").select_option("400")
    expect(count(page)).to_have_text("2 of 7 rows")
    assert visible_first_cells(page) == ["1803", "1805"]
    assert query(page) == {"status": ["400"]}


def test_retryable_filter_narrows_the_rows(page, site_server):
    open_table(page, site_server)
    page.get_by_label("Retryable").select_option("conditional")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert visible_first_cells(page) == ["1801"]
    page.get_by_label("Retryable").select_option("no")
    expect(count(page)).to_have_text("5 of 7 rows")
    assert visible_first_cells(page) == ["1800", "1802", "1803", "1805", "1806"]
    assert query(page) == {"retryable": ["no"]}


def test_text_filter_matches_code_name_and_description_case_insensitively(page, site_server):
    open_table(page, site_server)
    text = page.get_by_label("Contains text")
    text.fill("CONNECTEDACCOUNT")
    expect(count(page)).to_have_text("2 of 7 rows")
    assert visible_first_cells(page) == ["1803", "1806"]
    text.fill("1804")
    expect(count(page)).to_have_text("1 of 7 rows")
    text.fill("api key")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert visible_first_cells(page) == ["1805"]
    assert query(page) == {"text": ["api key"]}


def test_text_filter_ignores_the_status_and_retryable_columns(page, site_server):
    open_table(page, site_server)
    page.get_by_label("Contains text").fill("no")
    expect(count(page)).to_have_text("3 of 7 rows")
    assert visible_first_cells(page) == ["1800", "1805", "1806"]


def test_message_table_filters_by_message_and_cause(page, site_server):
    open_table(page, site_server, AGENTS)
    expect(count(page)).to_have_text("8 of 8 rows")
    expect(page.get_by_label("HTTP status").locator("option")).to_have_text(["Any", "400", "404", "409"])
    page.get_by_label("HTTP status").select_option("404")
    assert visible_first_cells(page) == ["Agent not found"]
    page.get_by_label("HTTP status").select_option("")
    page.get_by_label("Contains text").fill("secret")
    expect(count(page)).to_have_text("2 of 8 rows")
    assert visible_first_cells(page) == [
        "Cannot use selective secret mode without assigned secrets", "One or more secrets not found",
    ]
    page.get_by_label("Contains text").fill("already uses")
    assert visible_first_cells(page) == ["Agent with this identifier already exists"]


def test_a_table_whose_rows_have_no_status_has_no_status_column_or_filter(page, site_server):
    page.goto(f"{site_server}/composio/ranges/thermos-error-types/?status=none&retryable=conditional")
    expect(count(page)).to_have_text("1 of 10 rows")
    expect(page.get_by_label("HTTP status")).to_have_count(0)
    expect(page.locator("article table th", has_text="Status")).to_have_count(0)
    assert visible_first_cells(page) == ["lambda_invocation"]
    assert query(page) == {"retryable": ["conditional"]}


def test_filters_combine(page, site_server):
    open_table(page, site_server)
    page.get_by_label("HTTP status").select_option("500")
    expect(count(page)).to_have_text("2 of 7 rows")
    page.get_by_label("Retryable").select_option("yes")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert visible_first_cells(page) == ["1804"]
    page.get_by_label("Contains text").fill("authorization")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert query(page) == {"status": ["500"], "retryable": ["yes"], "text": ["authorization"]}


def test_no_match_shows_an_empty_state_and_reset_restores_every_row(page, site_server):
    open_table(page, site_server)
    page.get_by_label("HTTP status").select_option("404")
    page.get_by_label("Retryable").select_option("yes")
    expect(count(page)).to_have_text("0 of 7 rows. No rows match these filters.")
    expect(count(page)).to_have_class(re.compile(r"table-filters__count--empty"))
    assert visible_first_cells(page) == []
    page.get_by_role("button", name="Reset filters").click()
    expect(count(page)).to_have_text("7 of 7 rows")
    assert visible_first_cells(page) == ACTION_EXECUTE_CODES
    expect(page.get_by_label("HTTP status")).to_have_value("")
    expect(page.get_by_label("Retryable")).to_have_value("")
    expect(page.get_by_label("Contains text")).to_have_value("")
    assert urlsplit(page.url).query == ""


def test_opening_a_url_with_filters_applies_them(page, site_server):
    page.goto(f"{site_server}{ACTION_EXECUTE}?status=400&retryable=no&text=key")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert visible_first_cells(page) == ["1805"]
    expect(page.get_by_label("HTTP status")).to_have_value("400")
    expect(page.get_by_label("Retryable")).to_have_value("no")
    expect(page.get_by_label("Contains text")).to_have_value("key")
    expect(page.locator("#__search")).not_to_be_checked()


def test_unknown_filter_values_in_the_url_are_dropped(page, site_server):
    page.goto(f"{site_server}{ACTION_EXECUTE}?status=999&retryable=maybe&utm_source=mail")
    expect(count(page)).to_have_text("7 of 7 rows")
    assert query(page) == {"utm_source": ["mail"]}


def test_filter_changes_keep_the_fragment(page, site_server):
    page.goto(f"{site_server}{ACTION_EXECUTE}#1806")
    page.get_by_label("HTTP status").select_option("410")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert page.url == f"{site_server}{ACTION_EXECUTE}?status=410#1806"


def test_a_linked_row_hidden_by_url_filters_is_still_shown(page, site_server):
    page.goto(f"{site_server}{ACTION_EXECUTE}?status=400#1806")
    expect(count(page)).to_have_text("2 of 7 rows match the filters; the linked row is shown as well.")
    assert visible_first_cells(page) == ["1803", "1805", "1806"]
    expect(page.locator('[id="1806"]')).to_be_in_viewport()
    expect(page.locator("tr.table-filters__pinned")).to_have_count(1)
    page.get_by_label("Retryable").select_option("no")
    expect(count(page)).to_have_text("2 of 7 rows")
    assert visible_first_cells(page) == ["1803", "1805"]
    assert page.url.endswith("?status=400&retryable=no#1806")


def test_a_linked_row_that_matches_is_shown_in_the_filtered_table(page, site_server):
    page.goto(f"{site_server}{ACTION_EXECUTE}?status=400#1805")
    expect(count(page)).to_have_text("2 of 7 rows")
    expect(page.locator('[id="1805"]')).to_be_in_viewport()
    expect(page.locator("tr.table-filters__pinned")).to_have_count(0)


def test_following_a_row_link_reveals_a_filtered_out_row(page, site_server):
    page.goto(f"{site_server}{ACTION_EXECUTE}?status=400")
    expect(count(page)).to_have_text("2 of 7 rows")
    page.evaluate("location.hash = '#1806'")
    expect(page.locator('[id="1806"]')).to_be_in_viewport()
    assert visible_first_cells(page) == ["1803", "1805", "1806"]


def test_deep_link_to_a_row_without_filters_still_scrolls_to_it(page, site_server):
    page.goto(f"{site_server}/composio/ranges/connected-account/#609")
    expect(page.locator('[id="609"]')).to_be_in_viewport()
    expect(page.locator(".table-filters__form")).to_be_visible()


def test_keyboard_alone_operates_the_filters(page, site_server):
    open_table(page, site_server)
    page.get_by_label("HTTP status").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("HTTP status")).to_have_value("400")
    expect(count(page)).to_have_text("2 of 7 rows")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Retryable")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Contains text")).to_be_focused()
    page.keyboard.type("gone")
    expect(count(page)).to_have_text("0 of 7 rows. No rows match these filters.")
    expect(page).to_have_url(re.compile(re.escape(ACTION_EXECUTE) + r"\?status=400&text=gone$"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?status=400&text=gone$"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Reset filters")).to_be_focused()
    page.keyboard.press("Enter")
    expect(count(page)).to_have_text("7 of 7 rows")
    expect(page.get_by_role("button", name="Reset filters")).to_be_focused()


def test_hostile_text_filter_from_the_url_is_shown_as_text(page, site_server):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = "<img src=x onerror=alert(1)>"
    page.goto(f"{site_server}{ACTION_EXECUTE}?text={hostile}")
    expect(page.get_by_label("Contains text")).to_have_value(hostile)
    expect(count(page)).to_have_text("0 of 7 rows. No rows match these filters.")
    expect(page.locator(".table-filters img")).to_have_count(0)
    page.wait_for_timeout(300)
    assert dialogs == []


def test_filters_work_after_instant_navigation(page, site_server):
    open_table(page, site_server, "/composio/ranges/project/")
    page.locator(".md-nav__link", has_text="ActionExecute Errors").first.click()
    expect(page).to_have_url(f"{site_server}{ACTION_EXECUTE}")
    expect(page.locator(".table-filters__form")).to_have_count(1)
    page.get_by_label("HTTP status").select_option("410")
    expect(count(page)).to_have_text("1 of 7 rows")
    assert visible_first_cells(page) == ["1806"]


@pytest.mark.parametrize("path", ["/", "/composio/", "/composio/retries/", "/composio/1806/"])
def test_pages_without_group_tables_have_no_filter_ui(page, site_server, path):
    page.goto(f"{site_server}{path}")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".table-filters__form")).to_have_count(0)
    expect(page.locator(".table-filters__count")).to_have_count(0)
