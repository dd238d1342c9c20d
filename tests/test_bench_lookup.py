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
