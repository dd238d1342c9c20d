"""Mutations of the shipped catalogs, derived mechanically: each ends in a clear error or in a site whose links all
resolve. Never a traceback, never a half-written site, never a silently wrong one.

Every value of every catalog file is a candidate: a wrong type, empty, only spaces, a control character, huge, a
reserved name, or another value of the same field (a collision, across systems and catalogs too). A fixed seed
picks SAMPLE of them, so a run stays within the CI budget and a failure can be replayed; `MUTATIONS=500
MUTATION_SEED=7` runs more, or others.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, minimal_project, run_build
from link_check import broken_links

from macros.catalog.loader import load_catalogs
from macros.catalog.problems import CatalogError
from macros.lint import failing, lint
from macros.site import urls

SEED = int(os.environ.get("MUTATION_SEED", "14"))
SAMPLE = int(os.environ.get("MUTATIONS", "36"))
PROBLEM = re.compile(r"^\s*data/[^:\s]+:\d+: |^WARNING -  Doc file '[^']+' contains a link", re.M)
RESERVED = sorted(urls.RESERVED_PAGE_NAMES | {"README", "Index.JSON", "Downloads"})
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mutation:
    """One change to one value of one catalog file."""

    catalog: str
    file: str
    path: Path_
    kind: str
    value: Any

    def __str__(self) -> str:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        return f"{self.catalog}/{self.file}{where} <- {self.kind}"


def _leaves(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, i))
    else:
        yield path, node


def _catalog_files() -> list[tuple[str, str, Any]]:
    out = []
    for folder in sorted(p for p in (ROOT / "data").iterdir() if p.is_dir()):
        for file in sorted(folder.glob("*.yml")):
            out.append((folder.name, file.name, yaml.safe_load(file.read_text(encoding="utf-8"))))
    return out


def _variants(value: Any, field: str, same_field: list[Any]) -> list[tuple[str, Any]]:
    """What a value can be turned into: the classes of bad input a team's catalog may hold."""
    variants: list[tuple[str, Any]] = [
        ("wrong type: mapping", {"unexpected": 1}), ("wrong type: list", [1, "two"]),
        ("wrong type: number" if isinstance(value, str) else "wrong type: text", 7 if isinstance(value, str) else "7"),
        ("empty", ""), ("only spaces", "   "), ("control character", "a\x00b\x1bc"), ("huge", "x" * 20_001),
        ("line separator", "a\u2028b\u202ec"),
    ]
    if field in {"id", "code", "group"}:
        variants += [(f"reserved name {name!r}", name) for name in RESERVED]
    variants += [(f"collision with {other!r}", other) for other in same_field if other != value]
    return variants


def mutations() -> list[Mutation]:
    """Every mutation of every value of every catalog file under data/, in a fixed order."""
    files = _catalog_files()
    by_field: dict[str, list[Any]] = {}
    for _, _, data in files:
        for path, value in _leaves(data):
            field = next((p for p in reversed(path) if isinstance(p, str)), "")
            if isinstance(value, str | int) and not isinstance(value, bool):
                by_field.setdefault(field, []).append(value)
    out = []
    for catalog, file, data in files:
        for path, value in _leaves(data):
            field = next((p for p in reversed(path) if isinstance(p, str)), "")
            others = sorted(set(map(str, by_field.get(field, []))))[:6]
            out += [Mutation(catalog, file, path, kind, new) for kind, new in _variants(value, field, others)]
    return out


def _class(mutation: Mutation) -> str:
    return mutation.kind.split(":")[0].split(" '")[0]


def sample() -> list[Mutation]:
    """SAMPLE mutations picked with a fixed seed, as many of each class (wrong type, reserved name, ...) as can be."""
    rng = random.Random(SEED)
    by_class: dict[str, list[Mutation]] = {}
    for mutation in mutations():
        by_class.setdefault(_class(mutation), []).append(mutation)
    pools = [rng.sample(found, min(SAMPLE, len(found))) for _, found in sorted(by_class.items())]
    picked: list[Mutation] = []
    while len(picked) < SAMPLE and any(pools):
        for pool in pools:
            if pool and len(picked) < SAMPLE:
                picked.append(pool.pop())
    return picked


def _set(data: Any, path: Path_, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def apply(project: Path, mutation: Mutation) -> None:
    """A project of the site's own pages and the mutated catalog alone, with its hand-written pages if it has any."""
    docs = ROOT / "docs"
    shutil.rmtree(project / "docs")
    shutil.copytree(docs, project / "docs", ignore=lambda folder, names: [
        n for n in names if Path(folder) == docs and (docs / n).is_dir() and (ROOT / "data" / n).is_dir()])
    if (docs / mutation.catalog).is_dir():
        shutil.copytree(docs / mutation.catalog, project / "docs" / mutation.catalog)
    folder = project / "data" / mutation.catalog
    shutil.copytree(ROOT / "data" / mutation.catalog, folder)
    file = folder / mutation.file
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    _set(data, mutation.path, mutation.value)
    file.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10_000), encoding="utf-8")


def test_mutations_are_derived_from_every_catalog_present() -> None:
    found = mutations()
    catalogs = {p.name for p in (ROOT / "data").iterdir() if (p / "catalog.yml").is_file()}
    assert {m.catalog for m in found} == catalogs
    kinds = {_class(m) for m in found}
    assert {"wrong type", "empty", "only spaces", "control character", "huge", "reserved name",
            "collision with"} <= kinds


@pytest.mark.parametrize("mutation", sample(), ids=str)
def test_a_mutation_ends_in_a_clear_error_or_a_site_whose_links_resolve(tmp_path, mutation) -> None:
    project = minimal_project(tmp_path)
    apply(project, mutation)
    try:
        catalogs = load_catalogs(project / "data")
    except CatalogError as error:
        lines = str(error).splitlines()[1:]
        assert lines and all(PROBLEM.match(line) for line in lines), str(error)
        return
    errors = failing(lint(catalogs))
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if errors or result.returncode != 0:
        assert result.returncode != 0, f"lint errors, yet the build passed: {errors}"
        assert PROBLEM.search(output), output
        assert [p.name for p in site.iterdir()] == ["previous.html"], "a failed build changed the output"
        return
    assert not (site / "previous.html").exists()
    assert broken_links(site) == []
