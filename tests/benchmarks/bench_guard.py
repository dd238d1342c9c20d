"""Benchmark the guard of published URLs on a synthetic catalog: how long a build spends checking the ledger.

Run: .venv/bin/python tests/benchmarks/bench_guard.py [--size 50000] [--reuse DIR] [--repeat 3]

It writes the synthetic catalog alone (synthetic.write_project), records its ledger with
`python -m macros ledger`, then times what the build does before writing anything
(macros/site/ledger.py: guard): plan the redirects, read the ledger, find the rows that moved,
list what the catalogs publish, and check that no URL of the ledger breaks.
Target (issue 21): under 2 s at 50,000 codes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402
from bench_build import _scratch_dir  # noqa: E402

TARGET_S = 2.0


def guard_seconds(project: Path) -> tuple[float, int]:
    """The seconds the guard takes on the project (its own build code), and the number of URLs in its ledger."""
    sys.path.insert(0, str(project))
    from macros.catalog.loader import load_catalogs
    from macros.site import ledger

    catalogs = load_catalogs(project / "data")
    start = time.perf_counter()
    found = ledger.guard(catalogs, project / "data", project / "docs")
    seconds = time.perf_counter() - start
    assert found.known is not None and not found.refused and not found.problems, found.problems[:5]
    return seconds, len(found.known.owners)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the project (once), record its ledger, time the guard."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=50_000, help="synthetic code count")
    parser.add_argument("--reuse", type=Path, help="folder holding the project to create or reuse")
    parser.add_argument("--repeat", type=int, default=3, help="timings; the fastest is kept")
    args = parser.parse_args(argv)
    work = args.reuse or Path(tempfile.mkdtemp(prefix="bench-guard-", dir=_scratch_dir()))
    project = work / f"guard-{args.size}"
    if synthetic.written_codes(project) != args.size:
        synthetic.write_project(project, args.size, examples=False)
    if not (project / "data" / "published-urls.jsonl").is_file():
        subprocess.run([sys.executable, "-m", "macros", "ledger"], cwd=project, check=True, capture_output=True)
    timings = [guard_seconds(project) for _ in range(args.repeat)]
    best, urls_count = min(t for t, _ in timings), timings[0][1]
    met = best < TARGET_S
    print(f"{args.size} codes, {urls_count} URLs in the ledger: the guard took {best:.2f} s "
          f"(target under {TARGET_S:.0f} s: {'met' if met else 'NOT met'})")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
