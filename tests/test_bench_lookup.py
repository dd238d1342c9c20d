"""The lookup benchmark's query set: one query per kind, each with the pages that count as right."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import bench_lookup
import synthetic

from macros.catalog.loader import load_catalogs
from macros.site import outputs, urls


def test_every_query_kind_is_chosen_with_pages_that_exist(tmp_path):
    project = synthetic.write_project(tmp_path / "project", 600)
    catalogs = load_catalogs(project / "data")
    queries = bench_lookup.choose_queries(catalogs, 1)
    assert len(queries) == 12 and len({q.kind for q in queries}) == 12
    known = {urls.url(src) for c in catalogs for src in (outputs.OVERVIEW.at(c.id), outputs.RETRIES.at(c.id))}
    known |= {urls.code_url(c, ref) for c in catalogs for ref in c.codes}
    known |= {outputs.GROUP_TABLE.url(c.id, g.id) for c in catalogs for g in c.groups}
    known |= {f"/{c.id}/rate-limits/" for c in catalogs if (ROOT / "docs" / c.id / "rate-limits.md").is_file()}
    for query in queries:
        assert query.expected and set(query.expected) <= known, query.kind


def _side(gzip_bytes, ready_ms, latencies):
    side = bench_lookup.Side(raw_bytes=gzip_bytes * 6, gzip_bytes=gzip_bytes, ready_ms=ready_ms, prepared_ms=900.0)
    side.queries = [bench_lookup.QueryResult(f"kind {i}", f"q{i}", ms, "/x/", True, 1, "")
                    for i, ms in enumerate(latencies)]
    return side


def test_the_report_gives_the_lookup_alone_with_a_verdict_on_each_target():
    queries = [bench_lookup.Query(f"kind {i}", f"q{i}", ["/x/"]) for i in range(2)]
    meta = {"project": "p", "codes": 600, "synthetic_entries": 600, "entries": 838, "build_s": "1"}
    met = bench_lookup.report(_side(180_000, 90.0, [2.0, 7.0]), queries, meta)
    assert "material" not in met.lower()
    assert "targets: latency ≤ 50 ms (max): met; ready ≤ 300 ms after focus: met; " \
           "bytes downloaded ≤ 1,000,000 (gzip -6): met" in met
    assert "bytes downloaded (gzip -6)" in met and "≤ 1,000,000" in met
    missed = bench_lookup.verdicts(_side(1_000_001, 301.0, [2.0, 51.0]))
    assert [ok for _, ok in missed] == [False, False, False]
