"""The catalogs' place in the nav: hand-written sections keep theirs, others get one, all in catalog order."""

from __future__ import annotations

from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.site.navigation import TEAM_SECTION, catalog_nav, written_pages


def two_catalogs(tmp_path, example_files, classes_files):
    write_catalog(tmp_path, example_files, "example")
    classes_files["catalog.yml"] += "order: 5\n"
    example_files["catalog.yml"] += "order: 1\n"
    write_catalog(tmp_path, example_files, "example")
    return load_catalogs(write_catalog(tmp_path, classes_files, "db"))


def test_a_catalog_the_nav_leaves_out_gets_a_section_after_the_catalogs_before_it(tmp_path, example_files,
                                                                                 classes_files):
    catalogs = two_catalogs(tmp_path, example_files, classes_files)
    nav = [{"Home": "index.md"}, {"Example": ["example/index.md", {"Guide": "example/guide.md"}]},
           {"About": "about.md"}]
    out = catalog_nav(nav, catalogs, {"db": ["db/handling.md", "db/index.md"]})
    assert [next(iter(item)) for item in out] == ["Home", "Example", "Database codes", "About", TEAM_SECTION]
    db = out[2]["Database codes"]
    assert db[0] == "db/index.md"
    assert db[1] == {"Classes": [{"Class 00 — Successful Completion": "db/ranges/class-00.md"},
                                 {"Class 0A — Feature Not Supported": "db/ranges/class-0a.md"},
                                 {"Class 22 — Data Exception": "db/ranges/class-22.md"},
                                 {"Class 40 — Transaction Rollback": "db/ranges/class-40.md"}]}
    assert db[2:] == [{"Files for programs": "db/downloads/index.md"},
                      {"Error format": "db/error-format.md"}, {"Retry guidance": "db/retries.md"}, "db/handling.md"]
    example = out[1]["Example"]
    assert example[1] == {"Code ranges": [{"Things Errors": "example/ranges/things.md"},
                                          {"SDK errors": "example/ranges/sdk.md"}]}
    assert example[2:] == [{"Files for programs": "example/downloads/index.md"}, {"Guide": "example/guide.md"}]
    assert out[-1] == {TEAM_SECTION: [{"Catalog health": [{"Example": "example/health.md"},
                                                          {"Database codes": "db/health.md"}]}]}


def test_the_health_pages_join_the_section_for_the_api_team_after_its_own_pages(tmp_path, example_files,
                                                                              classes_files):
    catalogs = two_catalogs(tmp_path, example_files, classes_files)
    nav = [{"Home": "index.md"}, {TEAM_SECTION: [{"Deep links": "url-scheme.md"}]}, {"About": "about.md"}]
    out = catalog_nav(nav, catalogs, {})
    assert [next(iter(item)) for item in out] == ["Home", "Example", "Database codes", TEAM_SECTION, "About"]
    assert out[3][TEAM_SECTION] == [{"Deep links": "url-scheme.md"}, {"Catalog health": [
        {"Example": "example/health.md"}, {"Database codes": "db/health.md"}]}]
    for section in out[1:3]:
        assert "health.md" not in repr(section), "a catalog's section is for its readers"


def test_a_catalog_earlier_than_every_listed_one_goes_before_them(tmp_path, example_files, classes_files):
    catalogs = two_catalogs(tmp_path, example_files, classes_files)
    nav = [{"Home": "index.md"}, {"Database": ["db/index.md"]}]
    reordered = sorted(catalogs, key=lambda c: c.id != "db")
    out = catalog_nav(nav, reordered, {})
    assert [next(iter(item)) for item in out] == ["Home", "Database", "Example", TEAM_SECTION]
    out = catalog_nav(nav, catalogs, {})
    assert [next(iter(item)) for item in out] == ["Home", "Example", "Database", TEAM_SECTION]


def test_titles_are_escaped_for_the_theme(tmp_path, example_files):
    example_files["catalog.yml"] = example_files["catalog.yml"].replace("title: Example", "title: <b>Ex</b>")
    catalogs = load_catalogs(write_catalog(tmp_path, example_files))
    section, team = catalog_nav([], catalogs, {})
    assert list(section) == ["&lt;b&gt;Ex&lt;/b&gt;"]
    assert team[TEAM_SECTION][0]["Catalog health"] == [{"&lt;b&gt;Ex&lt;/b&gt;": "example/health.md"}]


def test_written_pages_are_the_markdown_files_under_a_catalogs_folder(tmp_path, example_files):
    catalogs = load_catalogs(write_catalog(tmp_path, example_files))
    docs = tmp_path / "docs"
    (docs / "example" / "more").mkdir(parents=True)
    for name in ("example/index.md", "example/more/faq.md", "example/logo.png", "other.md"):
        (docs / name).write_text("x")
    assert written_pages(docs, catalogs) == {"example": ["example/index.md", "example/more/faq.md"]}
