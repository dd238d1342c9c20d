"""The guard benchmark: it records a ledger for a synthetic catalog and times the guard on it."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import bench_guard


def test_the_guard_is_timed_on_a_recorded_ledger(tmp_path, capsys):
    assert bench_guard.main(["--size", "100", "--reuse", str(tmp_path), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("100 codes, ") and "URLs in the ledger: the guard took" in out and "met" in out
    ledger = (tmp_path / "guard-100" / "data" / "published-urls.jsonl").read_text(encoding="utf-8")
    assert '"/synthetic/' in ledger
