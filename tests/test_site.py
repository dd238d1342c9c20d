"""The whole site: a strict build, one page and one table row per entry, catalog.json, clean failures."""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, minimal_project, needs_catalog, run_build, write_catalog
from link_check import broken_links

from macros.exports import catalog_data, twins
from macros.site import ledger, outputs, urls


def page_html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_strict_build_has_no_warnings(built_site):
    _, log = built_site
    assert "WARNING -" not in log
    assert "Documentation built" in log


def test_every_entry_has_a_page_and_a_table_row(built_site, catalogs):
    site, _ = built_site
    checked = 0
    for catalog in catalogs:
        for entry in catalog.entries:
            page = page_html(site, urls.code_url(catalog, entry.ref))
            assert f'id="{entry.anchor}"' in page or len(catalog.entries_for(entry.ref)) == 1
            assert "<h1" in page and entry.code in page
            table = page_html(site, outputs.GROUP_TABLE.url(catalog.id, entry.group))
            assert f'<span id="{entry.anchor}"></span>' in table
            checked += 1
        for message in catalog.messages:
            page = page_html(site, urls.code_url(catalog, message.ref))
            assert f'id="{message.anchor}"' in page
            table = page_html(site, outputs.GROUP_TABLE.url(catalog.id, message.group))
            assert f'<span id="{message.anchor}"></span>' in table
    assert checked == sum(len(list(c.entries)) for c in catalogs) > 0


def test_catalog_json_lists_every_entry_with_its_page(built_site, catalogs):
    site, _ = built_site
    index = json.loads((site / "catalog.json").read_text())
    assert index == catalog_data.catalog_index(catalogs, "/", site_url="http://127.0.0.1:8000/")
    urls = [item["url"] for item in index["entries"]]
    assert len(urls) == len(set(urls))
    expected = sum(len(list(c.entries)) + len(list(c.messages)) for c in catalogs)
    assert len(index["entries"]) == expected
    for item in index["entries"]:
        assert (site / item["path"].strip("/") / "index.html").is_file(), item
    schema = json.loads((site / "catalog.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(index)
    for catalog in catalogs:
        part = json.loads((site / catalog.id / "catalog.json").read_text(encoding="utf-8"))
        validator.validate(part)
        assert part["entries"] == [item for item in index["entries"] if item["catalog"] == catalog.id]


@needs_catalog("composio")
def test_catalog_json_record_of_an_example_code(built_site):
    index = json.loads((built_site[0] / "catalog.json").read_text(encoding="utf-8"))
    gone = next(i for i in index["entries"] if i["catalog"] == "composio" and i["code"] == "1806")
    deep_link = {key: gone[key] for key in ("catalog", "system", "kind", "code", "name", "status", "retryable",
                                            "lifecycle", "since", "deprecated", "removed", "path", "url")}
    assert deep_link == {"catalog": "composio", "system": "api", "kind": "code", "code": "1806",
                         "name": "ConnectedAccountGone", "status": 410, "retryable": "no",
                         "lifecycle": "active", "since": None, "deprecated": None, "removed": None,
                         "path": "/composio/1806/", "url": "/composio/1806/"}
    assert gone["description"] == "Connected account no longer available" and gone["causes"] and gone["fixes"]


@needs_catalog("codespar")
def test_catalog_json_says_when_a_code_was_removed(built_site):
    index = json.loads((built_site[0] / "catalog.json").read_text(encoding="utf-8"))
    quota = next(i for i in index["entries"] if i["catalog"] == "codespar" and i["code"] == "quota_exceeded")
    assert quota["lifecycle"] == "removed" and quota["removed"]["version"] == "2026-11"
    assert quota["removed"]["note"].startswith("This code comes from the earlier tiered pricing model.")
    assert index["redirects"] == []


def test_code_pages_are_generated_not_committed_and_kept_out_of_the_nav(built_site, catalogs):
    site, _ = built_site
    home = page_html(site, "/")
    for catalog in catalogs:
        ref = next(iter(catalog.codes))
        assert not (ROOT / "docs" / urls.code_src(catalog, ref)).exists()
        assert urls.code_url(catalog, ref).lstrip("/") not in home
        group = catalog.group(catalog.entries_for(ref)[0].group)
        table = page_html(site, outputs.GROUP_TABLE.url(catalog.id, group.id))
        nav = table.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
        assert "md-nav__link--active" in nav and f">{ref.code}<" not in nav


@needs_catalog("composio")
def test_duplicate_code_page_says_so(built_site):
    site, _ = built_site
    page = page_html(site, "/composio/1800/")
    assert "The catalog lists code 1800 2 times" in page
    assert 'id="1800-toolnotfound"' in page and 'id="1800-badrequest"' in page


@needs_catalog("composio", "codespar")
def test_secondary_system_page_url(built_site):
    site, _ = built_site
    assert "json_decode" in page_html(site, "/composio/thermos/json_decode/")
    assert "ApiError" in page_html(site, "/codespar/sdk/ApiError/")


def test_broken_catalog_fails_the_build_with_every_problem_and_builds_nothing(tmp_path, example_files):
    project = minimal_project(tmp_path)
    example_files["things.yml"] = example_files["things.yml"].replace("status: 400", "status: four")
    example_files["broken.yml"] = "group: {id: x, title: [\n"
    write_catalog(project, example_files)
    site = tmp_path / "site"
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "Catalog validation failed, nothing was built." in output
    assert "data/example/things.yml:8: entries[0].status: 'four' is not of type 'integer', 'null'" in output
    assert "data/example/broken.yml:2: YAML syntax error" in output
    assert not site.exists()


def test_small_valid_catalog_builds_strict(tmp_path, example_files):
    project = minimal_project(tmp_path, "# Home\n\n{{ catalog_list() }}\n",
                              "  - index.md\n  - Example:\n      - example/index.md\n")
    (project / "docs" / "example").mkdir()
    (project / "docs" / "example" / "index.md").write_text("# Example\n\n{{ catalog_overview('example') }}\n")
    write_catalog(project, example_files)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING -" not in result.stdout + result.stderr
    assert (tmp_path / "site" / "example" / "sdk" / "ClientError" / "index.html").is_file()


def _resolve(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(page_url, href)).rstrip("/") + "/" if href else page_url


def test_every_code_page_says_where_it_is_without_the_nav_growing_with_the_catalog(built_site, catalogs):
    site, _ = built_site
    checked = 0
    for catalog in catalogs:
        overview = outputs.OVERVIEW.url(catalog.id)
        for ref in catalog.codes:
            group_id = (catalog.entries_for(ref) or catalog.messages_for(ref))[0].group
            table = outputs.GROUP_TABLE.url(catalog.id, group_id)
            page_url = urls.code_url(catalog, ref)
            page = page_html(site, page_url)
            breadcrumb = re.search(r'<nav class="md-path" aria-label="Breadcrumb"\s*>(.*?)</nav>', page, re.DOTALL)
            assert breadcrumb, page_url
            crumbs = [(_resolve(page_url, href), " ".join(text.split())) for href, text in re.findall(
                r'<a href="([^"]*)" class="md-path__link">\s*<span class="md-ellipsis">(.*?)</span>',
                breadcrumb.group(1), re.DOTALL)]
            assert crumbs[-1] == (table, html.escape(catalog.group(group_id).title)), page_url
            assert overview in [url for url, _ in crumbs], page_url
            primary = page.split('md-nav--primary', 1)[1].split('md-sidebar--secondary', 1)[0]
            assert f'href="{posixpath.relpath(table, page_url)}/"' not in primary, (
                f"{page_url}: the nav lists the catalog's tables: every code page would grow with the catalog")
            checked += 1
    assert checked == sum(len(c.codes) for c in catalogs) > 0


def test_every_page_title_names_its_catalog(built_site, catalogs):
    site, _ = built_site
    for catalog in catalogs:
        folder = site / catalog.id
        pages = [p for p in folder.rglob("index.html") if "http-equiv" not in p.read_text(encoding="utf-8")[:2000]]
        assert len(pages) > len(catalog.codes)
        for path in pages:
            title = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8")).group(1)
            assert html.escape(catalog.title) in title, (path.relative_to(site), title)
    assert re.search(r"<title>Page not found - ", (site / "404.html").read_text(encoding="utf-8"))


def unscripted(page: str) -> str:
    """What the page's <noscript> holds: the alternates a program reading its HTML finds, and Material's script (which
    would fetch a sitemap.xml beside each of them) does not."""
    return "".join(re.findall(r"<noscript>(.*?)</noscript>", page, re.DOTALL))


def test_every_catalog_with_releases_has_a_changes_page_a_feed_and_data(built_site, catalogs):
    site, _ = built_site
    home = page_html(site, "/")
    for catalog in (c for c in catalogs if c.releases):
        changes = page_html(site, outputs.CHANGES.url(catalog.id))
        latest = catalog.releases[-1]
        assert f'id="{urls.release_anchor(latest.version)}"' in changes
        assert '<link rel="alternate" type="application/atom+xml"' in unscripted(changes), "feed readers find it"
        assert 'href="../changes.xml"' in unscripted(changes)
        assert f'href="{outputs.CHANGES.at(catalog.id).removesuffix(".md")}/#{urls.release_anchor(latest.version)}"' \
            in home, "the home page links each catalog's latest release"
        feed = ET.parse(site / outputs.CHANGES_FEED.at(catalog.id)).getroot()
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == len(catalog.releases)
        data = json.loads((site / outputs.CHANGES_JSON.at(catalog.id)).read_text(encoding="utf-8"))
        assert [r["version"] for r in data["releases"]] == [r.version for r in reversed(catalog.releases)]


def test_the_ledger_knows_every_url_the_site_publishes(catalogs):
    known, problems = ledger.read(ROOT / "data")
    if known is None:
        pytest.skip("data/ holds no ledger of published URLs")
    assert problems == []
    new = ledger.new(known, ledger.published(catalogs))
    assert new == [], ("URLs published but not in data/published-urls.jsonl: run `.venv/bin/python -m macros "
                       f"ledger` and commit the ledger: {new[:10]}")


def test_every_code_page_has_its_twins_beside_it(built_site, catalogs):
    site, _ = built_site
    for catalog in catalogs:
        for ref in catalog.codes:
            folder = site / urls.site_path(urls.code_src(catalog, ref))
            record = json.loads((folder / "index.json").read_text(encoding="utf-8"))
            assert (record["code"], record["listed"]) == (ref.code, len(catalog.entries_for(ref)))
            assert record["urls"]["page"].endswith(urls.code_url(catalog, ref))
            assert [m["anchor"] for m in record["messages"]] == [m.anchor for m in catalog.messages_for(ref)]
            markdown = (folder / "index.md").read_text(encoding="utf-8")
            assert markdown.startswith(f"# {twins.md_code(ref.code)}")
        page = page_html(site, urls.code_url(catalog, next(iter(catalog.codes))))
        assert '<link rel="alternate" type="application/json" href="index.json">' in unscripted(page)
        assert '<link rel="alternate" type="text/markdown" href="index.md">' in unscripted(page)
        assert page.count('rel="alternate"') == 2, "no alternate outside <noscript>, where Material would read it"


def test_llms_txt_links_every_catalog_and_each_listing_has_every_code(built_site, catalogs):
    site, _ = built_site
    text = (site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# ") and "\n> " in text
    for catalog in catalogs:
        assert f"/{outputs.LLMS_FULL.at(catalog.id)})" in text
        listing = (site / outputs.LLMS_FULL.at(catalog.id)).read_text(encoding="utf-8")
        assert listing.count("\n### ") == len(list(catalog.entries))


def test_every_link_and_fragment_of_the_site_resolves(built_site):
    site, _ = built_site
    assert broken_links(site) == []


def test_the_link_check_finds_what_is_broken(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p><a href="../b/">b</a><a href="#here">h</a>'
                                               '<a href="../b/#nowhere">n</a><a href="../c/">c</a>'
                                               '<script src="/x.js"></script><a href="javascript:alert(1)">j</a>'
                                               '<a href="https://example.com/">e</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h1 id="top">b</h1>')
    (tmp_path / "catalog.json").write_text('{"entries": [{"path": "/a/", "url": "/a/#gone"}], "redirects": []}')
    assert broken_links(tmp_path) == [
        "a/index.html: '../b/#nowhere': b/index.html has no id 'nowhere'",
        "a/index.html: '../c/' leads to no file (/c/)",
        "a/index.html: '/x.js' leads to no file (/x.js)",
        "a/index.html: javascript link 'javascript:alert(1)'",
        "catalog.json: '/a/#gone': a/index.html has no id 'gone'",
    ]


def test_a_build_without_site_url_says_where_its_absolute_urls_point(tmp_path, example_files):
    project = minimal_project(tmp_path)
    write_catalog(project, example_files, "example")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
    unset = subprocess.run([*command, "-d", str(tmp_path / "a")], capture_output=True, text=True, env=env,
                           check=False, timeout=600)
    assert unset.returncode == 0, unset.stderr
    assert "SITE_URL is not set: canonical links," in unset.stderr
    given = subprocess.run([*command, "-d", str(tmp_path / "b")], capture_output=True, text=True, check=False,
                           env=env | {"SITE_URL": "https://errors.example.org/"}, timeout=600)
    assert given.returncode == 0 and "SITE_URL is not set" not in given.stderr, given.stderr


def _nav_titles(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    primary = text[text.index("md-nav--primary"):]
    return [html.unescape(" ".join(t.split()))
            for t in re.findall(r'<span class="md-ellipsis">\s*(.+?)\s*</span>', primary, re.DOTALL)]


def test_the_readers_nav_lists_the_catalogs_before_the_pages_for_the_api_team(built_site, catalogs):
    titles = _nav_titles(built_site[0] / "index.html")
    first = {title: titles.index(title) for title in dict.fromkeys(titles)}
    assert first["Look up an error"] < min(first[c.title] for c in catalogs) < first["For the API team"]
    assert max(first[c.title] for c in catalogs) < first["For the API team"], titles
    inside = _nav_titles(built_site[0] / "url-scheme" / "index.html")
    team = inside.index("For the API team")
    assert {"Deep links", "Build speed and scale", "Catalog health"} <= set(inside[team:]), inside
    assert "Catalog health" not in inside[:team], "the maintainers' pages are not among the catalogs' pages"
    health = _nav_titles(built_site[0] / outputs.HEALTH.site_path(catalogs[0].id) / "index.html")
    assert set(health[health.index("Catalog health"):]) >= {c.title for c in catalogs}, health
