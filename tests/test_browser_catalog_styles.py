"""Browser tests on a site built from catalogs of two styles: classes by prefix with aliases, severities and no
HTTP, beside an HTTP catalog. They test what any team's catalog gets, whatever data/ holds."""

from __future__ import annotations

import functools
import shutil
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from conftest import ROOT, minimal_project, run_build, write_catalog
from pages_server import PagesHandler, PagesServer
from playwright.sync_api import Page, expect


@pytest.fixture(scope="module")
def styles_server(tmp_path_factory, classes_files, example_files) -> Iterator[str]:
    """The two example styles built strictly and served; yields the base URL."""
    tmp_path = tmp_path_factory.mktemp("styles")
    project = minimal_project(tmp_path, home="# Home\n\n<div data-error-lookup=\"inline\"></div>\n",
                              nav="  - Home: index.md\n")
    for assets in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / assets, project / "docs" / assets)
    write_catalog(project, classes_files, "db")
    write_catalog(project, example_files, "example")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(PagesHandler, directory=str(site))
    server = PagesServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def classes_files() -> dict[str, str]:
    from conftest import CLASS_0A_YML, CLASS_00_YML, CLASS_22_YML, CLASS_40_YML, CLASSES_CATALOG_YML

    return {"catalog.yml": CLASSES_CATALOG_YML, "class-00.yml": CLASS_00_YML, "class-0a.yml": CLASS_0A_YML,
            "class-22.yml": CLASS_22_YML, "class-40.yml": CLASS_40_YML}


@pytest.fixture(scope="module")
def example_files() -> dict[str, str]:
    from conftest import CATALOG_YML, SDK_YML, THINGS_YML

    return {"catalog.yml": CATALOG_YML, "things.yml": THINGS_YML, "sdk.yml": SDK_YML}


def rows(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("article table tbody tr:visible td:first-child").all_inner_texts()]


def test_a_code_page_shows_aliases_and_severity_and_speaks_no_http(page, styles_server):
    page.goto(f"{styles_server}/db/2202E/")
    article = page.locator("article")
    expect(article).to_contain_text("C macro: ERRCODE_ARRAY_SUBSCRIPT_ERROR, ERRCODE_ARRAY_ELEMENT_ERROR")
    expect(article).to_contain_text("Severity: Error")
    expect(article).not_to_contain_text("HTTP")
    expect(page.locator("article pre")).to_have_text("ERROR:  2202E: An array subscript is out of range.")


def test_a_class_table_filters_by_severity_and_has_no_status_filter(page, styles_server):
    page.goto(f"{styles_server}/db/ranges/class-22/")
    expect(page.locator(".table-filters__count")).to_have_text("4 of 4 rows")
    expect(page.get_by_label("HTTP status")).to_have_count(0)
    expect(page.get_by_label("Severity").locator("option")).to_have_text(["Any", "Error", "Warning"])
    page.get_by_label("Severity").select_option("warning")
    expect(page.locator(".table-filters__count")).to_have_text("1 of 4 rows")
    assert rows(page) == ["22P06"]
    assert page.url.endswith("?severity=warning")
    page.get_by_role("button", name="Reset filters").click()
    expect(page.locator(".table-filters__count")).to_have_text("4 of 4 rows")


def test_a_table_of_an_http_catalog_keeps_its_status_filter(page, styles_server):
    page.goto(f"{styles_server}/example/ranges/things/")
    expect(page.get_by_label("HTTP status").locator("option")).to_have_text(["Any", "400", "503"])
    expect(page.get_by_label("Severity")).to_have_count(0)


def ask(page: Page, query: str) -> list[str]:
    page.keyboard.press("Control+k")
    box = page.locator("#error-lookup-input")
    box.fill(query)
    expect(page.locator("#error-lookup-listbox")).to_have_attribute("data-query", query)
    return [o.get_attribute("data-url") or "" for o in page.locator("#error-lookup-listbox [role=option]").all()]


def test_the_lookup_reads_a_code_ending_in_x_as_the_code_and_opens_it(page, styles_server):
    page.goto(f"{styles_server}/db/")
    assert ask(page, "2201X")[0] == "/db/2201X/"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{styles_server}/db/2201X/")


def test_the_lookup_names_the_class_of_an_unassigned_code_and_finds_aliases(page, styles_server):
    page.goto(f"{styles_server}/db/")
    assert ask(page, "22099")[0] == "/db/ranges/class-22/"
    expect(page.locator("#error-lookup-listbox [role=option]").first).to_contain_text(
        "Code 22099 is not assigned. It would be in class 22, Data Exception.")
    assert ask(page, "ERRCODE_ARRAY_ELEMENT_ERROR")[0] == "/db/2202E/"


def test_the_generated_section_is_in_the_nav_in_catalog_order(page, styles_server):
    page.goto(f"{styles_server}/db/")
    expect(page.locator("h1")).to_contain_text("Database codes error reference")
    nav = page.locator("nav.md-nav--primary")
    for title in ("Classes", "Error format", "Retry guidance", "For the API team"):
        expect(nav.get_by_role("link", name=title, exact=True).first).to_be_attached()
    page.goto(f"{styles_server}/db/retries/")
    expect(page.locator("article")).to_contain_text("Class 40 — Transaction Rollback")
    page.goto(f"{styles_server}/db/error-format/")
    expect(page.locator("article pre")).to_have_text("ERROR:  22012: division by zero")


def test_pages_of_the_new_page_kinds_serve_no_404(styles_server):
    for path in ("/db/", "/db/error-format/", "/db/retries/", "/db/health/", "/db/ranges/class-0a/", "/db/0A000/",
                 "/example/", "/example/error-format/", "/example/retries/"):
        with urllib.request.urlopen(f"{styles_server}{path}") as response:
            assert response.status == 200, path
