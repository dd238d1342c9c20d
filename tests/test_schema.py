"""The two schema checks (macros/catalog/schema.py) agree: fastjsonschema's verdict is jsonschema's, on every catalog
file of data/, every broken fixture and a fixed sample of mechanical mutations of the catalogs."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT
from test_mutations import _set, mutations

from macros.catalog.problems import Problem
from macros.catalog.schema import SchemaCheck, _has_float, schema_problems, validators
from macros.catalog.yaml_reader import read_yaml

SAMPLE = 200


def documents() -> list[tuple[str, Any]]:
    """(file, data) of every YAML file of data/ and of the broken fixtures, as the loader reads them."""
    found = []
    for path in sorted([*(ROOT / "data").rglob("*.yml"), *(ROOT / "tests" / "fixtures").rglob("*.yml")]):
        doc = read_yaml(path, str(path.relative_to(ROOT)), [])
        if doc is not None:
            found.append((path.name, doc.data))
    return found


def check_for(name: str) -> SchemaCheck:
    catalog, group = validators()
    return catalog if name == "catalog.yml" else group


def same_verdict(check: SchemaCheck, data: Any) -> bool:
    """Whether both checks agree (fastjsonschema's alone on data without fractions, which go to jsonschema)."""
    slow = check.slow_fits(data)
    return check.fits(data) == slow and (_has_float(data) or check.fast_fits(data) == slow)


def test_both_checks_agree_on_every_file_of_the_catalogs_and_the_fixtures() -> None:
    found = documents()
    assert len(found) > 20
    assert [name for name, data in found if not same_verdict(check_for(name), data)] == []
    assert any(not check_for(name).fits(data) for name, data in found), "the fixtures hold invalid files"


def test_both_checks_agree_on_mutated_catalogs() -> None:
    by_file = {}
    for mutation in random.Random(5).sample(mutations(), SAMPLE):
        key = (mutation.catalog, mutation.file)
        if key not in by_file:
            by_file[key] = yaml.safe_load((ROOT / "data" / mutation.catalog / mutation.file).read_text())
        data = copy.deepcopy(by_file[key])
        _set(data, mutation.path, mutation.value)
        assert same_verdict(check_for(mutation.file), data), str(mutation)


def test_a_valid_document_costs_no_located_errors(tmp_path: Path) -> None:
    path = tmp_path / "group.yml"
    path.write_text("group: {id: g, title: G}\nentries:\n  - {code: A, description: Fine.}\n", encoding="utf-8")
    problems: list[Problem] = []
    doc = read_yaml(path, "data/x/group.yml", problems)
    assert problems == [] and doc is not None
    assert schema_problems(check_for("group.yml"), doc, "data/x/group.yml") == []
    doc.data["entries"][0]["code"] = True
    assert [p.field for p in schema_problems(check_for("group.yml"), doc, "data/x/group.yml")] == ["entries[0].code"]


def test_both_checks_refuse_a_fraction_or_a_truth_value_where_a_whole_number_belongs(tmp_path: Path) -> None:
    for status in ("400.0", "true", "4e2"):
        path = tmp_path / "group.yml"
        path.write_text(f"group: {{id: g, title: G}}\nentries:\n  - {{code: A, status: {status}, description: X.}}\n",
                        encoding="utf-8")
        doc = read_yaml(path, "data/x/group.yml", [])
        assert doc is not None
        check = check_for("group.yml")
        assert same_verdict(check, doc.data) and not check.fits(doc.data), status


def test_the_schema_is_compiled_only_once_a_build_has_checked_a_thousand_entries() -> None:
    check = SchemaCheck(*((lambda c, g: (g.schema, g.catalog_schema, g.errors))(*validators())))
    entry = {"code": "A", "description": "Fine."}
    assert check.fits({"group": {"id": "g", "title": "G"}, "entries": [entry] * 900}) and check._valid is None
    assert check.fits({"group": {"id": "g", "title": "G"}, "entries": [entry] * 200}) and check._valid is not None
