"""Redirects (macros/site/redirects.py): where old URLs lead, and the redirects the build refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef, Location
from macros.catalog.problems import CatalogError
from macros.site import html_pages, ledger, outputs, urls
from macros.site.redirects import Redirect, plan


def live(catalogs) -> set[str]:
    """What the build counts as live: every generated page, and every file it writes for a catalog."""
    return {urls.site_path(src) for catalog in catalogs for src in urls.generated_srcs(catalog)} | {
        path for catalog in catalogs for path in outputs.file_paths(catalog)}


def planned(tmp_path: Path, files: dict[str, str]):
    catalogs = load_catalogs(write_catalog(tmp_path, files))
    return plan(catalogs, live(catalogs))


def test_a_renumbered_code_of_a_code_listed_twice_keeps_its_entry_anchor(tmp_path, example_files) -> None:
    things = example_files["things.yml"].replace("  - code: 101\n    name: ThingDown\n",
                                                 "  - code: 100\n    name: ThingDown\n    moved_from: [101]\n")
    redirects, problems = planned(tmp_path, {**example_files, "things.yml": things})
    assert problems == []
    (moved,) = redirects
    assert (moved.source, moved.target, moved.target_fragment) == ("example/101/", "example/100/", "100-thingdown")
    assert dict(moved.fragments) == {"101-thingdown": "example/100/#100-thingdown"}


def test_a_code_from_another_system_and_catalog(tmp_path, example_files) -> None:
    things = example_files["things.yml"].replace(
        "  - code: 101\n", "  - code: 101\n    moved_from: [\"sdk:OldDown\", {catalog: legacy, code: 7}, "
                           "{catalog: legacy, system: v1, code: 8}]\n")
    redirects, problems = planned(tmp_path, {**example_files, "things.yml": things})
    assert problems == []
    assert {r.source: r.target for r in redirects} == {
        "example/sdk/OldDown/": "example/101/", "legacy/7/": "example/101/", "legacy/v1/8/": "example/101/"}


def test_the_build_refuses_what_would_break_or_mislead(tmp_path, example_files) -> None:
    things = example_files["things.yml"].replace("  - code: 100\n", "  - code: 100\n    moved_from: [101]\n", 1)
    catalog = example_files["catalog.yml"] + (
        "redirects:\n"
        "  - {from: /example/old/, to: \"https://elsewhere.example/page/\"}\n"
        "  - {from: /example/a/, to: /example/b/}\n"
        "  - {from: /example/b/, to: /example/a/}\n"
        "  - {from: /example/c/, to: /example/nowhere/}\n")
    _, problems = planned(tmp_path, {**example_files, "things.yml": things, "catalog.yml": catalog})
    said = [str(p) for p in problems]
    assert any(s.startswith("data/example/things.yml:") and "moved_from: /example/101/ is a live page of this site"
               in s for s in said), said
    assert any("redirects: https://elsewhere.example/page/ is on another site" in s for s in said), said
    assert any("redirects: a redirect cycle: /example/a/ -> /example/b/ -> /example/a/" in s for s in said), said
    assert any("/example/c/ would send readers to /example/nowhere/, which is not a page" in s for s in said), said


def test_a_chain_of_two_hops_is_refused(tmp_path, example_files) -> None:
    catalog = example_files["catalog.yml"] + (
        "redirects:\n  - {from: /example/a/, to: /example/b/}\n  - {from: /example/b/, to: /example/100/}\n")
    _, problems = planned(tmp_path, {**example_files, "catalog.yml": catalog})
    assert any("a chain of redirects: /example/a/ -> /example/b/ -> /example/100/" in str(p) for p in problems)


def test_an_entry_that_leaves_a_code_listed_twice_keeps_its_anchor_on_the_old_page(tmp_path, example_files) -> None:
    more = "group: {id: more, title: More}\nentries:\n  - {code: 150, name: OtherThing, status: 503, " \
           "description: Another meaning., moved_from: [{code: 100, anchor: 100-otherthing}]}\n"
    redirects, problems = planned(tmp_path, {**example_files, "more.yml": more})
    assert (redirects, problems) == ([], [])
    (catalog,) = load_catalogs(tmp_path / "data")
    page = html_pages.code_page(catalog, CodeRef("api", "100"))
    assert '<div class="admonition info" id="100-otherthing">' in page.html() and "100-otherthing" in page.anchors
    assert ledger.published([catalog])["/example/100/#100-otherthing"] == (
        "example: where OtherThing was listed under code 100")


def test_entries_that_leave_a_code_listed_twice_for_two_codes_share_one_redirect(tmp_path, example_files) -> None:
    things = example_files["things.yml"].replace(
        "  - code: 100\n", "  - code: 140\n    moved_from: [{code: 100, anchor: 100-badthing}]\n", 1).replace(
        "  - code: 100\n    message:", "  - code: 140\n    message:")
    more = "group: {id: more, title: More}\nentries:\n  - {code: 150, name: OtherThing, status: 503, " \
           "description: Another meaning., moved_from: [{code: 100, anchor: 100-otherthing}]}\n"
    redirects, problems = planned(tmp_path, {**example_files, "things.yml": things, "more.yml": more})
    assert problems == []
    (moved,) = redirects
    assert (moved.source, moved.target) == ("example/100/", "example/140/")
    assert dict(moved.fragments) == {"100-badthing": "example/140/", "100-otherthing": "example/150/"}
    html = html_pages.redirect_page(moved, None)
    assert '"100-otherthing": "../150/"' in html and 'location.replace("../140/"' in html


def test_the_guard_checks_every_ledger_url_after_one_that_a_redirect_maps(tmp_path) -> None:
    ledger_file = tmp_path / ledger.LEDGER_FILE
    ledger_file.write_text('{"url": "/a/1/#x", "was": "one"}\n{"url": "/a/2/#2-y", "was": "two"}\n'
                           '{"url": "/a/3/#z", "was": "three"}\n', encoding="utf-8")
    known, problems = ledger.read(tmp_path)
    assert problems == []
    moved = Redirect("a/1/", "a/9/", "moved_from: a 9", Location("f.yml", 1), {"x": "a/9/#x"})
    now = {"/a/9/#x": "nine", "/a/2/": "two", "/a/3/": "three"}
    found = ledger.unkept(known, now, [moved], {"/a/2/#2-y"})
    assert [(p.line, p.message.split(",")[0]) for p in found] == [(3, "/a/3/#z was published for three")]


def test_a_problem_names_the_key_that_declares_the_redirect(tmp_path, example_files) -> None:
    things = example_files["things.yml"].replace("  span: {start: 100, end: 199}\n",
                                                 "  span: {start: 100, end: 199}\n  formerly: [{id: sdk}]\n")
    _, problems = planned(tmp_path, {**example_files, "things.yml": things})
    assert [(p.file, p.field, p.message.split(",")[0]) for p in problems] == [
        ("data/example/things.yml", "formerly", "/example/ranges/sdk/ is a live page of this site")]


@pytest.mark.parametrize("source", ["/example/old-page", "/example/../x/", "/example/./old/", "/example\\\\old/",
                                    "//example/old/", "/example/old?x=1/", "/example%2Fold/", "/example/ old/"])
def test_a_redirect_source_that_is_no_page_path_is_refused_at_its_line(tmp_path, example_files, source) -> None:
    catalog = example_files["catalog.yml"] + f'redirects:\n  - {{from: "{source}", to: /example/100/}}\n'
    with pytest.raises(CatalogError) as refused:
        load_catalogs(write_catalog(tmp_path, {**example_files, "catalog.yml": catalog}))
    assert re.search(r"data/example/catalog\.yml:\d+: redirects\[0\]\.from: .* is not a page path this site can "
                     r"redirect", str(refused.value)), str(refused.value)


@pytest.mark.parametrize("source", ["/404.html/", "/sitemap.xml/", "/example/catalog.json/",
                                    "/example/100/index.json/", "/example/downloads/errors.py/"])
def test_a_redirect_source_naming_a_file_the_build_writes_is_refused(tmp_path, example_files, source) -> None:
    catalog = example_files["catalog.yml"] + f'redirects:\n  - {{from: "{source}", to: /example/100/}}\n'
    _, problems = planned(tmp_path, {**example_files, "catalog.yml": catalog})
    assert [p.message.split(",")[0] for p in problems] == [f"{source} names {source.rstrip('/').split('/')[-1]}"]


def test_a_redirect_that_differs_from_a_page_only_in_case_is_refused(tmp_path, example_files) -> None:
    sdk = example_files["sdk.yml"].replace("  - code: ClientError\n",
                                           "  - code: ClientError\n    moved_from: [clienterror]\n")
    catalog = example_files["catalog.yml"] + "redirects:\n  - {from: /example/Old/, to: /example/100/}\n" \
                                             "  - {from: /example/old/, to: /example/100/}\n"
    _, problems = planned(tmp_path, {**example_files, "sdk.yml": sdk, "catalog.yml": catalog})
    said = [p.message for p in problems]
    assert "/example/sdk/clienterror/ differs only in case from the page /example/sdk/ClientError/" in " ".join(said)
    assert any("/example/old/ and /example/Old/ differ only in case" in s or
               "/example/Old/ and /example/old/ differ only in case" in s for s in said), said
