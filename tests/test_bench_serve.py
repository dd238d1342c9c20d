"""The serve benchmark: `make serve` runs what it measures, and an edit reaches the served page in both modes."""

from __future__ import annotations

import json
import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import bench_serve


def test_make_serve_runs_mkdocs_serve_with_the_benchmarked_options():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no serve target"
    command = next(line for line in recipe.group(1).splitlines() if "mkdocs serve" in line)
    assert command.split("mkdocs serve", 1)[1].split()[:len(bench_serve.SERVE_OPTIONS)] == list(
        bench_serve.SERVE_OPTIONS)


def test_an_edit_is_served_in_both_modes(tmp_path):
    figures = tmp_path / "figures.json"

    bench_serve.main(["--size", "100", "--edits", "1", "--reuse", str(tmp_path), "--json", str(figures), "--alone"])

    result = json.loads(figures.read_text(encoding="utf-8"))
    assert [m["name"] for m in result["modes"]] == ["ours", "baseline"]
    for mode in result["modes"]:
        assert len(mode["changes_s"]) == 1 and mode["changes_s"][0] > 0 and mode["first_build_s"] > 0
    log = (tmp_path / "serve-ours.log").read_text(encoding="utf-8")
    written = re.findall(r"Dirty build: every hand-written page and (\d+) of (\d+) catalog pages written again", log)
    first, *edits = written
    assert first[0] == first[1] and edits and all(0 < int(some) <= 4 < 100 < int(every) for some, every in edits), log
