"""Releases and lifecycle data (macros/site/history.py, through the loader): bad data fails with file:line: field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.catalog.problems import CatalogError

RELEASES = ('releases:\n  - {version: "1.0", date: "2026-01-10", summary: First release.}\n'
            '  - {version: "2.0", date: "2026-06-01", summary: Second release.}\nsystems:\n')


def with_lifecycle(files: dict[str, str], code: str, lifecycle: str, releases: str = RELEASES) -> dict[str, str]:
    """The example catalog with a lifecycle given to one code of things.yml."""
    things = files["things.yml"]
    anchor = f"  - code: {code}\n"
    assert anchor in things
    return {**files, "catalog.yml": files["catalog.yml"].replace("systems:\n", releases, 1),
            "things.yml": things.replace(anchor, anchor + f"    lifecycle: {lifecycle}\n", 1)}


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalogs(write_catalog(tmp_path, files))
    return [str(p) for p in caught.value.problems]


def test_a_versioned_lifecycle_loads(tmp_path: Path, example_files: dict[str, str]) -> None:
    files = with_lifecycle(example_files, "101", '{since: "1.0", deprecated: {version: "2.0", use_instead: 100, '
                                                 'reason: Ask for the thing instead.}}')
    (catalog,) = load_catalogs(write_catalog(tmp_path, files))
    life = catalog.entries_for(CodeRef("api", "101"))[0].lifecycle
    assert (life.state, life.since, life.replaced_by, life.note) == ("deprecated", "1.0", CodeRef("api", "100"),
                                                                      "Ask for the thing instead.")
    assert [r.version for r in catalog.releases] == ["1.0", "2.0"]
    assert catalog.release("2.0").date == "2026-06-01"


@pytest.mark.parametrize(("lifecycle", "expected"), [
    ('{since: "3.0"}', "lifecycle.since: version '3.0' is not in the catalog's release list (the catalog's "
                       "releases are 1.0, 2.0)"),
    ('{removed: {version: "2.0", replaced_by: 999}}', "lifecycle.removed.replaced_by: 999 is not a code of example/"),
    ('{removed: {version: "2.0", replaced_by: 101}}', "lifecycle.removed.replaced_by: 101 names itself as its "
                                                      "replacement"),
    ('{state: active, removed: {version: "2.0", note: Gone.}}', "lifecycle.state: the entry says it is active, but "
                                                                "its lifecycle makes it removed (it has `removed`)"),
    ('{since: "2.0", removed: {version: "1.0", note: Gone.}}', "lifecycle.removed.version: 1.0 comes before 2.0 "
                                                               "(`since`) in the release list"),
    ("{since: 2.0}", "lifecycle.since: 2.0 is not a version: write it in quotes"),
])
def test_bad_lifecycle_data_is_located(tmp_path: Path, example_files: dict[str, str], lifecycle: str,
                                       expected: str) -> None:
    found = problems(tmp_path, with_lifecycle(example_files, "101", lifecycle))
    assert any(expected in p and p.startswith("data/example/things.yml:") for p in found), found


def test_a_replacement_that_is_itself_removed_is_refused(tmp_path: Path, example_files: dict[str, str]) -> None:
    files = with_lifecycle(example_files, "101", '{removed: {version: "2.0", note: Gone.}}')
    files = with_lifecycle(files, "100", '{deprecated: {use_instead: 101}}', releases="systems:\n")
    found = problems(tmp_path, files)
    assert any("lifecycle.deprecated.use_instead: 101 is itself removed" in p for p in found), found


def test_a_version_without_a_release_list_says_where_to_add_it(tmp_path: Path, example_files: dict[str, str]) -> None:
    found = problems(tmp_path, with_lifecycle(example_files, "101", '{since: "1.0"}', releases="systems:\n"))
    assert any("catalog.yml lists no `releases`; add the release there" in p for p in found), found


def test_releases_are_listed_oldest_first_and_once(tmp_path: Path, example_files: dict[str, str]) -> None:
    releases = ('releases:\n  - {version: "2.0", date: "2026-06-01", summary: Second.}\n'
                '  - {version: "1.0", date: "2026-01-10", summary: First.}\n'
                '  - {version: "1.0", date: "2026-07-01", summary: Again.}\nsystems:\n')
    found = problems(tmp_path, with_lifecycle(example_files, "101", "{}", releases=releases))
    assert any(p.startswith("data/example/catalog.yml:5: releases.date: release 1.0 (2026-01-10) is dated before")
               for p in found), found
    assert any("catalog.yml:6: releases.version: release '1.0' is listed twice" in p for p in found), found


def test_a_release_date_is_a_date(tmp_path: Path, example_files: dict[str, str]) -> None:
    releases = 'releases:\n  - {version: "1.0", date: June 2026, summary: First.}\nsystems:\n'
    found = problems(tmp_path, with_lifecycle(example_files, "101", "{}", releases=releases))
    assert found == ["data/example/catalog.yml:4: releases[0].date: 'June 2026' is not a date: write it as "
                     '"YYYY-MM-DD", in quotes'], found
