"""A catalog's releases for programs and feed readers: an Atom 1.0 feed (with a stylesheet a browser shows it with)
and changes.json.

Pure (model in, text out). The feed is built with ElementTree, which escapes every text for
XML; characters XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import json
import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..catalog.model import Catalog, ErrorEntry
from ..site import outputs, urls
from ..site.changelog import ReleaseChanges, changelog
from ..site.outputs import Site

ATOM = "http://www.w3.org/2005/Atom"
STYLE_SOURCE = Path(__file__).resolve().parents[1] / "templates" / "feed" / "feed.css"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _absolute(site_url: str | None, path: str) -> str:
    return (site_url.rstrip("/") + "/" if site_url else "/") + path


def _id(site_url: str | None, path: str) -> str:
    """An Atom id: the absolute URL where the site has one, else a name-based UUID (ids must be absolute)."""
    return _absolute(site_url, path) if site_url else uuid.uuid5(uuid.NAMESPACE_URL, path).urn


def _lines(item: ReleaseChanges, catalog: Catalog) -> list[str]:
    def label(entry: ErrorEntry) -> str:
        return catalog.ref_label(entry.ref) + (f" {entry.name}" if entry.name else "")

    lines = [item.release.summary]
    for title, entries in (("Added", item.added), ("Deprecated", item.deprecated), ("Removed", item.removed)):
        if entries:
            lines.append(f"{title}: " + ", ".join(label(e) for e in entries))
    lines += [f"Changed: {label(e)}: {note}" for e, note in item.changed]
    lines += [f"Message no longer returned: {m.text}" for m in item.messages_removed]
    return lines


def atom(catalog: Catalog, site_url: str | None, site_name: str) -> str:
    """The catalog's releases as an Atom 1.0 feed, newest first, one entry per release."""
    page = outputs.CHANGES.site_path(catalog.id)
    releases = changelog(catalog)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = _text(text)
        return element

    add(feed, "id", _id(site_url, page))
    add(feed, "title", f"{catalog.title}: changes to the error catalog")
    add(feed, "updated", f"{releases[0].release.date}T00:00:00Z" if releases else "1970-01-01T00:00:00Z")
    add(feed, "link", rel="alternate", type="text/html", href=_absolute(site_url, page))
    add(feed, "link", rel="self", type="application/atom+xml",
        href=_absolute(site_url, outputs.CHANGES_FEED.at(catalog.id)))
    add(add(feed, "author"), "name", site_name)
    for item in releases:
        anchor = urls.release_anchor(item.release.version)
        entry = add(feed, "entry")
        add(entry, "id", _id(site_url, f"{page}#{anchor}"))
        add(entry, "title", f"{catalog.title} {item.release.version}")
        add(entry, "updated", f"{item.release.date}T00:00:00Z")
        add(entry, "link", rel="alternate", type="text/html", href=_absolute(site_url, f"{page}#{anchor}"))
        add(entry, "summary", item.release.summary)
        add(entry, "content", "\n".join(_lines(item, catalog)), type="text")
    style = posixpath.relpath(outputs.FEED_STYLE.path, posixpath.dirname(outputs.CHANGES_FEED.at(catalog.id)))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/css" href="{style}"?>\n'
            + ET.tostring(feed, encoding="unicode") + "\n")


def changes_json(catalog: Catalog, base: str = "/") -> dict[str, Any]:
    """The catalog's releases, newest first, each with the codes it added, deprecated, removed or changed."""
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"

    def code(entry: ErrorEntry, **more: str | None) -> dict[str, Any]:
        return {"system": entry.system, "code": entry.code, "name": entry.name,
                "url": base + urls.entry_url(catalog, entry).lstrip("/"), **more}

    page = base + outputs.CHANGES.site_path(catalog.id)
    return {"catalog": catalog.id, "title": catalog.title, "releases": [{
        "version": item.release.version, "date": item.release.date, "summary": item.release.summary,
        "url": f"{page}#{urls.release_anchor(item.release.version)}",
        "added": [code(e) for e in item.added],
        "deprecated": [code(e, reason=e.lifecycle.deprecated.reason if e.lifecycle.deprecated else None)
                       for e in item.deprecated],
        "removed": [code(e, note=e.lifecycle.removed.note if e.lifecycle.removed else None) for e in item.removed],
        "changed": [code(e, note=note) for e, note in item.changed],
        "messages_removed": [{"code": m.code, "message": m.text, "note": m.removed.note if m.removed else None,
                              "url": base + urls.message_url(catalog, m).lstrip("/")} for m in item.messages_removed],
    } for item in changelog(catalog)]}


def changes_json_text(catalog: Catalog, base: str = "/") -> str:
    """changes.json as written."""
    return json.dumps(changes_json(catalog, base), indent=1, ensure_ascii=False) + "\n"


def atom_file(site: Site, catalog: Catalog) -> str:
    """/<catalog>/changes.xml."""
    return atom(catalog, site.site_url, site.site_name)


def style_file(site: Site) -> str:
    """/feed.css, as the package holds it (macros/templates/feed/feed.css)."""
    return STYLE_SOURCE.read_text(encoding="utf-8")


def changes_file(site: Site, catalog: Catalog) -> str:
    """/<catalog>/changes.json."""
    return changes_json_text(catalog, site.base)
