"""Benchmark the lookup on pastes at scale, side by side with another version of it (by default: before pastes).

Run: .venv/bin/python tests/benchmarks/bench_paste.py [--codes 50000] [--baseline REF] [--rounds 15]

Both sides get the same synthetic catalog of --codes codes next to the example catalogs, each with its own
version's data/, macros/ and lookup scripts (the baseline taken from git at REF). Each side's index is
built by its own macros, then node loads it with that side's lookup-core.js and times: loading the index
(JSON.parse and createIndex, median of 5), building what it searches with, and the median and worst of --rounds runs of
each query: 5-line pastes (a driver's error with a stack trace, a log excerpt, a curl transcript), a 1 MB
log with one error line in it, and plain queries. Sizes are the index's bytes, raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402

DEFAULT_BASELINE = "9573208"
"""The last commit before the lookup read pastes."""
INDEX_SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from macros.catalog.loader import load_catalogs
from macros.exports.lookup import lookup_index
Path(sys.argv[3]).write_text(json.dumps(lookup_index(load_catalogs(Path(sys.argv[2]))), ensure_ascii=True,
                                        separators=(",", ":")))
"""


def side_tree(ref: str | None, into: Path) -> Path:
    """A folder with macros/, data/ and docs/javascripts/ of the working tree (ref None) or of a git ref."""
    into.mkdir(parents=True)
    if ref is None:
        for name in ("macros", "data", "docs"):
            shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        return into
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "macros", "data", "docs/javascripts"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def pastes(codes: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The queries: pastes built around real entries of the synthetic catalog, and a few plain ones."""
    one, two, three = codes[len(codes) // 3], codes[len(codes) // 2], codes[2 * len(codes) // 3]
    stack = "\n".join(f"    at handler{i} (/app/src/worker.js:{40 + i}:17)" for i in range(3))
    log_line = (f'2026-12-07T10:15:32.120Z level=error msg="{one["description"]}" code={one["code"]} '
                f'status={one["status"]} request_id=req_7f3a9c')
    filler = "\n".join(f"2026-12-07T10:{i // 60 % 60:02d}:{i % 60:02d}.000Z level=info msg=\"request served\" "
                       f"path=/v1/items/{i} status=200 duration_ms={i % 97}" for i in range(9000))
    big = filler[: 1024 * 1024 // 2] + "\n" + log_line + "\n" + filler
    return [
        {"name": "5-line stack trace", "text": f"Error: {two['description']}\n{stack}\n  code: '{two['code']}'"},
        {"name": "5-line log excerpt", "text": "\n".join([filler.split("\n")[1], log_line, *filler.split("\n")[2:5]])},
        {"name": "5-line curl transcript", "text": (
            f"HTTP/1.1 {three['status']} Error\ncontent-type: application/json\nx-request-id: req_1\n\n"
            f'{{"error": {{"code": {three["code"]}, "message": "{three["description"]}"}}}}')},
        {"name": "1 MB log", "text": big[: 1024 * 1024]},
        {"name": "plain code", "text": str(one["code"])},
        {"name": "words", "text": "rate limit"},
    ]


def measure(tree: Path, synthetic_data: Path, queries: Path, rounds: int, work: Path) -> dict[str, Any]:
    """One side: build its index with its macros, then time its lookup under node."""
    data = tree / "data"
    shutil.copytree(synthetic_data, data / synthetic.CATALOG_ID)
    index = work / f"{tree.name}-index.json"
    subprocess.run([sys.executable, "-c", INDEX_SCRIPT, str(tree), str(data), str(index)], check=True)
    raw = index.read_bytes()
    out = subprocess.run(["node", str(HERE / "paste_timing.js"), str(tree / "docs" / "javascripts" / "lookup-core.js"),
                          str(index), str(queries), str(rounds)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    result.update(bytes=len(raw), gzip=len(gzip.compress(raw, 9)))
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: run both sides and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--codes", type=int, default=50_000)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = synthetic.write_project(work / "project", args.codes)
        synthetic_data = project / "data" / synthetic.CATALOG_ID
        from macros.catalog.loader import load_catalogs
        catalog = next(c for c in load_catalogs(project / "data") if c.id == synthetic.CATALOG_ID)
        codes = [{"code": e.code, "description": e.description, "status": e.status or 500}
                 for e in catalog.entries if e.code.isdigit()]
        queries = work / "queries.json"
        queries.write_text(json.dumps(pastes(codes)), encoding="utf-8")
        sides = {
            "today": measure(side_tree(None, work / "today"), synthetic_data, queries, args.rounds, work),
            "baseline": measure(side_tree(args.baseline, work / "baseline"), synthetic_data, queries, args.rounds,
                                work),
        }
    report = {"codes": args.codes, "baseline": args.baseline, **sides}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    now, base = sides["today"], sides["baseline"]
    print(f"{args.codes:,} codes; baseline {args.baseline}")
    print(f"{'':28} {'today':>14} {'baseline':>14}")
    print(f"{'index bytes':28} {now['bytes']:>14,} {base['bytes']:>14,}")
    print(f"{'index bytes, gzip':28} {now['gzip']:>14,} {base['gzip']:>14,}  ({now['gzip'] / base['gzip'] - 1:+.1%})")
    print(f"{'load (parse + createIndex)':28} {now['ready']:>12.0f}ms {base['ready']:>12.0f}ms")
    print(f"{'build search structures':28} {now['prepared']:>12.0f}ms {base['prepared']:>12.0f}ms")
    for mine, theirs in zip(now["results"], base["results"], strict=True):
        print(f"{mine['name']:28} {mine['median']:>9.1f}ms md {theirs['median']:>9.1f}ms md"
              f"   worst {mine['worst']:.1f} / {theirs['worst']:.1f} ms; first: {mine['first']} / {theirs['first']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
