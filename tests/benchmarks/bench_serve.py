"""Benchmark `make serve` on a synthetic catalog: how long after an entry is saved its page shows the change.

Run: .venv/bin/python tests/benchmarks/bench_serve.py [--size 10000] [--edits 3] [--baseline-edits N]
     [--reuse DIR] [--json FILE] [--alone]

In the same run, one after the other, on the same synthetic project (synthetic.write_project):
- ours: `mkdocs serve` with the Makefile's options (SERVE_OPTIONS: a dirty rebuild, which writes again
  only the pages that changed, macros/mkdocs_adapter/dirty_rebuild.py);
- baseline: `mkdocs serve` without them, which rebuilds the whole site on every change.
Each starts the server in a subprocess, waits for the first build, then `--edits` times gives one
entry a new description (synthetic.edit_entry, saved as editors save) and polls the entry's page
over HTTP until it shows the new text: the seconds from the save to that are the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402
from bench_build import _scratch_dir  # noqa: E402

SERVE_OPTIONS = ("--dirty",)
"""What `make serve` adds to `mkdocs serve` (tests/test_bench_serve.py holds the Makefile to it)."""
DEFAULT_SIZE = 10_000
TARGET_S = 5.0
START_TIMEOUT_S = 900
CHANGE_TIMEOUT_S = 300
POLL_S = 0.05


@dataclass
class Mode:
    """One way of serving: its options and what was measured."""

    name: str
    options: tuple[str, ...]
    first_build_s: float = 0.0
    changes_s: list[float] = field(default_factory=list)

    @property
    def worst_s(self) -> float:
        """The slowest save-to-page time."""
        return max(self.changes_s)

    @property
    def median_s(self) -> float:
        """The median save-to-page time."""
        return statistics.median(self.changes_s)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait(what: str, test: callable, timeout: float) -> None:  # type: ignore[valid-type]
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL_S)


def page_path(base: str, code: int | str) -> str:
    """The served path of a synthetic code's page, from the site's catalog.json."""
    text = _get(base + "catalog.json")
    if text is None:
        raise SystemExit("the served site has no catalog.json")
    for item in json.loads(text)["entries"]:
        if item["catalog"] == synthetic.CATALOG_ID and item["kind"] == "code" and str(item["code"]) == str(code):
            return str(item["path"])
    raise SystemExit(f"code {code!r} is not in the served catalog.json")


def serve(project: Path, mode: Mode, edits: int, log: Path) -> None:
    """Serve the project in this mode, make the edits one by one, and time each until its page shows it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    command = [sys.executable, "-m", "mkdocs", "serve", *mode.options, "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            start = time.perf_counter()
            _wait("the first build", lambda: server.poll() is not None or _get(base + "catalog.json") is not None,
                  START_TIMEOUT_S)
            if server.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')[-3000:]}")
            mode.first_build_s = time.perf_counter() - start
            code = synthetic.edit_entry(project, "Served before any edit.")
            path = page_path(base, code)
            _wait("the served page", lambda: "Served before any edit." in (_get(base + path.lstrip("/")) or ""),
                  CHANGE_TIMEOUT_S)
            for round_ in range(edits):
                marker = f"Edited for the serve benchmark, {mode.name} round {round_ + 1}."
                saved = time.perf_counter()
                synthetic.edit_entry(project, marker)
                _wait(f"the edit of {mode.name} round {round_ + 1}",
                      lambda m=marker: m in (_get(base + path.lstrip("/")) or ""), CHANGE_TIMEOUT_S)
                mode.changes_s.append(time.perf_counter() - saved)
                print(f"  {mode.name}: round {round_ + 1} served {mode.changes_s[-1]:.2f} s after the save",
                      flush=True)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmark and print (and optionally write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="synthetic code count")
    parser.add_argument("--edits", type=int, default=3, help="edits timed per mode")
    parser.add_argument("--baseline-edits", type=int, help="edits timed for the baseline (default: --edits); at "
                                                           "10,000 codes each takes about a minute")
    parser.add_argument("--reuse", type=Path, help="folder holding the project to create or reuse")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--alone", action="store_true",
                        help="serve the synthetic catalog alone, without the catalogs and pages of data/ and docs/")
    args = parser.parse_args(argv)

    work = args.reuse or Path(tempfile.mkdtemp(prefix="bench-serve-", dir=_scratch_dir()))
    project = work / f"serve-{args.size}"
    if synthetic.written_codes(project) != args.size:
        synthetic.write_project(project, args.size, examples=not args.alone)
    modes = [Mode("ours", SERVE_OPTIONS), Mode("baseline", ())]
    for mode in modes:
        print(f"serving {args.size} codes, {mode.name} ({' '.join(mode.options) or 'full rebuilds'})", flush=True)
        edits = args.baseline_edits if mode.name == "baseline" and args.baseline_edits else args.edits
        serve(project, mode, edits, work / f"serve-{mode.name}.log")
    ours, baseline = modes
    ratio = ours.worst_s / baseline.worst_s
    print(f"\n{args.size} codes: first build {ours.first_build_s:.1f} s (baseline {baseline.first_build_s:.1f} s); "
          f"an edit served after {ours.median_s:.2f} s median, {ours.worst_s:.2f} s worst "
          f"(baseline {baseline.median_s:.2f} / {baseline.worst_s:.2f} s; ratio of worst {ratio:.2f}x)")
    met = ours.worst_s <= TARGET_S
    print(f"target: an edit served within {TARGET_S:.0f} s: {'met' if met else 'NOT met'}")
    if args.json:
        figures = {"size": args.size, "edits": args.edits, "ratio_worst": ratio, "target_s": TARGET_S,
                   "modes": [{**asdict(m), "median_s": m.median_s, "worst_s": m.worst_s}
                                             for m in modes]}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
