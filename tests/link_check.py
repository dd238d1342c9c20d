"""A link check of a built site: every href and src of every page, every #fragment, every catalog.json URL."""

from __future__ import annotations

import html
import html.parser
import json
import posixpath
import re
from collections.abc import Collection
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
SKIPPED_RELS = {"preconnect", "dns-prefetch", "canonical", "alternate", "search"}


class _Links(html.parser.HTMLParser):
    """The links and ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element's id and the URL it links, if any."""
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if values.get("name") and tag == "a":
            self.ids.add(values["name"] or "")
        wanted = LINKING.get(tag)
        if wanted is None or not values.get(wanted):
            return
        if tag == "link" and set((values.get("rel") or "").split()) & SKIPPED_RELS:
            return
        self.links.append(values[wanted] or "")


class Site:
    """A built site on disk, read page by page as links lead to them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parse = cache(self._parse)

    def _parse(self, path: str) -> _Links:
        parser = _Links()
        parser.feed((self.root / path).read_text(encoding="utf-8"))
        return parser

    def target(self, path: str) -> str | None:
        """The file a site path serves, or None."""
        path = unquote(path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path if (self.root / path).is_file() else None

    def broken(self, page: str, link: str) -> str | None:
        """Why a link of a page does not resolve, or None."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            return f"{page}: javascript link {link!r}" if parts.scheme == "javascript" else None
        base = "/" + posixpath.dirname(page) + "/"
        path = posixpath.normpath(posixpath.join(base, parts.path)) + ("/" if parts.path.endswith("/") else "") \
            if parts.path else "/" + page
        target = self.target(path)
        if target is None:
            return f"{page}: {link!r} leads to no file ({path})"
        if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in self.parse(target).ids:
            return f"{page}: {link!r}: {target} has no id {parts.fragment!r}"
        return None


def broken_links(root: Path) -> list[str]:
    """Every href and src of every page of the site that leads nowhere, and every catalog.json URL that does."""
    site = Site(root)
    problems = []
    for file in sorted(root.rglob("*.html")):
        page = file.relative_to(root).as_posix()
        for link in site.parse(page).links:
            problem = site.broken(page, link)
            if problem:
                problems.append(problem)
    index = root / "catalog.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        for item in data["entries"]:
            for key in ("path", "url"):
                problem = site.broken("catalog.json", item[key]) if item.get(key) else None
                if problem:
                    problems.append(problem)
        for redirect in data.get("redirects", []):
            for key in ("from", "to"):
                problem = site.broken("catalog.json", redirect[key])
                if problem:
                    problems.append(problem)
    return problems


REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]*)">')
FRAGMENTS = re.compile(r"var fragments = (\{.*?\});")


def _followed(site: Site, path: str, fragment: str | None, hops: int = 3) -> tuple[str | None, str | None]:
    """The file a site path serves once its redirect pages are followed, and the fragment it then looks for."""
    target = site.target(path)
    for _ in range(hops):
        if target is None or not target.endswith(".html"):
            break
        text = (site.root / target).read_text(encoding="utf-8")
        refresh = REFRESH.search(text)
        if refresh is None:
            break
        base = "/" + posixpath.dirname(target) + "/"
        fragments = json.loads(found.group(1)) if (found := FRAGMENTS.search(text)) else {}
        moved = fragments.get(fragment) if fragment else None
        link = html.unescape(moved or refresh.group(1))
        parts = urlsplit(link)
        path = posixpath.normpath(posixpath.join(base, parts.path)) + ("/" if parts.path.endswith("/") else "")
        fragment = (parts.fragment or None) if moved else (fragment or parts.fragment or None)
        target = site.target(path)
    return target, fragment


def unkept_urls(root: Path, ledger: Path, landing: Collection[str] = ()) -> list[str]:
    """Every URL of a ledger of published URLs (data/published-urls.jsonl) that the built site at root does not answer
    with a file, after following its redirect pages as a browser does (a redirect's map of fragments included), and,
    for an anchor, an element with that id (or, for a URL in `landing`, the page alone: the anchor of a code once
    listed twice opens the page of the entry now alone on it)."""
    site = Site(root)
    problems = []
    for line in ledger.read_text(encoding="utf-8").splitlines():
        address = json.loads(line).get("url")
        if address is None:
            continue
        path, _, fragment = address.partition("#")
        target, wanted = _followed(site, path, fragment or None)
        if target is None:
            problems.append(f"{address}: no file answers it")
        elif wanted and target.endswith(".html") and wanted not in site.parse(target).ids and address not in landing:
            problems.append(f"{address}: {target} has no id {wanted!r}")
    return problems
