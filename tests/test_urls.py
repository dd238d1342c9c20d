"""The URL scheme: every page path and anchor comes from macros/site/urls.py, and the built site has them all."""

from __future__ import annotations

from pathlib import Path

from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.site import outputs, urls


def test_source_paths_and_site_paths(tmp_path, example_files):
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    assert urls.code_src(catalog, CodeRef("api", "100")) == "example/100.md"
    assert urls.code_src(catalog, CodeRef("sdk", "ClientError")) == "example/sdk/ClientError.md"
    assert urls.code_path_template(catalog, "api") == "example/{code}/"
    assert urls.code_path_template(catalog, "sdk") == "example/sdk/{code}/"
    assert outputs.OVERVIEW.site_path("example") == "example/"
    assert urls.site_path("index.md") == ""
    assert urls.url(outputs.GROUP_TABLE.at("example", "things"), "100") == "/example/ranges/things/#100"
    assert urls.url(outputs.RETRIES.at("example"), urls.status_anchor(503)) == "/example/retries/#status-503"
    assert outputs.HEALTH.url("example") == "/example/health/"
    assert outputs.ERROR_FORMAT.url("example") == "/example/error-format/"


def test_entry_and_message_links(tmp_path, example_files):
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    (entry,) = catalog.entries_for(CodeRef("api", "100"))
    assert urls.entry_anchor(catalog, entry) is None
    assert urls.entry_url(catalog, entry) == "/example/100/"
    (message,) = catalog.messages_for(CodeRef("api", "100"))
    assert urls.message_url(catalog, message) == "/example/100/#thing-name-is-bad"


def test_a_code_listed_twice_is_linked_with_its_entry_anchor(tmp_path, example_files):
    example_files["more.yml"] = """\
        group: {id: more, title: More Errors}
        entries:
          - {code: 100, name: OtherThing, status: 503, description: Another error with the same code.}
        """
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    by_name = {e.name: urls.entry_url(catalog, e) for e in catalog.entries_for(CodeRef("api", "100"))}
    assert by_name == {"BadThing": "/example/100/#100-badthing", "OtherThing": "/example/100/#100-otherthing"}


def test_every_catalog_page_the_scheme_names_is_in_the_built_site(built_site, catalogs):
    site: Path = built_site[0]

    def exists(url: str) -> bool:
        return (site / url.split("#")[0].strip("/") / "index.html").is_file()

    for catalog in catalogs:
        for src in (outputs.OVERVIEW.at(catalog.id), outputs.HEALTH.at(catalog.id)):
            assert exists(urls.url(src)), src
        for group in catalog.groups:
            assert exists(outputs.GROUP_TABLE.url(catalog.id, group.id)), group.id
        for entry in catalog.entries:
            assert exists(urls.entry_url(catalog, entry)), entry.code
