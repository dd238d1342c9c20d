"""Command line: `new <id>` starts a catalog, `lint`, `ledger` records published URLs, `diff <ref>` lists changes."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .. import lint
from ..catalog.loader import load_catalogs
from ..catalog.model import Catalog
from ..catalog.problems import CatalogError
from ..site import ledger
from . import catalog_diff, scaffold


def _new(args: argparse.Namespace) -> int:
    try:
        written = scaffold.new_catalog(args.data, args.id, args.title)
    except scaffold.ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    problems = scaffold.check(args.data, args.id)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"\nThe catalog builds as it is: run `make serve` and open /{args.id}/. Then replace the example codes "
          f"with yours (data/README.md explains every key); pages under docs/{args.id}/ extend or replace the "
          "generated overview, error format and retry pages.")
    return 0


def _ledger(args: argparse.Namespace) -> int:
    try:
        catalogs = load_catalogs(args.data)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    known, problems = ledger.read(args.data)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    now = ledger.published(catalogs, ledger.hand_written(args.data.parent / "docs"))
    fresh = ledger.new(known, now) if known is not None else sorted(now)
    if args.check:
        for address in fresh:
            print(address)
        return 1 if fresh else 0
    added = ledger.write(args.data, known, now)
    print(f"{args.data / ledger.LEDGER_FILE}: {added} new URL{'s' if added != 1 else ''} recorded, "
          f"{len(now)} published today. Commit the file with the catalog change.")
    return 0


def _catalogs_at(ref: str, data: Path, into: Path) -> tuple[Catalog, ...]:
    """The catalogs of data/ as they were at a git ref (none if data/ did not exist there)."""
    folder = data.resolve()
    top = subprocess.run(["git", "-C", str(folder.parent), "rev-parse", "--show-toplevel"], capture_output=True,
                         text=True, check=True).stdout.strip()
    inside = folder.relative_to(Path(top).resolve()).as_posix()
    found = subprocess.run(["git", "-C", top, "archive", "--format=tar", ref, "--", inside], capture_output=True,
                           check=False)
    if found.returncode != 0:
        message = found.stderr.decode(errors="replace").strip()
        if "did not match any files" in message:
            return ()
        raise ValueError(message)
    with tarfile.open(fileobj=io.BytesIO(found.stdout)) as archive:
        archive.extractall(into, filter="data")
    try:
        return load_catalogs(into / inside)
    except CatalogError as exc:
        if all(p.message == "no catalog folders found" for p in exc.problems):
            return ()
        raise


def _diff(args: argparse.Namespace) -> int:
    try:
        after = load_catalogs(args.data)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory() as tmp:
            before = _catalogs_at(args.ref, args.data, Path(tmp))
    except CatalogError as exc:
        print(f"error: the catalogs at {args.ref!r} do not load with today's catalog format (did the format "
              f"change since?), so they cannot be compared:\n{exc}", file=sys.stderr)
        return 2
    except (ValueError, subprocess.CalledProcessError) as exc:
        print(f"error: cannot read {args.data} at {args.ref!r} from git: {exc}", file=sys.stderr)
        return 2
    found = catalog_diff.changes(before, after)
    render = {"text": catalog_diff.as_text, "json": catalog_diff.as_json, "markdown": catalog_diff.as_markdown}
    sys.stdout.write(render[args.format](found, args.ref))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="write a commented starting catalog under data/<id>/")
    new.add_argument("id", help="the catalog id: lowercase letters, digits and '-'; the first part of its URLs")
    new.add_argument("--title", help="the catalog's title (default: from the id)")
    new.add_argument("--data", type=Path, default=Path("data"), help="the catalogs folder (default: data)")
    commands.add_parser("lint", help="lint the catalogs (python -m macros lint --help)", add_help=False)
    record = commands.add_parser("ledger", help=f"record every URL the catalogs publish in data/{ledger.LEDGER_FILE}"
                                                " (URLs are added, never removed)")
    record.add_argument("--check", action="store_true", help="only list the URLs the ledger does not know yet "
                                                              "(exit status 1 if there are any)")
    record.add_argument("--data", type=Path, default=Path("data"), help="the catalogs folder (default: data)")
    diff = commands.add_parser("diff", help="what changed in the catalogs between a git ref and the working tree")
    diff.add_argument("ref", help="a git ref or commit: origin/main, v1.2, HEAD~3")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                      help="text (default), json, or markdown (a table, for a CI job summary)")
    diff.add_argument("--data", type=Path, default=Path("data"), help="the catalogs folder (default: data)")
    args, rest = parser.parse_known_args(argv)
    if args.command == "lint":
        return lint.main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return {"ledger": _ledger, "diff": _diff}.get(args.command, _new)(args)
