"""Releases of a catalog, end to end: remove a code, rename one, move a group, change the catalog's id.

Each change fails the build while the ledger holds a URL it would break, writes nothing, and builds
once the catalog keeps the URL (a tombstone or a redirect); the old URLs then open the right page in
Chromium, fragments included. The catalogs here are the tests' own, whatever data/ holds.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, SDK_YML, minimal_project, run_build, write_catalog
from link_check import unkept_urls
from pages_server import PagesHandler, PagesServer
from playwright.sync_api import Page, expect

from macros.catalog.loader import load_catalogs
from macros.site import outputs, urls
from macros.site.ledger import lands_on_its_entry

MESSAGE_ANCHOR = "thing-name-is-bad"
OTHER_THING = "  - {code: 100, name: OtherThing, status: 503, description: Another meaning.}\n"
ACKNOWLEDGED = "acknowledged: [{check: duplicate-code, subject: \"api:100\", reason: Published so.}]\n"
CLIENT_CATALOG = """\
title: Client
summary: The errors the client library raises.
systems:
  - {id: sdk, title: SDK classes, kind: sdk-class, primary: true, example: false}
"""


def publish(tmp_path: Path, files: dict[str, str], pages: dict[str, str] | None = None) -> Path:
    """A project whose example catalog (and its hand-written `pages`, under docs/) has been published: its URLs are in
    the ledger."""
    project = minimal_project(tmp_path)
    for assets in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / assets, project / "docs" / assets)
    for src, text in (pages or {}).items():
        (project / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / src).write_text(text, encoding="utf-8")
    write_catalog(project, files, "example")
    result = subprocess.run([sys.executable, "-m", "macros", "ledger"], cwd=project, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "new URLs recorded" in result.stdout
    return project


@pytest.fixture
def released(tmp_path: Path, example_files: dict[str, str]) -> Path:
    """The example catalog, published."""
    return publish(tmp_path, example_files)


@pytest.fixture
def listed_twice(tmp_path: Path, example_files: dict[str, str]) -> Path:
    """The example catalog, published with code 100 listed twice (BadThing and OtherThing)."""
    things = example_files["things.yml"].replace("messages:\n", OTHER_THING + "messages:\n")
    return publish(tmp_path, {**example_files, "things.yml": things,
                              "catalog.yml": example_files["catalog.yml"] + ACKNOWLEDGED})


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text()
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1))


def fails_keeping(project: Path, site: Path, *broken: str) -> str:
    """Build; assert it fails naming each broken URL and the ways out, and writes nothing."""
    result = run_build(project, site)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "Published URLs would break, nothing was built" in out
    for address in broken:
        assert f"url: {address} was published for " in out, out
    assert "tombstone" in out and "moved_from" in out and "Traceback" not in out
    assert not site.exists()
    return out


def builds(project: Path, site: Path) -> Path:
    """Build; assert it passes and that the site answers every URL of the ledger (the probe: redirects followed,
    twins and anchors included)."""
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    ledger = project / "data" / "published-urls.jsonl"
    landing = lands_on_its_entry(load_catalogs(project / "data"))
    assert not ledger.is_file() or unkept_urls(site, ledger, landing) == []
    return site


@contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(PagesHandler, directory=str(site))
    server = PagesServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lands(page: Page, base: str, old: str, new: str, heading: str) -> None:
    """Opening the old URL ends at the new one (fragment included) and shows the page."""
    page.goto(base + old)
    expect(page).to_have_url(base + new)
    expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(heading) + "¶?$"))
    if "#" in new:
        expect(page.locator(f"[id='{new.split('#')[1]}']")).to_be_visible()


def test_a_removed_code_needs_its_tombstone(released: Path, tmp_path: Path, page: Page) -> None:
    edit(released, "example/things.yml", "    see_also: [101]\n", "")
    block = "  - code: 101\n    name: ThingDown\n    status: 503\n    description: The thing service is down.\n"
    edit(released, "example/things.yml", block, "")
    fails_keeping(released, tmp_path / "broken", "/example/101/")
    tombstone = ('    lifecycle:\n      removed:\n        version: "2.0"\n'
                 "        note: Call the status endpoint instead.\n")
    edit(released, "example/things.yml", "messages:\n", block + tombstone + "messages:\n")
    edit(released, "example/catalog.yml", "systems:\n", "releases:\n"
         "  - {version: \"1.0\", date: \"2026-01-10\", summary: First release.}\n"
         "  - {version: \"2.0\", date: \"2026-06-01\", summary: The thing service answers for itself.}\nsystems:\n")
    site = builds(released, tmp_path / "site")
    with served(site) as base:
        page.goto(base + "/example/101/")
        expect(page.locator(".admonition.failure")).to_contain_text("no longer returns 101 since release 2.0 "
                                                                    "(2026-06-01)")
        expect(page.locator("article")).to_contain_text("2.0 (2026-06-01): removed, no longer returned")
        page.goto(base + "/example/ranges/things/")
        codes = page.locator("article table").first.locator("tbody tr:visible td:first-child")
        expect(codes).to_have_text(["100"])
        page.get_by_label("Lifecycle").select_option("all")
        expect(codes).to_have_text(["100", "101"])
        page.keyboard.press("Control+k")
        page.locator("#error-lookup-input").fill("101")
        found = page.locator("#error-lookup-listbox [role=option]").first
        expect(found).to_have_attribute("data-url", "/example/101/")
        expect(found.locator(".error-lookup__badge--removed")).to_have_text("Removed")


def test_a_renamed_code_sends_its_old_urls_on_fragments_included(released: Path, tmp_path: Path,
                                                                  page: Page) -> None:
    edit(released, "example/things.yml", "  - code: 100\n", "  - code: 150\n")
    edit(released, "example/things.yml", "  - code: 100\n    message:", "  - code: 150\n    message:")
    fails_keeping(released, tmp_path / "broken", "/example/100/", f"/example/100/#{MESSAGE_ANCHOR}",
                  "/example/100/index.json", "/example/100/index.md")
    edit(released, "example/things.yml", "  - code: 150\n    name: BadThing\n",
         "  - code: 150\n    name: BadThing\n    moved_from: [100]\n")
    site = builds(released, tmp_path / "site")
    for twin in ("index.json", "index.md"):
        assert (site / "example" / "100" / twin).read_bytes() == (site / "example" / "150" / twin).read_bytes()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/example/150/">' in \
        (site / "example" / "100" / "index.html").read_text()
    assert json.loads((site / "catalog.json").read_text())["redirects"] == [
        {"from": "/example/100/", "to": "/example/150/", "why": "moved_from: example 150"}]
    with served(site) as base:
        lands(page, base, "/example/100/", "/example/150/", "150 BadThing")
        lands(page, base, f"/example/100/#{MESSAGE_ANCHOR}", f"/example/150/#{MESSAGE_ANCHOR}", "150 BadThing")
        page.goto(base + "/example/150/")
        expect(page.locator("article")).to_contain_text("Published before as 100; links to the old address lead here.")


def test_a_group_moved_to_another_catalog_takes_its_codes_urls_along(released: Path, tmp_path: Path,
                                                                      page: Page) -> None:
    (released / "data" / "example" / "sdk.yml").unlink()
    edit(released, "example/catalog.yml", "  - {id: sdk, title: SDK classes, kind: sdk-class, example: false}\n", "")
    write_catalog(released, {"catalog.yml": CLIENT_CATALOG, "sdk.yml": SDK_YML}, "client")
    fails_keeping(released, tmp_path / "broken", "/example/ranges/sdk/", "/example/sdk/ClientError/")
    edit(released, "client/sdk.yml", "  system: sdk\n",
         "  system: sdk\n  formerly: [{catalog: example, system: sdk}]\n")
    site = builds(released, tmp_path / "site")
    with served(site) as base:
        lands(page, base, "/example/ranges/sdk/", "/client/ranges/sdk/", "SDK errors")
        lands(page, base, "/example/sdk/ClientError/", "/client/ClientError/", "ClientError")


def test_a_catalog_that_changes_its_id_keeps_every_url(released: Path, tmp_path: Path, page: Page) -> None:
    shutil.move(released / "data" / "example", released / "data" / "things-api")
    fails_keeping(released, tmp_path / "broken", "/example/", "/example/100/", "/example/ranges/things/",
                  f"/example/100/#{MESSAGE_ANCHOR}")
    edit(released, "things-api/catalog.yml", "systems:\n", "formerly: [example]\nsystems:\n")
    site = builds(released, tmp_path / "site")
    with served(site) as base:
        lands(page, base, f"/example/100/#{MESSAGE_ANCHOR}", f"/things-api/100/#{MESSAGE_ANCHOR}", "100 BadThing")
        lands(page, base, "/example/sdk/ClientError/", "/things-api/sdk/ClientError/", "ClientError")
    files = [o for o in outputs.CATALOG_FILES if (site / o.at("things-api")).is_file()]
    assert {o.key for o in files} >= {"catalog-slice", "openapi", "python", "spreadsheet"}
    for output in files:
        assert (site / output.at("example")).read_bytes() == (site / output.at("things-api")).read_bytes(), output.key
    assert [p.name for p in site.rglob("*index.html") if p.name != "index.html"] == []


def test_the_ledger_lists_what_a_build_publishes_for_the_first_time(released: Path, tmp_path: Path) -> None:
    edit(released, "example/things.yml", "messages:\n", "  - code: 102\n    name: ThingLost\n    status: 400\n"
                                               "    description: The thing is lost.\nmessages:\n")
    result = run_build(released, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "4 URLs are new to the ledger (data/published-urls.jsonl)" in result.stderr
    fresh = "/example/102/\n/example/102/index.json\n/example/102/index.md\n/example/ranges/things/#102\n"
    assert "".join(f"\n  {address}" for address in fresh.split()) + "\n" in result.stderr
    check = subprocess.run([sys.executable, "-m", "macros", "ledger", "--check"], cwd=released, capture_output=True,
                           text=True, check=False)
    assert (check.returncode, check.stdout) == (1, fresh)
    subprocess.run([sys.executable, "-m", "macros", "ledger"], cwd=released, check=True, capture_output=True)
    ledger = (released / "data" / "published-urls.jsonl").read_text()
    assert '{"url": "/example/102/", "was": "example: code 102 (ThingLost)"}' in ledger


def test_a_code_listed_twice_that_is_split_keeps_both_anchors(listed_twice: Path, tmp_path: Path, page: Page) -> None:
    edit(listed_twice, "example/catalog.yml", ACKNOWLEDGED, "")
    edit(listed_twice, "example/things.yml", "code: 100, name: OtherThing", "code: 150, name: OtherThing")
    out = fails_keeping(listed_twice, tmp_path / "broken", "/example/100/#100-otherthing")
    assert "/example/100/#100-badthing" not in out, "BadThing, alone on the page now, is what that link opens"
    assert "with `anchor: 100-otherthing`" in out
    edit(listed_twice, "example/things.yml", "description: Another meaning.}",
         "description: Another meaning., moved_from: [{code: 100, anchor: 100-otherthing}]}")
    site = builds(listed_twice, tmp_path / "one-left")
    with served(site) as base:
        page.goto(base + "/example/100/#100-otherthing")
        stub = page.locator("[id='100-otherthing']")
        expect(stub).to_be_visible()
        expect(stub).to_contain_text("OtherThing, listed under 100 before, is now 150")
        stub.get_by_role("link").click()
        expect(page).to_have_url(base + "/example/150/")

    edit(listed_twice, "example/things.yml", "  - code: 100\n", "  - code: 140\n    moved_from: [{code: 100, "
                                                             "anchor: 100-badthing}]\n")
    edit(listed_twice, "example/things.yml", "  - code: 100\n    message:", "  - code: 140\n    message:")
    site = builds(listed_twice, tmp_path / "both-left")
    with served(site) as base:
        lands(page, base, "/example/100/#100-otherthing", "/example/150/", "150 OtherThing")
        lands(page, base, "/example/100/#100-badthing", "/example/140/", "140 BadThing")
        lands(page, base, f"/example/100/#{MESSAGE_ANCHOR}", f"/example/140/#{MESSAGE_ANCHOR}", "140 BadThing")


def test_a_deleted_hand_written_page_of_a_catalog_needs_a_redirect(tmp_path: Path,
                                                                   example_files: dict[str, str]) -> None:
    project = publish(tmp_path, example_files, {"example/guide.md": "# Handling Example errors\n"})
    ledger_text = (project / "data" / "published-urls.jsonl").read_text(encoding="utf-8")
    assert '"/example/guide/"' in ledger_text
    (project / "docs" / "example" / "guide.md").unlink()

    refused = run_build(project, tmp_path / "refused")

    out = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "Traceback" not in out and not (tmp_path / "refused").exists()
    assert ("/example/guide/ was published for example: the hand-written page docs/example/guide.md, and this build "
            "has neither a page nor a redirect for it.") in out
    assert "`redirects` in the catalog's catalog.yml (`- {from: /example/guide/, to: /<where it went>/}`)" in out
    edit(project, "example/catalog.yml", "systems:\n",
         "redirects:\n  - {from: /example/guide/, to: /example/}\nsystems:\n")

    builds(project, tmp_path / "site")

    page = (tmp_path / "site" / "example" / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in page and 'href="../"' in page


def test_a_row_moved_to_another_table_keeps_its_anchor_in_the_old_one(tmp_path: Path,
                                                                      example_files: dict[str, str]) -> None:
    more = "group: {id: more, title: More Things, span: {start: 200, end: 299}}\nentries:\n" \
           "  - {code: 250, name: ThingLate, status: 503, description: The thing came late.}\n"
    ranges = "  - {start: 100, end: 199, name: Things, group: things}\n"
    catalog = example_files["catalog.yml"].replace(ranges, ranges + ranges.replace("1", "2").replace("Things", "More")
                                                   .replace("things", "more"))
    project = publish(tmp_path, {**example_files, "catalog.yml": catalog, "more.yml": more})
    assert '"/example/ranges/things/#101"' in (project / "data" / "published-urls.jsonl").read_text(encoding="utf-8")
    row = "  - code: 101\n    name: ThingDown\n    status: 503\n    description: The thing service is down.\n"
    edit(project, "example/things.yml", row, "")
    edit(project, "example/more.yml", "entries:\n", "entries:\n" + row)
    edit(project, "example/catalog.yml", "systems:\n", "acknowledged:\n  - {check: code-outside-range, subject: "
         "\"more:200-299\", reason: Moved as the API groups it.}\n  - {check: codes-in-other-range, subject: "
         "\"more:100-199\", reason: Moved as the API groups it.}\nsystems:\n")

    builds(project, tmp_path / "site")

    old = (tmp_path / "site" / "example" / "ranges" / "things" / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<li id="101">.*?</li>', old, re.DOTALL)
    assert line and 'href="../more/#101"' in line.group(0) and "More Things" in line.group(0), old[-3000:]
    assert 'id="101"' in (tmp_path / "site" / "example" / "ranges" / "more" / "index.html").read_text(encoding="utf-8")


def test_the_probe_finds_a_missing_twin_a_missing_anchor_and_a_redirect_to_nowhere(released: Path,
                                                                                    tmp_path: Path) -> None:
    site = builds(released, tmp_path / "site")
    ledger = released / "data" / "published-urls.jsonl"
    (site / "example" / "101" / "index.json").unlink()
    table = site / "example" / "ranges" / "things" / "index.html"
    table.write_text(table.read_text(encoding="utf-8").replace('id="100"', 'id="one-hundred"'), encoding="utf-8")
    shutil.rmtree(site / "example" / "sdk" / "ClientError")
    (site / "example" / "sdk" / "ClientError").mkdir()
    (site / "example" / "sdk" / "ClientError" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../../gone/">', encoding="utf-8")

    found = unkept_urls(site, ledger)

    assert "/example/101/index.json: no file answers it" in found
    assert "/example/ranges/things/#100: example/ranges/things/index.html has no id '100'" in found
    assert "/example/sdk/ClientError/: no file answers it" in found
    assert "/example/sdk/ClientError/index.json: no file answers it" in found


@pytest.fixture
def two_releases(tmp_path: Path, released_files: dict[str, str]) -> Path:
    """The example catalog after its releases 1.0 and 2.0, published."""
    return publish(tmp_path, released_files)


def test_a_renamed_release_keeps_its_anchor_on_the_changes_page(two_releases: Path, tmp_path: Path) -> None:
    released = two_releases
    old, new = urls.release_anchor("2.0"), urls.release_anchor("2.0.0")
    assert f'"/example/changes/#{old}"' in (released / "data" / "published-urls.jsonl").read_text(encoding="utf-8")
    for path in (released / "data" / "example").glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace('"2.0"', '"2.0.0"'), encoding="utf-8")

    refused = run_build(released, tmp_path / "refused")

    out = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "Traceback" not in out and not (tmp_path / "refused").exists()
    assert (f"/example/changes/#{old} was published for example: release 2.0 on the changes page, and the page is "
            f"still there, but without the anchor #{old}.") in out
    assert 'list the old one under the release\'s `formerly` in catalog.yml (`formerly: ["2.0"]`)' in out
    edit(released, "example/catalog.yml", 'version: "2.0.0",', 'version: "2.0.0", formerly: ["2.0"],')

    builds(released, tmp_path / "site")

    page = (tmp_path / "site" / "example" / "changes" / "index.html").read_text(encoding="utf-8")
    assert f'id="{new}"' in page and f'id="{old}"' in page


def test_a_former_release_version_may_not_be_another_releases(two_releases: Path, tmp_path: Path) -> None:
    released = two_releases
    edit(released, "example/catalog.yml", 'version: "2.0",', 'version: "2.0", formerly: ["1.0"],')

    result = run_build(released, tmp_path / "site")

    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    assert re.search(r"data/example/catalog\.yml:\d+: releases\.formerly: release 2\.0's former version '1\.0' is a "
                     r"version of the catalog already", out), out


def test_a_bad_redirect_stops_the_build_before_anything_is_written(released: Path, tmp_path: Path) -> None:
    edit(released, "example/catalog.yml", "systems:\n",
         "redirects:\n  - {from: /example/old/, to: \"https://elsewhere.example/\"}\nsystems:\n")
    result = run_build(released, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    assert "Redirects that cannot be written, nothing was built:" in out
    assert "data/example/catalog.yml:4: redirects: https://elsewhere.example/ is on another site" in out
    assert not (tmp_path / "site").exists()


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.mark.parametrize("damage", ["deleted", "emptied", "/dev/null", "a folder", "not UTF-8"])
def test_a_ledger_that_cannot_guard_stops_the_build_with_what_to_do(released: Path, tmp_path: Path,
                                                                   damage: str) -> None:
    ledger_file = released / "data" / "published-urls.jsonl"
    _git(released, "init", "-q")
    _git(released, "add", "data")
    _git(released, "commit", "-q", "-m", "published")
    lines = ledger_file.read_bytes().splitlines(keepends=True)
    ledger_file.unlink()
    if damage == "emptied":
        ledger_file.write_text("")
    elif damage == "/dev/null":
        ledger_file.symlink_to("/dev/null")
    elif damage == "a folder":
        ledger_file.mkdir()
    elif damage == "not UTF-8":
        ledger_file.write_bytes(b"".join(lines[:2]) + b'{"url": "/example/\xff/", "was": "x"}\n' + b"".join(lines[2:]))
    site = tmp_path / "site"
    result = run_build(released, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert re.search(r"data/published-urls\.jsonl:(\d+): ", output), output
    assert "git checkout -- data/published-urls.jsonl" in output, output
    assert "catalog folder names" not in output
    if damage == "not UTF-8":
        assert "published-urls.jsonl:3: not UTF-8" in output, output
    assert not site.exists()


def test_a_site_never_published_builds_without_a_ledger(tmp_path: Path, example_files: dict[str, str]) -> None:
    project = minimal_project(tmp_path)
    write_catalog(project, example_files, "example")
    _git(project, "init", "-q")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "new to the ledger" not in result.stderr
    assert "No ledger of published URLs yet (data/published-urls.jsonl)" in result.stderr
