"""`python -m macros.lint [data] [--format json] [--all]`: the findings as file:line lines, or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from ..catalog.loader import load_catalogs
from ..catalog.problems import CatalogError
from .checking import lint
from .findings import ERROR, WARNING, Finding, subject


def _record(finding: Finding, catalog: str | None) -> dict[str, object]:
    record: dict[str, object] = {"catalog": catalog, **asdict(finding)}
    record["refs"] = [subject(r) for r in finding.refs]
    record["groups"] = list(finding.groups)
    return record


def run(data_dir: Path, output_format: str = "text", show_acknowledged: bool = False,
        out: Callable[[str], object] = print) -> int:
    """Lint every catalog under data_dir and print the findings; the exit status (1 when anything fails)."""
    records: list[tuple[Finding, str | None]] = []
    try:
        health = lint(load_catalogs(data_dir))
    except CatalogError as exc:
        health = {}
        records = [(Finding("schema", ERROR, p.field or "file", p.file, p.line,
                            f"{p.field}: {p.message}" if p.field else p.message), None) for p in exc.problems]
    for catalog, result in health.items():
        records.extend((f, catalog) for f in result.findings if show_acknowledged or not f.acknowledged)
    errors = sum(1 for f, _ in records if f.fails)
    warnings = sum(1 for f, _ in records if f.severity == WARNING and not f.acknowledged)
    acknowledged = sum(1 for h in health.values() for f in h.findings if f.acknowledged)
    if output_format == "json":
        out(json.dumps({"errors": errors, "warnings": warnings, "acknowledged": acknowledged,
                        "findings": [_record(f, c) for f, c in records]}, indent=1, ensure_ascii=False))
    else:
        for finding, _ in records:
            out(str(finding))
        out(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}, "
            f"{acknowledged} acknowledged.")
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m macros.lint", description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=Path("data"), help="the catalogs folder (data/)")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--all", action="store_true", dest="show_acknowledged",
                        help="also print acknowledged findings")
    args = parser.parse_args(argv)
    return run(args.data, args.output_format, args.show_acknowledged)


if __name__ == "__main__":
    sys.exit(main())
