"""Benchmark what a reader's browser downloads to show each kind of page: requests, bytes raw and gzipped, failures.

Run: .venv/bin/python tests/benchmarks/bench_first_load.py [--site DIR] [--size N] [--json FILE]

It builds the site (the repository's catalogs, plus a synthetic one of --size codes if asked) or takes a built one
(--site), serves it as GitHub Pages does (a missing path gets 404.html; `Cache-Control: max-age=600`), and opens one
page of every kind in Chromium: a first visit with an empty cache, then a repeat visit of the same page. The server
counts every request it answers and the bytes of each body, raw and gzipped (level 6, as a static host compresses
text); a request the browser answers from its cache never reaches it. A failed request is one answered with 400 or
more, or one the browser reports failed. The pages of each kind come from the registry of what the site publishes
(macros/site/outputs.py) and from catalog.json, so any catalogs work.
Target (issue 22): a code page's first visit at most 100 KB gzipped, and no failed request on any page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402
from pages_server import PagesHandler, PagesServer  # noqa: E402

from macros.site import outputs  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TARGET_CODE_PAGE_GZIP = 100 * 1024
CACHE_SECONDS = 600
"""What GitHub Pages sends as Cache-Control max-age: a repeat visit within ten minutes asks for nothing it has."""
TIMEOUT_MS = 60_000
SETTLE_MS = 500


@dataclass
class Visit:
    """What one visit of a page made the browser fetch."""

    requests: int = 0
    raw: int = 0
    gzipped: int = 0
    failed: list[str] = field(default_factory=list)
    files: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class Row:
    """One kind of page: its address, and its first and repeat visit."""

    kind: str
    url: str
    first: Visit
    repeat: Visit


@cache
def _gzipped_size(path: Path, mtime: int) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


class CountingHandler(PagesHandler):
    """GitHub Pages' behaviour, and a note of every body sent on the server's current visit."""

    def end_headers(self) -> None:
        """Send the cache lifetime GitHub Pages sends."""
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        super().end_headers()

    def send_response(self, code: int, message: str | None = None) -> None:
        """Count the request and note a failure."""
        visit: Visit = self.server.visit  # type: ignore[attr-defined]
        with self.server.lock:  # type: ignore[attr-defined]
            visit.requests += 1
            if code >= 400:
                visit.failed.append(f"{code} {unquote(urlsplit(self.path).path)}")
        super().send_response(code, message)

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        """Count the body's bytes, raw and as a host would gzip them."""
        path = Path(self.translate_path(self.path))
        self._count(path / "index.html" if path.is_dir() else path)
        super().copyfile(source, outputfile)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Count the site's 404 page, which PagesHandler sends for a missing path."""
        if code == 404:
            self._count(Path(self.directory) / "404.html")
        super().send_error(code, message, explain)

    def _count(self, path: Path) -> None:
        if not path.is_file():
            return
        stat = path.stat()
        visit: Visit = self.server.visit  # type: ignore[attr-defined]
        with self.server.lock:  # type: ignore[attr-defined]
            gz = _gzipped_size(path, stat.st_mtime_ns)
            visit.raw += stat.st_size
            visit.gzipped += gz
            visit.files.append((unquote(urlsplit(self.path).path), stat.st_size, gz))


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, PagesServer]]:
    """The site on a free local port, counting what it sends."""
    handler = lambda *args, **kwargs: CountingHandler(*args, directory=str(site), **kwargs)  # noqa: E731
    server = PagesServer(("127.0.0.1", 0), handler)
    server.visit = Visit()  # type: ignore[attr-defined]
    server.lock = threading.Lock()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()


def page_kinds(site: Path) -> list[tuple[str, str]]:
    """One page of each kind, by its path: the site's own, then each kind of a catalog's page from the registry, its
    largest table and code pages from catalog.json (the first, and one listed twice when there is one), all of the
    catalog with the most entries, where size shows."""
    index = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    kinds = [("home", "/"), ("lookup", "/lookup/")]
    kinds += [(f"site page {path}", path) for path in ("/url-scheme/", "/scale/") if (site / path.strip("/")).is_dir()]
    entries_of: dict[str, int] = {}
    for entry in index["entries"]:
        entries_of[entry["catalog"]] = entries_of.get(entry["catalog"], 0) + 1
    catalog = max(index["catalogs"], key=lambda c: entries_of.get(c["id"], 0))
    folder = catalog["path"]
    for output in outputs.CATALOG_PAGES:
        path = output.url(catalog["id"])
        if (site / path.strip("/") / "index.html").is_file():
            kinds.append((output.key, path))
    kinds.append(("largest table", max(catalog["groups"], key=lambda g: g["entries"] + g["messages"])["path"]))
    entries = [e for e in index["entries"] if e["catalog"] == catalog["id"] and e["path"].startswith(folder)]
    if entries:
        kinds.append(("code page", entries[0]["path"]))
        listed = {}
        for entry in entries:
            listed[entry["path"]] = listed.get(entry["path"], 0) + 1
        twice = [path for path, count in listed.items() if count > 1]
        if twice:
            kinds.append(("code page, listed twice", twice[0]))
    kinds.append(("404", "/no-such-page/"))
    return kinds


def visit(page, server: PagesServer, url: str) -> Visit:  # type: ignore[no-untyped-def]
    """Load the page, wait until the network is quiet, and return what the server sent for it."""
    server.visit = Visit()  # type: ignore[attr-defined]
    failed: list[str] = []
    listener = lambda request: failed.append(f"failed {request.url}")  # noqa: E731
    page.on("requestfailed", listener)
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)
    page.remove_listener("requestfailed", listener)
    found: Visit = server.visit  # type: ignore[attr-defined]
    found.failed.extend(failed)
    return found


def measure(site: Path) -> list[Row]:
    """Every kind of page, visited first with an empty cache and then again."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as (base, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind, path in page_kinds(site):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                first = visit(page, server, base + path)
                if kind == "404":
                    first.failed = [f for f in first.failed if f != "404 /no-such-page/"]
                repeat = visit(page, server, base + path)
                if kind == "404":
                    repeat.failed = [f for f in repeat.failed if f != "404 /no-such-page/"]
                rows.append(Row(kind, path, first, repeat))
                context.close()
        finally:
            browser.close()
    return rows


def report(rows: list[Row]) -> str:
    """The rows as a Markdown table (KB of 1,024 bytes)."""
    lines = ["| Page | First visit: requests, raw, gzip | Repeat visit: requests, raw, gzip | Failed |",
             "| --- | --- | --- | --- |"]
    for row in rows:
        cells = [f"{v.requests}, {v.raw / 1024:.0f} KB, {v.gzipped / 1024:.0f} KB" for v in (row.first, row.repeat)]
        failed = ", ".join(row.first.failed + row.repeat.failed) or "none"
        lines.append(f"| {row.kind} (`{row.url}`) | {cells[0]} | {cells[1]} | {failed} |")
    return "\n".join(lines)


def build(project: Path, size: int) -> Path:
    """Build the repository's site (with a synthetic catalog of `size` codes when size > 0) into project/site."""
    if size:
        synthetic.write_project(project, size)
    else:
        project.mkdir(parents=True)
        for name in (*synthetic.COPIED, "data"):
            source, target = ROOT / name, project / name
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                   cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return project / "site"


def main(argv: list[str] | None = None) -> int:
    """Command line: build or take a site, measure each kind of page, print the table, check the targets."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    parser.add_argument("--size", type=int, default=0, help="add a synthetic catalog of this many codes")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    work = None
    try:
        if args.site:
            site = args.site
        else:
            work = Path(tempfile.mkdtemp(prefix="bench-first-load-"))
            site = build(work / "project", args.size)
        rows = measure(site)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=1), encoding="utf-8")
    code_pages = [row for row in rows if row.kind.startswith("code page")]
    heavy = [row for row in code_pages if row.first.gzipped > TARGET_CODE_PAGE_GZIP]
    failing = [row for row in rows if row.first.failed or row.repeat.failed]
    print(f"Code page first visit: {max((r.first.gzipped for r in code_pages), default=0) / 1024:.0f} KB gzipped at "
          f"most (target {TARGET_CODE_PAGE_GZIP // 1024} KB: {'met' if not heavy else 'NOT met'}); failed requests: "
          f"{sum(len(r.first.failed) + len(r.repeat.failed) for r in rows)}.")
    return 0 if not heavy and not failing else 1


if __name__ == "__main__":
    raise SystemExit(main())
