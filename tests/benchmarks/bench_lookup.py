"""Benchmark the site's error lookup against Material's search on a 10,000-code synthetic site.

Run: .venv/bin/python tests/benchmarks/bench_lookup.py [--project DIR] [--json FILE]

With --no-build the site is reused, and the lookup's scripts in it are refreshed from docs/javascripts
(unless --no-sync), so script changes are measured without a rebuild. --lookup-only skips Material's
queries (they take minutes each at 50,000 codes) and counts its bytes from what it fetched while the
lookup was measured.

Ready is the lookup's "error-lookup:ready" mark (the engine and index are in and the lookup answers), after the
reader moves to the header's field (focus, right after the load event: the site loads neither before); the
report adds its "error-lookup:prepared" mark (its search structures built in idle time). The site has no Material
search of its own; the benchmark adds Material's search plugin to the project it builds, so that both are measured
on the same site.
Latency is measured inside the page (performance.now), from the last keystroke (keydown or
beforeinput timeStamp) until the final results are in the DOM:
- lookup: the first DOM mutation after which #error-lookup-listbox has data-query equal to the
  query (the "frame" figure adds the wait for the next animation frame);
- Material: its worker answers queries in order, so the final results are the answer to the last
  query posted after the last keystroke (checked to equal the input's value); the time is the last
  mutation of .md-search-result after that answer arrived, once the list has been quiet for 400 ms.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402
from pages_server import PagesHandler, PagesServer  # noqa: E402

from macros.catalog.loader import load_catalogs  # noqa: E402
from macros.catalog.model import Catalog, ErrorEntry  # noqa: E402
from macros.site import (  # noqa: E402
    outputs,
    urls,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TYPING_DELAY_MS = 100
MATERIAL_QUIET_MS = 400
TIMEOUT_MS = 180_000
TARGET_LATENCY_MS = 50.0
TARGET_READY_MS = 300.0
TARGET_BYTES_RATIO = 0.15
LOOKUP_SCRIPTS = ("lookup-paste.js", "lookup-evidence.js", "lookup-core.js", "lookup-pages.js", "lookup.js")
LOOKUP_FILE = re.compile(r"(^|/)((?:lookup|page)-index[^/]*\.json|lookup-(?:core|paste|evidence|pages)\.js"
                         r"|lookup\.js)$")
MATERIAL_FILE = re.compile(r"(^|/)(search/search_index\.json|assets/javascripts/workers/search\.[^/]*\.min\.js"
                           r"|assets/javascripts/lunr/.*)$")

# Recorders installed before any page script runs: keystroke times, Material's worker traffic.
INIT_SCRIPT = """
(() => {
  const b = window.__bench = {last: 0, posts: [], results: [], q: null};
  const rec = (e) => { b.last = Math.max(b.last, e.timeStamp); };
  document.addEventListener("keydown", rec, true);
  document.addEventListener("beforeinput", rec, true);
  const Base = window.Worker;
  if (!Base) return;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (e.data && e.data.type === 3) b.results.push(performance.now());
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) b.posts.push({t: performance.now(), q: message.data});
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

ARM_LOOKUP = """
(q) => {
  const b = window.__bench;
  const box = document.getElementById("error-lookup-listbox");
  if (b.mo) b.mo.disconnect();
  Object.assign(b, {q, last: 0, shown: null, frame: null});
  const check = () => {
    if (b.shown === null && b.last > 0 && box.dataset.query === q) {
      b.shown = performance.now();
      requestAnimationFrame(() => { b.frame = performance.now(); });
    }
  };
  b.mo = new MutationObserver(check);
  b.mo.observe(box, {attributes: true, childList: true, subtree: true});
}
"""

ARM_MATERIAL = """
(q) => {
  const b = window.__bench;
  const root = document.querySelector(".md-search-result");
  if (b.mo) b.mo.disconnect();
  Object.assign(b, {q, last: 0, changes: [], postsBefore: b.posts.length, resultsBefore: b.results.length});
  b.mo = new MutationObserver(() => b.changes.push(performance.now()));
  b.mo.observe(root, {attributes: true, childList: true, subtree: true, characterData: true});
}
"""

# Material is done with the final query once the worker has answered every query posted so far,
# the last posted query is the final input, and the result list has been quiet for a moment.
MATERIAL_DONE = """
(quiet) => {
  const b = window.__bench;
  const input = document.querySelector(".md-search__input");
  if (!b.last || input.value !== b.q || b.posts.length <= b.postsBefore) return false;
  const lastPost = b.posts[b.posts.length - 1];
  if (lastPost.q !== b.q || b.results.length < b.posts.length) return false;
  const t = Math.max(b.results[b.results.length - 1], b.changes.length ? b.changes[b.changes.length - 1] : 0);
  return performance.now() - t > quiet;
}
"""

MATERIAL_FIGURES = """
() => {
  const b = window.__bench;
  const arrival = b.results[b.posts.length - 1];
  const after = b.changes.filter((t) => t >= arrival);
  const shown = after.length ? after[after.length - 1] : arrival;
  const items = [...document.querySelectorAll(".md-search-result__item")];
  const links = items.map((li) => li.querySelector("a.md-search-result__link")).filter(Boolean);
  const meta = document.querySelector(".md-search-result__meta");
  return {
    last: b.last, shown, arrival,
    urls: links.slice(0, 8).map((a) => new URL(a.href).pathname + new URL(a.href).hash),
    count: items.length, meta: meta ? meta.textContent.trim() : "",
    posts: b.posts.length - b.postsBefore,
  };
}
"""

LOOKUP_FIGURES = """
() => {
  const b = window.__bench;
  const box = document.getElementById("error-lookup-listbox");
  const status = document.getElementById("error-lookup-status");
  const options = [...box.querySelectorAll("[role=option]")];
  return {
    last: b.last, shown: b.shown, frame: b.frame,
    urls: options.slice(0, 8).map((o) => o.dataset.url),
    count: options.length, meta: status ? status.textContent.trim() : "",
  };
}
"""


@dataclass
class Query:
    """One benchmark query with the pages that count as a correct first result."""

    kind: str
    text: str
    expected: list[str]
    paste: bool = False


@dataclass
class QueryResult:
    """What one side showed for one query."""

    kind: str
    text: str
    latency_ms: float | None
    first: str | None
    hit: bool
    count: int
    meta: str
    top: list[str] = field(default_factory=list)
    detail: dict[str, float] = field(default_factory=dict)


@dataclass
class Side:
    """Every figure measured for one side (lookup or Material)."""

    name: str
    files: dict[str, int] = field(default_factory=dict)
    raw_bytes: int = 0
    gzip_bytes: int = 0
    ready_ms: float | None = None
    prepared_ms: float | None = None
    queries: list[QueryResult] = field(default_factory=list)
    error: str | None = None
    other_files: dict[str, int] = field(default_factory=dict)


# --- project, build and server ----------------------------------------------------------------


def prepare_project(project: Path | None, codes: int, seed: int, sync: bool) -> Path:
    """Generate the synthetic project, or reuse one and refresh its site sources from the repo."""
    if project is None:
        project = Path(tempfile.mkdtemp(prefix=f"synth{codes}-"))
    if not (project / "data" / synthetic.CATALOG_ID / "catalog.yml").is_file():
        print(f"generating {codes} synthetic codes into {project}", flush=True)
        return synthetic.write_project(project, codes, seed)
    if sync:
        synthetic.write_sources(project, synthetic.written_codes(project) or codes)
    with_material_search(project)
    return project


def with_material_search(project: Path) -> None:
    """Add Material's search plugin to the project's mkdocs.yml (the site itself has none), to measure it beside the
    lookup."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\n  - search\n" not in text:
        assert text.count("\nplugins:\n") == 1, "mkdocs.yml has no plugins list to add Material's search to"
        config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - search\n"), encoding="utf-8")


def refresh_scripts(project: Path) -> None:
    """Copy the lookup's scripts from the project's docs into its built site, as a build would."""
    for name in LOOKUP_SCRIPTS:
        shutil.copy2(project / "docs" / "javascripts" / name, project / "site" / "javascripts" / name)


def build(project: Path) -> float:
    """Run a strict build of the project into project/site; return the seconds it took."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=project, capture_output=True, text=True, env=env, check=False, timeout=1800,
    )
    if result.returncode != 0:
        raise SystemExit(f"strict build failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


class _Handler(PagesHandler):
    """Serves the site like GitHub Pages (missing paths get 404.html) and logs every path served."""

    served: list[str]
    lock: threading.Lock

    def do_GET(self) -> None:
        with self.lock:
            self.served.append(unquote(urlsplit(self.path).path))
        super().do_GET()



@contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve site on a free loopback port; yield its base URL and the log of served paths."""
    served: list[str] = []
    handler_cls = type("Handler", (_Handler,), {"served": served, "lock": threading.Lock()})
    handler = functools.partial(handler_cls, directory=str(site))
    server = PagesServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


def count_bytes(site: Path, paths: list[str], pattern: re.Pattern[str]) -> tuple[dict[str, int], int, int]:
    """Raw size per matching file served, total raw bytes, total gzip -6 bytes."""
    files: dict[str, int] = {}
    gz = 0
    for path in dict.fromkeys(paths):
        rel = path.lstrip("/")
        file = site / rel
        if not pattern.search(rel) or not file.is_file():
            continue
        data = file.read_bytes()
        files[rel] = len(data)
        gz += len(gzip.compress(data, compresslevel=6, mtime=0))
    return files, sum(files.values()), gz


# --- queries ----------------------------------------------------------------------------------


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _typo(name: str, others: set[str]) -> str:
    for i in range(len(name) // 2, len(name) - 1):
        if name[i].islower() and name[i + 1].islower():
            candidate = name[:i] + name[i + 1] + name[i] + name[i + 2:]
            if candidate.lower() not in others:
                return candidate
    raise ValueError(f"no typo for {name}")


def choose_queries(catalogs: tuple[Catalog, ...], seed: int) -> list[Query]:
    """One query per kind, picked from the synthetic catalog, with the pages that count as right."""
    rng = random.Random(seed)
    synth = next(c for c in catalogs if c.id == synthetic.CATALOG_ID)
    everything = [(c, e) for c in catalogs for e in c.entries]

    def pages(pairs: list[tuple[Catalog, ErrorEntry]]) -> list[str]:
        return sorted({urls.code_url(c, e.ref) for c, e in pairs})

    def group_page(catalog: Catalog, group_id: str) -> str:
        return outputs.GROUP_TABLE.url(catalog.id, group_id)

    names: dict[str, int] = {}
    descriptions: dict[str, int] = {}
    for _, e in everything:
        if e.name:
            names[e.name.lower()] = names.get(e.name.lower(), 0) + 1
        descriptions[e.description.lower()] = descriptions.get(e.description.lower(), 0) + 1
    plain = [e for e in synth.entries if e.system == synth.primary_system.id and e.numeric_code
             and e.numeric_code >= synthetic.FIRST_RANGE and len(synth.entries_for(e.ref)) == 1
             and all(c is synth or not c.entries_for(e.ref) for c in catalogs)
             and names.get((e.name or "").lower()) == 1 and descriptions[e.description.lower()] == 1]
    code_entry, name_entry, typo_entry, message_entry, body_entry = rng.sample(plain, 5)
    string_entry = rng.choice([e for e in synth.entries if e.system == synthetic.STRING_SYSTEM])

    def code_pages(code: str) -> list[str]:
        return pages([(c, e) for c, e in everything if e.code == code])

    declared = [r for r in synth.ranges if r.span.start >= synthetic.FIRST_RANGE and r.group]
    gap_range = rng.choice(declared)
    used = {e.numeric_code for e in synth.entries}
    gap = rng.choice([n for n in range(gap_range.span.start, gap_range.span.end + 1) if n not in used])
    short = next(r for r in synth.ranges if r.span.start == 4200)
    nn_xx = f"{short.span.start // 100}xx"
    range_pages = sorted({group_page(c, r.group) for c in catalogs for r in c.ranges
                          if r.group and r.span == short.span})

    words = ("rate", "limit")
    worded = [(c, e) for c, e in everything
              if all(w in f"{e.description} {e.name or ''}".lower() for w in words)]
    status_pages = set()
    for c in catalogs:
        if 429 in c.statuses:
            status_pages.add(outputs.RETRIES.url(c.id))
            if (ROOT / "docs" / c.id / "rate-limits.md").is_file():
                status_pages.add(f"/{c.id}/rate-limits/")
            status_pages.add(outputs.OVERVIEW.url(c.id))
    status_pages |= set(pages([(c, e) for c, e in everything if e.status == 429 or e.code == "429"]))

    body = {"error": {"code": body_entry.numeric_code, "name": body_entry.name,
                      "message": body_entry.description, "status": body_entry.status,
                      "request_id": "req_5f2c9a"}}
    assert name_entry.name and typo_entry.name
    return [
        Query("exact numeric code", code_entry.code, code_pages(code_entry.code)),
        Query("short code (exact beats prefix)", "180", code_pages("180")),
        Query("string code (second system)", string_entry.code, code_pages(string_entry.code)),
        Query("exact name, CamelCase", name_entry.name, pages([(synth, name_entry)])),
        Query("same name, snake_case", _snake(name_entry.name), pages([(synth, name_entry)])),
        Query("name with one typo", _typo(typo_entry.name, set(names)), pages([(synth, typo_entry)])),
        Query("exact description", message_entry.description, pages([(synth, message_entry)])),
        Query("words from descriptions", " ".join(words), pages(worded)),
        Query("unassigned number in a range", str(gap), [group_page(synth, gap_range.group or "")]),
        Query("range written NNxx", nn_xx, range_pages),
        Query("HTTP status", "429", sorted(status_pages)),
        Query("pasted JSON error body", json.dumps(body), pages([(synth, body_entry)]), paste=True),
    ]


# --- browser measurements ---------------------------------------------------------------------


def _hit(first: str | None, expected: list[str]) -> bool:
    return first is not None and first.split("#", 1)[0] in expected


HEADER_FIELD_PAGE = outputs.RETRIES.url(synthetic.CATALOG_ID)
"""A page with the header's search field (the home page has a box of its own instead)."""


def _load(context: BrowserContext, base: str, path: str = "/") -> tuple[Page, float]:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base + path, wait_until="load")
    return page, page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")


def _enter(page: Page, query: Query) -> None:
    if query.paste:
        page.keyboard.insert_text(query.text)
        page.evaluate("document.activeElement.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
    else:
        page.keyboard.type(query.text, delay=TYPING_DELAY_MS)


def run_lookup(browser: Browser, base: str, queries: list[Query], side: Side,
               block: Callable[[BrowserContext], None]) -> None:
    """Ready time and per-query latency of the header lookup."""
    context = browser.new_context()
    block(context)
    context.add_init_script(INIT_SCRIPT)
    try:
        page, _ = _load(context, base, HEADER_FIELD_PAGE)
        load = page.evaluate("() => { document.getElementById('error-lookup-input').focus(); "
                             "return performance.now(); }")
        page.wait_for_function("performance.getEntriesByName('error-lookup:ready').length > 0", polling="raf")
        mark = page.evaluate("performance.getEntriesByName('error-lookup:ready')[0].startTime")
        side.ready_ms = mark - load
        page.wait_for_selector("#error-lookup-input", state="attached")
        page.wait_for_load_state("networkidle")
        for query in queries:
            page.focus("#error-lookup-input")
            page.fill("#error-lookup-input", "")
            page.wait_for_function("(document.getElementById('error-lookup-listbox').dataset.query || '') === ''")
            page.evaluate(ARM_LOOKUP, query.text)
            _enter(page, query)
            page.wait_for_function("window.__bench.frame !== null", polling="raf", timeout=30_000)
            got = page.evaluate(LOOKUP_FIGURES)
            first = got["urls"][0] if got["urls"] else None
            side.queries.append(QueryResult(
                query.kind, query.text, got["shown"] - got["last"], first, _hit(first, query.expected),
                got["count"], got["meta"], got["urls"], {"frame_ms": got["frame"] - got["last"]}))
        prepared = page.evaluate("performance.getEntriesByName('error-lookup:prepared').map((m) => m.startTime)")
        side.prepared_ms = prepared[0] - load if prepared else None
    finally:
        context.close()


def run_material(browser: Browser, base: str, queries: list[Query], side: Side,
                 block: Callable[[BrowserContext], None]) -> None:
    """Ready time and per-query latency of Material's search."""
    context = browser.new_context()
    block(context)
    context.add_init_script(INIT_SCRIPT)
    try:
        page, load = _load(context, base)
        page.evaluate("""() => {
          const b = window.__bench;
          b.firstItem = null;
          const root = document.querySelector(".md-search-result");
          new MutationObserver((_, mo) => {
            if (root.querySelector(".md-search-result__item")) { b.firstItem = performance.now(); mo.disconnect(); }
          }).observe(root, {childList: true, subtree: true});
        }""")
        page.keyboard.press("/")
        page.keyboard.insert_text(queries[0].text)
        page.evaluate("document.activeElement.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
        page.wait_for_function("window.__bench.firstItem !== null", polling="raf")
        side.ready_ms = page.evaluate("window.__bench.firstItem") - load
        page.wait_for_load_state("networkidle")
        for query in queries:
            page.focus(".md-search__input")
            page.fill(".md-search__input", "")
            page.evaluate("document.activeElement.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
            page.wait_for_timeout(300)
            page.evaluate(ARM_MATERIAL, query.text)
            _enter(page, query)
            page.wait_for_function(MATERIAL_DONE, arg=MATERIAL_QUIET_MS, polling=50)
            got = page.evaluate(MATERIAL_FIGURES)
            first = got["urls"][0] if got["urls"] else None
            side.queries.append(QueryResult(
                query.kind, query.text, got["shown"] - got["last"], first, _hit(first, query.expected),
                got["count"], got["meta"], got["urls"],
                {"worker_answer_ms": got["arrival"] - got["last"], "queries_posted": got["posts"]}))
    finally:
        context.close()


def _blocker(pattern: re.Pattern[str] | None) -> Callable[[BrowserContext], None]:
    def block(context: BrowserContext) -> None:
        if pattern is not None:
            context.route(lambda url: bool(pattern.search(urlsplit(url).path.lstrip("/"))),
                          lambda route: route.abort())
    return block


def measure(site: Path, queries: list[Query], isolate: bool, lookup_only: bool = False) -> tuple[Side, Side]:
    """Both sides, one fresh browser context each, against one local server.

    With lookup_only, Material's queries are not run: its bytes are what it fetched in the lookup's session.
    """
    lookup, material = Side("lookup"), Side("material")
    sides = [(lookup, run_lookup, LOOKUP_FILE, MATERIAL_FILE), (material, run_material, MATERIAL_FILE, LOOKUP_FILE)]
    with serve(site) as (base, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for side, runner, mine, other in sides[:1] if lookup_only else sides:
                served.clear()
                print(f"measuring {side.name}...", flush=True)
                try:
                    runner(browser, base, queries, side, _blocker(other if isolate else None))
                except Exception as exc:
                    side.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                    print(f"  {side.name} failed: {side.error}", flush=True)
                side.files, side.raw_bytes, side.gzip_bytes = count_bytes(site, list(served), mine)
                side.other_files = count_bytes(site, list(served), other)[0]
            if lookup_only:
                material.files, material.raw_bytes, material.gzip_bytes = count_bytes(site, list(served), MATERIAL_FILE)
        finally:
            browser.close()
    return lookup, material


# --- report -----------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{a / b:.3f}"


def summary(side: Side) -> dict[str, Any]:
    """Median and max latency, exact-first rate."""
    latencies = [q.latency_ms for q in side.queries if q.latency_ms is not None]
    hits = sum(q.hit for q in side.queries)
    return {
        "median_latency_ms": statistics.median(latencies) if latencies else None,
        "max_latency_ms": max(latencies) if latencies else None,
        "first_result_right": hits,
        "queries": len(side.queries),
        "first_result_rate": hits / len(side.queries) if side.queries else None,
    }


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def report(lookup: Side, material: Side, queries: list[Query], meta: dict[str, Any]) -> str:
    """The plain-text table of every figure."""
    lines = [f"site: {meta['project']}  ({meta['codes']} synthetic codes in {meta['synthetic_entries']} entries, "
             f"{meta['entries']} entries in all; build {meta['build_s']} s)", ""]
    head = f"{'kind':32} {'query':34} | {'lookup ms':>9} {'ok':>3} {'first result':30} | " \
           f"{'material ms':>11} {'ok':>3} {'first result':30}"
    lines += [head, "-" * len(head)]
    by_kind = {s.name: {q.kind: q for q in s.queries} for s in (lookup, material)}
    for query in queries:
        cells = []
        for side in ("lookup", "material"):
            got = by_kind[side].get(query.kind)
            width = 9 if side == "lookup" else 11
            if got is None:
                cells.append(f"{'—':>{width}} {'':>3} {'':30}")
            else:
                cells.append(f"{_ms(got.latency_ms):>{width}} {'yes' if got.hit else 'NO':>3} "
                             f"{_short(got.first or '(none)', 30):30}")
        lines.append(f"{_short(query.kind, 32):32} {_short(query.text, 34):34} | {cells[0]} | {cells[1]}")
    ls, ms = summary(lookup), summary(material)
    lines += ["", f"{'':34} {'lookup':>14} {'material':>14} {'lookup/material':>16} {'target':>22}"]

    def row(label: str, a: Any, b: Any, ratio: str = "", target: str = "") -> None:
        lines.append(f"{label:34} {a:>14} {b:>14} {ratio:>16} {target:>22}")

    row("bytes downloaded (raw)", f"{lookup.raw_bytes:,}", f"{material.raw_bytes:,}",
        _ratio(lookup.raw_bytes, material.raw_bytes), f"≤ {TARGET_BYTES_RATIO:.2f}")
    row("bytes downloaded (gzip -6)", f"{lookup.gzip_bytes:,}", f"{material.gzip_bytes:,}",
        _ratio(lookup.gzip_bytes, material.gzip_bytes), f"≤ {TARGET_BYTES_RATIO:.2f}")
    row("ready after load (ms)", _ms(lookup.ready_ms), _ms(material.ready_ms),
        _ratio(lookup.ready_ms, material.ready_ms), f"lookup ≤ {TARGET_READY_MS:.0f} ms")
    row("search structures built (ms)", _ms(lookup.prepared_ms), "", "", "(answers from ready on)")
    row("median query latency (ms)", _ms(ls["median_latency_ms"]), _ms(ms["median_latency_ms"]),
        _ratio(ls["median_latency_ms"], ms["median_latency_ms"]), f"lookup ≤ {TARGET_LATENCY_MS:.0f} ms")
    row("max query latency (ms)", _ms(ls["max_latency_ms"]), _ms(ms["max_latency_ms"]),
        _ratio(ls["max_latency_ms"], ms["max_latency_ms"]), f"lookup ≤ {TARGET_LATENCY_MS:.0f} ms")
    row("right first result", f"{ls['first_result_right']}/{ls['queries']}",
        f"{ms['first_result_right']}/{ms['queries']}")
    lines.append("")
    for side in (lookup, material):
        lines.append(f"{side.name} files: " + ", ".join(f"{k} ({v:,} B)" for k, v in side.files.items()))
        if meta.get("isolated"):
            lines.append(f"{side.name} session also fetched: "
                         + (", ".join(side.other_files) or "none of the other side's files"))
        if side.error:
            lines.append(f"{side.name} ERROR: {side.error}")
    verdict = [
        ("lookup latency ≤ 50 ms (max)",
         ls["max_latency_ms"] is not None and ls["max_latency_ms"] <= TARGET_LATENCY_MS),
        ("lookup ready ≤ 300 ms after load", lookup.ready_ms is not None and lookup.ready_ms <= TARGET_READY_MS),
        ("lookup bytes ≤ 15% of Material's (gzip)", bool(material.gzip_bytes)
         and lookup.gzip_bytes <= TARGET_BYTES_RATIO * material.gzip_bytes),
    ]
    lines += ["", "targets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in verdict)]
    if meta.get("isolated"):
        lines.append("(isolated: each side ran with the other side's files blocked)")
    if meta.get("lookup_only"):
        lines.append("(lookup only: Material's queries were not run; its bytes are what it fetched meanwhile)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate or reuse, build, serve, measure, report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, help="synthetic project folder to create or reuse")
    parser.add_argument("--codes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-sync", action="store_true",
                        help="reuse the project's copy of mkdocs.yml, hooks.py, macros/ and docs/ as is")
    parser.add_argument("--no-build", action="store_true", help="reuse project/site when it exists")
    parser.add_argument("--isolate", action="store_true",
                        help="block Material's search files while measuring the lookup, and the reverse")
    parser.add_argument("--lookup-only", action="store_true",
                        help="skip Material's queries; count its bytes from what it fetched during the lookup's run")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    if args.lookup_only and args.isolate:
        parser.error("--lookup-only counts Material's bytes from the lookup's session, which --isolate blocks")

    project = prepare_project(args.project, args.codes, args.seed, sync=not args.no_sync)
    site = project / "site"
    build_s: float | None = None
    if args.no_build and (site / "index.html").is_file():
        print(f"reusing {site}", flush=True)
        if not args.no_sync:
            refresh_scripts(project)
    else:
        print(f"building {project} (strict)...", flush=True)
        build_s = build(project)
        print(f"built in {build_s:.0f} s", flush=True)
    catalogs = load_catalogs(project / "data")
    synth = next(c for c in catalogs if c.id == synthetic.CATALOG_ID)
    queries = choose_queries(catalogs, args.seed)
    lookup, material = measure(site, queries, args.isolate, args.lookup_only)
    meta = {
        "project": str(project), "codes": len(synth.codes), "synthetic_entries": sum(1 for _ in synth.entries),
        "entries": sum(1 for c in catalogs for _ in c.entries),
        "build_s": "—" if build_s is None else f"{build_s:.0f}", "isolated": args.isolate,
        "lookup_only": args.lookup_only,
        "typing_delay_ms": TYPING_DELAY_MS,
    }
    print(report(lookup, material, queries, meta))
    if args.json:
        figures = {
            "meta": meta,
            "targets": {"latency_ms": TARGET_LATENCY_MS, "ready_ms": TARGET_READY_MS,
                        "bytes_ratio": TARGET_BYTES_RATIO},
            "queries": [asdict(q) for q in queries],
            "lookup": {**asdict(lookup), "summary": summary(lookup)},
            "material": {**asdict(material), "summary": summary(material)},
            "ratios": {
                "raw_bytes": lookup.raw_bytes / material.raw_bytes if material.raw_bytes else None,
                "gzip_bytes": lookup.gzip_bytes / material.gzip_bytes if material.gzip_bytes else None,
            },
        }
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if not (lookup.error or material.error) else 1


if __name__ == "__main__":
    raise SystemExit(main())
