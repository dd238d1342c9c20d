"""The build benchmark's baseline holds, as plain Markdown, every page our build generates (no build is run)."""

from __future__ import annotations

import sys

import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import bench_build
import markdown_pages
import synthetic

from macros.catalog.loader import load_catalogs
from macros.lint import lint
from macros.site import outputs, urls
from macros.site.navigation import TEAM_SECTION

CODES = 100  # the smallest catalog synthetic.write_project makes


def test_baseline_has_our_generated_markdown_as_plain_pages(tmp_path):
    project = synthetic.write_project(tmp_path / "ours", CODES)
    catalogs = load_catalogs(project / "data")
    written = bench_build.write_baseline(project, tmp_path / "baseline", catalogs)
    docs = tmp_path / "baseline" / "docs"
    health = lint(catalogs)

    expected = {}
    for catalog in catalogs:
        for ref in catalog.codes:
            page = markdown_pages.code_page(catalog, ref, health[catalog.id].for_ref(ref))
            expected[urls.code_src(catalog, ref)] = page
        for group in catalog.groups:
            expected[outputs.GROUP_TABLE.at(catalog.id, group.id)] = markdown_pages.table_page(catalog, group)
        expected[outputs.HEALTH.at(catalog.id)] = markdown_pages.health_page(catalog, health[catalog.id])
        expected[outputs.DOWNLOADS.at(catalog.id)] = markdown_pages.downloads_page(catalog)
        if catalog.releases:
            expected[outputs.CHANGES.at(catalog.id)] = markdown_pages.changes_page(catalog)
        for src, make in ((o.at(catalog.id), o.builds()) for o in outputs.replaceable_pages(catalog)):
            if not (project / "docs" / src).is_file():
                expected[src] = make(catalog)
    assert len([src for src in expected if src.startswith("synthetic/") and "/ranges/" not in src]) >= CODES - 1
    for src, text in expected.items():
        assert (docs / src).read_text(encoding="utf-8") == text, src

    markdown = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    prose = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")}
    assert set(markdown) == set(expected) | prose
    assert written == len(markdown)
    assert not [src for src, text in markdown.items() if "{{" in text or "{%" in text]
    assert "(ranges/billing.md)" in markdown["synthetic/index.md"]


def test_baseline_config_is_plain_material_with_our_nav(tmp_path):
    project = synthetic.write_project(tmp_path / "ours", CODES)
    bench_build.write_baseline(project, tmp_path / "baseline", load_catalogs(project / "data"))
    config = yaml.safe_load((tmp_path / "baseline" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    assert "hooks" not in config and "custom_dir" not in config["theme"]
    assert config["theme"]["features"] and config["markdown_extensions"]
    synthetic_nav = next(item["Synthetic"] for item in config["nav"] if isinstance(item, dict) and "Synthetic" in item)
    assert any(isinstance(i, dict) and "Code ranges" in i for i in synthetic_nav)
    team = next(item[TEAM_SECTION] for item in config["nav"] if isinstance(item, dict) and TEAM_SECTION in item)
    assert {"Synthetic": f"{synthetic.CATALOG_ID}/health.md"} in team[-1]["Catalog health"]
    assert "/synthetic/" in config["not_in_nav"].split()
