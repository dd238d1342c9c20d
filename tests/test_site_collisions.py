"""Generated pages that would land on a file of docs/ (macros/site/site_collisions.py) are found before anything is
written, at the catalog line that causes them."""

from __future__ import annotations

from pathlib import Path

from conftest import minimal_project, run_build, write_catalog

from macros.catalog.loader import load_catalogs
from macros.site.site_collisions import collisions


def catalog_named(tmp_path: Path, files: dict[str, str], name: str):
    """The small catalog, loaded under another id."""
    return load_catalogs(write_catalog(tmp_path / name, files, name))[0]


def test_a_code_named_like_a_hand_written_page_of_its_catalog(tmp_path, example_files) -> None:
    example_files["things.yml"] = example_files["things.yml"].replace("  - code: 101", "  - code: handling")
    example_files["things.yml"] = example_files["things.yml"].replace("see_also: [101]", "see_also: [handling]")
    catalog = catalog_named(tmp_path, example_files, "example")
    problems = [str(p) for p in collisions([catalog], ["example/handling.md", "index.md"])]
    assert problems == ["data/example/things.yml:13: code: code 'handling' would take /example/handling/index.html, "
                        "where docs/example/handling.md already goes: rename the file in docs/, or rename code "
                        "'handling'"]


def test_a_catalog_named_like_an_asset_folder_with_a_code_named_like_an_asset(tmp_path, example_files) -> None:
    example_files["sdk.yml"] = example_files["sdk.yml"].replace("code: ClientError", "code: extra.css")
    catalog = catalog_named(tmp_path, example_files, "stylesheets")
    assert collisions([catalog], ["stylesheets/extra.css", "stylesheets/lookup.css"]) == [], \
        "a code of a second system lives under /stylesheets/sdk/, apart from the assets"
    primary = catalog_named(tmp_path / "p", {**example_files, "things.yml": example_files["things.yml"].replace(
        "  - code: 101", "  - code: lookup.css").replace("see_also: [101]", "see_also: [lookup.css]")}, "stylesheets")
    found = [str(p) for p in collisions([primary], ["stylesheets/extra.css", "stylesheets/lookup.css"])]
    assert len(found) == 1 and "code 'lookup.css' would take /stylesheets/lookup.css/index.html, where " \
        "docs/stylesheets/lookup.css already goes" in found[0]


def test_a_catalog_named_like_a_top_level_page(tmp_path, example_files) -> None:
    catalog = catalog_named(tmp_path, example_files, "lookup")
    problems = [str(p) for p in collisions([catalog], ["lookup.md", "index.md"])]
    assert problems == ["data/lookup/catalog.yml:1: the catalog 'lookup' would take /lookup/index.html, where "
                        "docs/lookup.md already goes: rename the file in docs/, or rename the catalog 'lookup'"]


def test_groups_and_site_files_collide_too(tmp_path, example_files) -> None:
    catalog = catalog_named(tmp_path, example_files, "example")
    problems = [str(p) for p in collisions([catalog], ["example/ranges/things.md", "llms.txt"])]
    assert problems == [
        "docs/llms.txt:1: the build writes its own /llms.txt: rename or remove this file",
        "data/example/things.yml:2: group.id: group 'things' would take /example/ranges/things/index.html, where "
        "docs/example/ranges/things.md already goes: rename the file in docs/, or rename group 'things'"]


def test_hand_written_replacements_are_no_collision(tmp_path, example_files) -> None:
    catalog = catalog_named(tmp_path, example_files, "example")
    written = ["example/index.md", "example/error-format.md", "example/retries.md", "example/guide.md",
               "stylesheets/extra.css", "index.md"]
    assert collisions([catalog], written) == []


def test_the_build_stops_before_writing_anything(tmp_path, example_files) -> None:
    project = minimal_project(tmp_path)
    write_catalog(project, example_files)
    (project / "docs" / "example").mkdir()
    (project / "docs" / "example" / "101.md").write_text("# A page where code 101's page goes\n")
    site = tmp_path / "site"
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Generated pages would replace files of docs/, nothing was built:" in output
    assert "data/example/things.yml:13: code: code '101' would take /example/101/index.html" in output
    assert "Traceback" not in output and not site.exists()
