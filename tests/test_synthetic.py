"""The benchmarks' synthetic catalogs stay valid catalogs of the size asked for, deterministically."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import synthetic

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.lint import lint


def data_files(project: Path) -> dict[str, str]:
    folder = project / "data" / "synthetic"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_synthetic_project_loads_with_the_codes_asked_for(tmp_path):
    project = synthetic.write_project(tmp_path / "a", 400)
    catalogs = {c.id: c for c in load_catalogs(project / "data")}
    assert set(catalogs) == {c.id for c in load_catalogs(ROOT / "data")} | {"synthetic"}
    generated = catalogs["synthetic"]
    assert len(generated.codes) == 400 - 1
    assert len(list(generated.entries)) == 400
    assert len(generated.systems) == 2 and any(not s.primary for s in generated.systems)
    assert generated.entries_for(CodeRef("api", "180")) and generated.entries_for(CodeRef("api", "1809"))
    assert "synthetic/index.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")


def test_synthetic_catalog_is_deterministic(tmp_path):
    first = synthetic.write_project(tmp_path / "a", 300, seed=7)
    second = synthetic.write_project(tmp_path / "b", 300, seed=7)
    assert data_files(first) == data_files(second)


def test_synthetic_catalog_acknowledges_its_deliberate_flaws(tmp_path):
    project = synthetic.write_project(tmp_path / "a", 400)
    health = lint(load_catalogs(project / "data"))["synthetic"]
    assert health.failing == ()
    assert {f.check for f in health.findings if f.acknowledged} >= {"code-outside-range", "duplicate-code"}
