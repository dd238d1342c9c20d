"""A valid catalog that reuses what the catalogs of data/ hold, to show that adding a catalog breaks no test.

Run: .venv/bin/python tests/clashing_catalog.py [--keep DIR]

It copies the project (what git tracks) into a scratch folder, writes `data/clash/` there (every numeric code the
catalogs of data/ use, the middle number of each numeric range they declare, ranges of its own over the same spans,
retry guidance for HTTP 429, one of their messages, and a message two of its own codes share, acknowledged as the
lint asks), records its URLs in the ledger as a team publishing it would, and runs the whole test suite in that
copy. A test that fails there assumes which catalogs exist: it should scope its
question to its catalog, or say what it assumes and skip when another catalog breaks that.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE / "benchmarks"))

import synthetic  # noqa: E402

from macros.catalog.codesets import Span  # noqa: E402
from macros.catalog.loader import load_catalogs  # noqa: E402
from macros.catalog.model import Catalog  # noqa: E402

CATALOG_ID = "clash"
SHARED_MESSAGE = "The request could not be completed"


def spans(catalogs: tuple[Catalog, ...]) -> list[tuple[int, int]]:
    """The numeric ranges the catalogs declare, as (start, end)."""
    found = {(r.span.start, r.span.end) for c in catalogs for r in c.ranges if isinstance(r.span, Span)}
    return sorted(found)


def numbers(catalogs: tuple[Catalog, ...]) -> list[int]:
    """Every numeric code of the catalogs, and the middle number of each numeric range they declare."""
    used = {int(ref.code) for c in catalogs for ref in c.codes if ref.code.isdigit()}
    return sorted(used | {start + (end - start + 1) // 2 for start, end in spans(catalogs)})


def borrowed_message(catalogs: tuple[Catalog, ...]) -> str | None:
    """One message text of the catalogs, as published."""
    return next((m.text for c in catalogs for m in c.messages), None)


def write(data: Path) -> Path:
    """Write data/clash/ beside the catalogs of data/ (acknowledging what the lint fails on purpose); its folder."""
    catalogs = load_catalogs(data)
    codes = numbers(catalogs)
    folder = data / CATALOG_ID
    folder.mkdir()
    catalog = {
        "title": "Clash", "summary": "A test catalog that reuses the codes and a message of the other catalogs.",
        "order": 999,
        "systems": [{"id": "api", "title": "Error codes", "kind": "numeric", "primary": True}],
        "envelope": {"description": "A JSON error.", "example": {"error": {"code": "$code", "message": "$message"}},
                     "fields": [{"name": "error.code", "type": "integer", "description": "The code."},
                                {"name": "error.message", "type": "string", "description": "The message."}]},
        "statuses": {400: {"title": "Bad Request", "retry": {"retryable": "no", "how": ["fix-request"]}},
                     429: {"title": "Too Many Requests", "retry": {"retryable": "yes", "how": ["retry-after"]}}},
        "retry": {"retryable": "no", "how": ["fix-request"]},
        "ranges": [{"start": start, "end": end, "name": f"Clash {start}-{end}", "group": "errors"}
                   for start, end in spans(catalogs)],
    }
    entries = [{"code": code, "name": f"Clash{code}", "status": 429 if i % 10 == 0 else 400,
                "description": f"Test error {code}.", "causes": ["A test."], "fixes": ["Nothing to fix."]}
               for i, code in enumerate(codes)]
    messages = [{"code": codes[0], "message": SHARED_MESSAGE, "cause": "A test.", "fixes": ["Nothing to fix."]},
                {"code": codes[1], "message": SHARED_MESSAGE, "cause": "A test.", "fixes": ["Nothing to fix."]}]
    message = borrowed_message(catalogs)
    if message is not None:
        messages.append({"code": codes[2], "message": message, "cause": "A test.", "fixes": ["Nothing to fix."]})
    group = {"group": {"id": "errors", "title": "Errors", "description": "Every test error."},
             "entries": entries, "messages": messages}
    (folder / "catalog.yml").write_text(yaml.dump(catalog, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (folder / "errors.yml").write_text(yaml.dump(group, sort_keys=False, allow_unicode=True), encoding="utf-8")
    synthetic.acknowledge_failing(data, CATALOG_ID, "Shared on purpose by the clashing catalog.")
    return folder


def copy_project(into: Path) -> Path:
    """The files git tracks (and any new ones it does not ignore), copied into `into`, with the same .venv."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    (into / ".venv").symlink_to(ROOT / ".venv")
    for modules in ROOT.glob("tests/*/node_modules"):
        (into / modules.relative_to(ROOT)).symlink_to(modules)
    return into


def main(argv: list[str] | None = None) -> int:
    """Command line: copy the project, add the catalog, run the tests there."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="make the copy here and keep it")
    parser.add_argument("pytest_args", nargs="*", help="arguments for pytest (default: the whole suite)")
    args = parser.parse_args(argv)
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="clash-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        project = copy_project(scratch)
        folder = write(project / "data")
        print(f"wrote {folder} with {len(load_catalogs(project / 'data')[-1].codes)} codes", flush=True)
        python = str(ROOT / ".venv" / "bin" / "python")
        subprocess.run([python, "-m", "macros", "ledger"], cwd=project, check=True, capture_output=True)
        command = [python, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider",
                   *args.pytest_args]
        return subprocess.run(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              check=False).returncode
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
