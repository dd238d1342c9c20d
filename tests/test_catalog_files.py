"""Which files of a catalog folder the loader reads, passes over or refuses (macros/catalog/catalog_files.py); the
loader's own tests (test_loader.py) build whole folders of them."""

from __future__ import annotations

import pytest

from macros.catalog.catalog_files import ignored, inside, unexpected


@pytest.mark.parametrize("name", [".#auth.yml", ".DS_Store", "auth.yml~", "#auth.yml#", "README.md", "readme",
                                  "Readme.txt"])
def test_editor_files_and_readmes_are_passed_over(name) -> None:
    assert ignored(name)


@pytest.mark.parametrize("name", ["auth.yml", "readme.yml", "README.yaml", "notes.txt", "auth.json"])
def test_everything_else_is_looked_at(name) -> None:
    assert not ignored(name)


def test_a_group_file_is_expected_and_the_rest_is_named(tmp_path) -> None:
    (tmp_path / "data" / "x").mkdir(parents=True)
    root = tmp_path / "data"
    (root / "x" / "auth.yml").write_text("group: {}")
    (root / "x" / "notes.txt").write_text("")
    assert unexpected(root / "x" / "auth.yml", root) is None
    assert unexpected(root / "x" / "notes.txt", root).startswith("not a group file")
    assert inside(root / "x" / "auth.yml", root) and not inside(tmp_path, root)
