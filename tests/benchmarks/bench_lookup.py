"""Benchmark the site's error lookup on a 10,000-code synthetic site.

Run: .venv/bin/python tests/benchmarks/bench_lookup.py [--codes N] [--project DIR] [--json FILE]

With --no-build the site is reused, and the lookup's scripts in it are refreshed from docs/javascripts
(unless --no-sync), so script changes are measured without a rebuild.

The site has no Material search: the header's one search field loads its engine and indexes when a reader
moves to it, and nothing of the search loads before. So the benchmark opens a page with that field, focuses
the field right after the load event, and measures from there:
- bytes downloaded: the lookup's scripts and indexes the browser fetched, raw and gzip -6;
- ready: the lookup's "error-lookup:ready" mark (the engine and index are in and the lookup answers), in ms
  after the focus; and its "error-lookup:prepared" mark (its search structures built in idle time);
- query latency, median and max, for one query of each of 12 kinds, and whether the first result is a page
  that counts as right for it.
Latency is measured inside the page (performance.now), from the last keystroke (keydown or beforeinput
timeStamp) until the first DOM mutation after which #error-lookup-listbox has data-query equal to the query
(the "frame" figure adds the wait for the next animation frame).
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
from collections.abc import Iterator
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
TIMEOUT_MS = 180_000
TARGET_LATENCY_MS = 50.0
TARGET_READY_MS = 300.0
TARGET_GZIP_BYTES = 1_000_000
LOOKUP_SCRIPTS = ("lookup-paste.js", "lookup-evidence.js", "lookup-core.js", "lookup-pages.js", "lookup.js")
LOOKUP_FILE = re.compile(r"(^|/)((?:lookup|page)-index[^/]*\.json|lookup-(?:core|paste|evidence|pages)\.js"
                         r"|lookup\.js)$")

# Recorder installed before any page script runs: the time of the last keystroke.
INIT_SCRIPT = """
(() => {
  const b = window.__bench = {last: 0, q: null};
  const rec = (e) => { b.last = Math.max(b.last, e.timeStamp); };
  document.addEventListener("keydown", rec, true);
  document.addEventListener("beforeinput", rec, true);
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
    """What the lookup showed for one query."""

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
    """Every figure measured for the lookup."""

    files: dict[str, int] = field(default_factory=dict)
    raw_bytes: int = 0
    gzip_bytes: int = 0
    ready_ms: float | None = None
    prepared_ms: float | None = None
    queries: list[QueryResult] = field(default_factory=list)
    error: str | None = None


# --- project, build and server ----------------------------------------------------------------


def prepare_project(project: Path | None, codes: int, seed: int, sync: bool) -> Path:
    """Generate the synthetic project, or reuse one and refresh its site sources from the repo."""
    if project is None:
        project = Path(tempfile.mkdtemp(prefix=f"synth{codes}-"))
    if not (project / "data" / synthetic.CATALOG_ID / "catalog.yml").is_file():
        print(f"generating {codes} synthetic codes into {project}", flush=True)
        synthetic.write_project(project, codes, seed)
    elif sync:
        synthetic.write_sources(project, synthetic.written_codes(project) or codes)
    return project


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


def _load(context: BrowserContext, base: str, path: str) -> Page:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base + path, wait_until="load")
    return page


def _enter(page: Page, query: Query) -> None:
    if query.paste:
        page.keyboard.insert_text(query.text)
        page.evaluate("document.activeElement.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
    else:
        page.keyboard.type(query.text, delay=TYPING_DELAY_MS)


def run_lookup(browser: Browser, base: str, queries: list[Query], side: Side) -> None:
    """Ready time and per-query latency of the header lookup."""
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    try:
        page = _load(context, base, HEADER_FIELD_PAGE)
        focus = page.evaluate("() => { document.getElementById('error-lookup-input').focus(); "
                              "return performance.now(); }")
        page.wait_for_function("performance.getEntriesByName('error-lookup:ready').length > 0", polling="raf")
        mark = page.evaluate("performance.getEntriesByName('error-lookup:ready')[0].startTime")
        side.ready_ms = mark - focus
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
        side.prepared_ms = prepared[0] - focus if prepared else None
    finally:
        context.close()


def measure(site: Path, queries: list[Query]) -> Side:
    """The lookup in a fresh browser context against a local server; its bytes are the lookup files served."""
    side = Side()
    with serve(site) as (base, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            print("measuring the lookup...", flush=True)
            try:
                run_lookup(browser, base, queries, side)
            except Exception as exc:
                side.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                print(f"  lookup failed: {side.error}", flush=True)
            side.files, side.raw_bytes, side.gzip_bytes = count_bytes(site, list(served), LOOKUP_FILE)
        finally:
            browser.close()
    return side


# --- report -----------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


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


def verdicts(side: Side) -> list[tuple[str, bool]]:
    """Each target with whether the lookup met it."""
    most = summary(side)["max_latency_ms"]
    return [
        (f"latency ≤ {TARGET_LATENCY_MS:.0f} ms (max)", most is not None and most <= TARGET_LATENCY_MS),
        (f"ready ≤ {TARGET_READY_MS:.0f} ms after focus",
         side.ready_ms is not None and side.ready_ms <= TARGET_READY_MS),
        (f"bytes downloaded ≤ {TARGET_GZIP_BYTES:,} (gzip -6)", 0 < side.gzip_bytes <= TARGET_GZIP_BYTES),
    ]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def report(side: Side, queries: list[Query], meta: dict[str, Any]) -> str:
    """The plain-text table of every figure."""
    lines = [f"site: {meta['project']}  ({meta['codes']} synthetic codes in {meta['synthetic_entries']} entries, "
             f"{meta['entries']} entries in all; build {meta['build_s']} s)", ""]
    head = f"{'kind':32} {'query':34} | {'lookup ms':>9} {'ok':>3} {'first result':30}"
    lines += [head, "-" * len(head)]
    by_kind = {q.kind: q for q in side.queries}
    for query in queries:
        got = by_kind.get(query.kind)
        if got is None:
            cells = f"{'—':>9} {'':>3} {'':30}"
        else:
            cells = f"{_ms(got.latency_ms):>9} {'yes' if got.hit else 'NO':>3} {_short(got.first or '(none)', 30):30}"
        lines.append(f"{_short(query.kind, 32):32} {_short(query.text, 34):34} | {cells}")
    s = summary(side)
    lines += ["", f"{'':34} {'lookup':>14} {'target':>14}"]

    def row(label: str, value: str, target: str = "") -> None:
        lines.append(f"{label:34} {value:>14} {target:>14}")

    row("bytes downloaded (raw)", f"{side.raw_bytes:,}")
    row("bytes downloaded (gzip -6)", f"{side.gzip_bytes:,}", f"≤ {TARGET_GZIP_BYTES:,}")
    row("ready (ms after focus)", _ms(side.ready_ms), f"≤ {TARGET_READY_MS:.0f}")
    row("search structures built (ms)", _ms(side.prepared_ms))
    row("median query latency (ms)", _ms(s["median_latency_ms"]))
    row("max query latency (ms)", _ms(s["max_latency_ms"]), f"≤ {TARGET_LATENCY_MS:.0f}")
    row("right first result", f"{s['first_result_right']}/{s['queries']}")
    lines += ["", "lookup files: " + ", ".join(f"{k} ({v:,} B)" for k, v in side.files.items())]
    if side.error:
        lines.append(f"lookup ERROR: {side.error}")
    lines += ["", "targets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in verdicts(side))]
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
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)

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
    lookup = measure(site, queries)
    meta = {
        "project": str(project), "codes": len(synth.codes), "synthetic_entries": sum(1 for _ in synth.entries),
        "entries": sum(1 for c in catalogs for _ in c.entries),
        "build_s": "—" if build_s is None else f"{build_s:.0f}",
        "typing_delay_ms": TYPING_DELAY_MS,
    }
    print(report(lookup, queries, meta))
    if args.json:
        figures = {
            "meta": meta,
            "targets": {"latency_ms": TARGET_LATENCY_MS, "ready_ms": TARGET_READY_MS,
                        "gzip_bytes": TARGET_GZIP_BYTES},
            "queries": [asdict(q) for q in queries],
            "lookup": {**asdict(lookup), "summary": summary(lookup),
                       "targets_met": {name: ok for name, ok in verdicts(lookup)}},
        }
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if not lookup.error else 1


if __name__ == "__main__":
    raise SystemExit(main())
