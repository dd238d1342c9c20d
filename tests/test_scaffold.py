"""`python -m macros new <id>`: a commented starting catalog that builds as it is, into a whole section."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, copy_project, minimal_project, run_build
from mkdocs.utils.yaml import yaml_load

from macros.catalog.loader import load_catalogs
from macros.cli.scaffold import ScaffoldError, new_catalog
from macros.lint import lint_catalog


def test_the_new_catalog_loads_and_lints_clean(tmp_path):
    written = new_catalog(tmp_path / "data", "acme-billing", "Acme: Billing")
    assert [p.name for p in written] == ["catalog.yml", "errors.yml"]
    (catalog,) = load_catalogs(tmp_path / "data")
    assert catalog.title == "Acme: Billing" and len(catalog.codes) == 2
    assert lint_catalog(catalog).findings == ()
    assert "# yaml-language-server: $schema=../../macros/schema/catalog.schema.json" in written[0].read_text()


@pytest.mark.parametrize("catalog_id", ["Acme", "acme billing", "-acme", "index", "ranges", "x" * 61])
def test_an_id_that_cannot_be_a_url_is_refused(tmp_path, catalog_id):
    with pytest.raises(ScaffoldError, match="cannot be a catalog id"):
        new_catalog(tmp_path / "data", catalog_id)
    assert not (tmp_path / "data").exists()


def test_an_existing_catalog_is_never_overwritten(tmp_path):
    new_catalog(tmp_path / "data", "acme")
    before = (tmp_path / "data" / "acme" / "catalog.yml").read_text()
    with pytest.raises(ScaffoldError, match="already exists"):
        new_catalog(tmp_path / "data", "acme", "Other")
    assert (tmp_path / "data" / "acme" / "catalog.yml").read_text() == before


def test_the_command_writes_checks_and_says_what_next(tmp_path):
    command = [sys.executable, "-m", "macros", "new", "acme", "--data", str(tmp_path / "data")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "wrote " in result.stdout and "make serve" in result.stdout
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=60)
    assert again.returncode == 2 and "already exists" in again.stderr and "Traceback" not in again.stderr


def test_a_catalog_that_is_only_data_builds_a_whole_section(tmp_path):
    project = minimal_project(tmp_path, nav="  - Home: index.md\n")
    new_catalog(project / "data", "acme", "Acme")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for page in ("acme", "acme/error-format", "acme/retries", "acme/health", "acme/ranges/errors",
                 "acme/invalid_request", "acme/service_unavailable"):
        assert (site / page / "index.html").is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = " ".join(re.sub(r"<[^>]+>", " ", home.split('<nav class="md-nav md-nav--primary"')[1]).split())
    assert nav.index("Home") < nav.index("Acme")
    section = (site / "acme" / "index.html").read_text(encoding="utf-8")
    section_nav = " ".join(re.sub(r"<[^>]+>", " ", section.split('<nav class="md-nav md-nav--primary"')[1]).split())
    assert "Acme Error tables Files for programs Error format Retry guidance" in section_nav
    assert "For the API team" in section_nav


def test_a_hand_written_page_replaces_its_generated_one_and_extends_the_section(tmp_path):
    project = minimal_project(tmp_path, nav="  - Home: index.md\n")
    new_catalog(project / "data", "acme", "Acme")
    (project / "docs" / "acme").mkdir()
    (project / "docs" / "acme" / "retries.md").write_text("# Our retry advice\n\n{{ retry_policy('acme') }}\n")
    (project / "docs" / "acme" / "faq.md").write_text("# Questions\n\nAsk us.\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert "Our retry advice" in (site / "acme" / "retries" / "index.html").read_text(encoding="utf-8")
    overview = (site / "acme" / "index.html").read_text(encoding="utf-8")
    assert 'href="faq/"' in overview and "Questions" in overview


def test_the_whole_site_builds_with_nothing_but_a_new_catalog(tmp_path, catalogs):
    """Removing every example catalog (data, pages and nav sections) and starting one leaves a site that builds."""
    project = copy_project(tmp_path)
    with (project / "mkdocs.yml").open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    examples = {c.id for c in catalogs}
    for catalog_id in examples:
        shutil.rmtree(project / "docs" / catalog_id, ignore_errors=True)
    config["nav"] = [item for item in config["nav"]
                     if not any(src.split("/")[0] in examples for src in _sources(item))]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    new_catalog(project / "data", "acme", "Acme")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "acme" / "invalid_request" / "index.html").is_file()
    url_scheme = (tmp_path / "site" / "url-scheme" / "index.html").read_text(encoding="utf-8")
    assert 'href="../acme/invalid_request/"' in url_scheme


def _sources(item: object) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, dict):
        return [src for value in item.values() for src in _sources(value)]
    if isinstance(item, list):
        return [src for value in item for src in _sources(value)]
    return []
