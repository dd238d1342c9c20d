"""Releases as changes (macros/site/changelog.py) and as feeds (macros/exports/feeds.py): grouping, Atom 1.0,
changes.json."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import replace

from conftest import ROOT

from macros.catalog.lifecycle import Release
from macros.exports import feeds
from macros.exports.feeds import atom, changes_json
from macros.site import outputs
from macros.site.changelog import changelog

NS = {"a": "http://www.w3.org/2005/Atom"}


def codes(entries) -> list[str]:
    return [e.code for e in entries]


def test_each_release_lists_what_it_did_newest_first(released_catalog) -> None:
    second, first = changelog(released_catalog)
    assert (second.release.version, first.release.version) == ("2.0", "1.0")
    assert codes(first.added) == ["100", "101"] and first.count == 2
    assert codes(second.added) == ["102"]
    assert codes(second.deprecated) == ["101"]
    assert codes(second.removed) == ["ClientError"]
    assert [(e.code, note) for e, note in second.changed] == [("100", "Now returned with status 400 instead of 422.")]
    assert [m.text for m in second.messages_removed] == ["Thing {name} is bad"]


def test_the_atom_feed_has_what_atom_1_0_requires(released_catalog) -> None:
    feed = ET.fromstring(atom(released_catalog, "https://errors.example/docs/", "Error Code Reference"))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:id", namespaces=NS) == "https://errors.example/docs/example/changes/"
    assert feed.findtext("a:title", namespaces=NS) == "Example: changes to the error catalog"
    assert feed.findtext("a:updated", namespaces=NS) == "2026-06-01T00:00:00Z"
    assert feed.findtext("a:author/a:name", namespaces=NS) == "Error Code Reference"
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == "https://errors.example/docs/example/changes.xml"
    entries = feed.findall("a:entry", NS)
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == ["Example 2.0", "Example 1.0"]
    for entry in entries:
        assert entry.findtext("a:id", namespaces=NS).startswith("https://errors.example/docs/example/changes/#release-")
        assert entry.findtext("a:updated", namespaces=NS).endswith("T00:00:00Z")
        assert entry.find("a:link[@rel='alternate']", NS).get("href") == entry.findtext("a:id", namespaces=NS)
    content = entries[0].findtext("a:content", namespaces=NS)
    assert "Deprecated: 101 ThingDown" in content and "Removed: sdk:ClientError" in content
    assert entries[0].findtext("a:summary", namespaces=NS) == "Things <b>&</b> the SDK, reworked."


def test_feed_ids_stay_absolute_without_a_site_url_and_text_stays_xml(released_catalog) -> None:
    hostile = replace(released_catalog, releases=(Release("1.0", "2026-01-10", "a\x00b\x1b]]></summary><x>",
                                                          released_catalog.releases[0].location),))
    feed = ET.fromstring(atom(hostile, None, "Site"))
    assert feed.findtext("a:id", namespaces=NS).startswith("urn:uuid:")
    assert feed.findtext("a:entry/a:summary", namespaces=NS) == "ab]]></summary><x>"


def test_changes_json_links_every_change_to_its_page(released_catalog) -> None:
    data = json.loads(json.dumps(changes_json(released_catalog, "/docs/")))
    newest = data["releases"][0]
    assert (data["catalog"], newest["version"]) == ("example", "2.0")
    assert newest["url"] == "/docs/example/changes/#release-2-0"
    assert newest["added"] == [{"system": "api", "code": "102", "name": "ThingLost", "url": "/docs/example/102/"}]
    assert newest["removed"][0]["url"] == "/docs/example/sdk/ClientError/"
    assert newest["deprecated"][0]["reason"] == "The service no longer goes down on its own."
    assert newest["messages_removed"][0]["url"] == "/docs/example/100/#thing-name-is-bad"


def test_the_feed_names_its_stylesheet_and_stays_atom(released_catalog) -> None:
    text = feeds.atom(released_catalog, "https://errors.example.org/", "Errors")
    declaration, stylesheet, _ = text.split("\n", 2)
    assert declaration == '<?xml version="1.0" encoding="utf-8"?>'
    assert stylesheet == '<?xml-stylesheet type="text/css" href="../feed.css"?>'
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    site_style = (ROOT / "macros" / "templates" / "feed" / "feed.css").read_text(encoding="utf-8")
    assert posixpath.normpath(posixpath.join(posixpath.dirname(outputs.CHANGES_FEED.at("example")), "../feed.css")) \
        == outputs.FEED_STYLE.path and "feed > title" in site_style
