"""The catalogs' place in the nav: hand-written sections keep theirs, others get one, all in catalog order."""

from __future__ import annotations

from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.site.navigation import catalog_nav, written_pages


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
    assert [next(iter(item)) for item in out] == ["Home", "Example", "Database codes", "About"]
    db = out[2]["Database codes"]
    assert db[0] == "db/index.md"
    assert db[1] == {"Classes": [{"Class 00 — Successful Completion": "db/ranges/class-00.md"},
                                 {"Class 0A — Feature Not Supported": "db/ranges/class-0a.md"},
                                 {"Class 22 — Data Exception": "db/ranges/class-22.md"},
                                 {"Class 40 — Transaction Rollback": "db/ranges/class-40.md"}]}
    assert db[2:] == [{"Catalog health": "db/health.md"}, {"Files for programs": "db/downloads/index.md"},
                      {"Error format": "db/error-format.md"}, {"Retry guidance": "db/retries.md"}, "db/handling.md"]
    example = out[1]["Example"]
    assert example[1] == {"Code ranges": [{"Things Errors": "example/ranges/things.md"},
                                          {"SDK errors": "example/ranges/sdk.md"}]}
    assert example[2:] == [{"Catalog health": "example/health.md"},
                           {"Files for programs": "example/downloads/index.md"}, {"Guide": "example/guide.md"}]


def test_a_catalog_earlier_than_every_listed_one_goes_before_them(tmp_path, example_files, classes_files):
    catalogs = two_catalogs(tmp_path, example_files, classes_files)
    nav = [{"Home": "index.md"}, {"Database": ["db/index.md"]}]
    reordered = sorted(catalogs, key=lambda c: c.id != "db")
    out = catalog_nav(nav, reordered, {})
    assert [next(iter(item)) for item in out] == ["Home", "Database", "Example"]
    out = catalog_nav(nav, catalogs, {})
    assert [next(iter(item)) for item in out] == ["Home", "Example", "Database"]


def test_titles_are_escaped_for_the_theme(tmp_path, example_files):
    example_files["catalog.yml"] = example_files["catalog.yml"].replace("title: Example", "title: <b>Ex</b>")
    catalogs = load_catalogs(write_catalog(tmp_path, example_files))
    (section,) = catalog_nav([], catalogs, {})
    assert list(section) == ["&lt;b&gt;Ex&lt;/b&gt;"]


def test_written_pages_are_the_markdown_files_under_a_catalogs_folder(tmp_path, example_files):
    catalogs = load_catalogs(write_catalog(tmp_path, example_files))
    docs = tmp_path / "docs"
    (docs / "example" / "more").mkdir(parents=True)
    for name in ("example/index.md", "example/more/faq.md", "example/logo.png", "other.md"):
        (docs / name).write_text("x")
    assert written_pages(docs, catalogs) == {"example": ["example/index.md", "example/more/faq.md"]}
