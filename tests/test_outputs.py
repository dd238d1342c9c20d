"""The registry of what the site publishes (macros/site/outputs.py): every declared page and file is built, listed,
guarded and kept off the names catalogs may take, for every catalog in data/."""

from __future__ import annotations

from macros.exports import llms
from macros.site import downloads, ledger, navigation, outputs, site_collisions, urls
from macros.site.outputs import Published

SITE = "https://errors.example/"
EVERY = (*outputs.SITE_OUTPUTS, *outputs.CATALOG_PAGES, *outputs.CATALOG_FILES, outputs.GROUP_TABLE,
         outputs.CODE_PAGE)


def test_keys_and_paths_are_unique_and_say_their_scope() -> None:
    assert len({o.key for o in EVERY}) == len(EVERY)
    assert len({o.path for o in EVERY}) == len(EVERY)
    assert {o.scope for o in outputs.SITE_OUTPUTS} == {"site"}
    assert {o.scope for o in (*outputs.CATALOG_PAGES, *outputs.CATALOG_FILES)} == {"catalog"}
    assert (outputs.GROUP_TABLE.scope, outputs.CODE_PAGE.scope) == ("group", "code")
    assert all(o.is_page == o.path.endswith(".md") for o in EVERY)


def test_every_builder_resolves() -> None:
    for output in EVERY:
        assert callable(output.builds()), output.key


def test_every_file_builder_makes_text_for_every_catalog(catalogs) -> None:
    site = outputs.Site(catalogs, SITE, "Errors", "Every error.")
    for output in outputs.SITE_OUTPUTS:
        made = output.builds()(site)
        assert "".join([made] if isinstance(made, str) else made).strip(), output.key
    for catalog in catalogs:
        for output in (o for o in outputs.CATALOG_FILES if o.when(catalog)):
            made = output.builds()(site, catalog)
            assert "".join([made] if isinstance(made, str) else made).strip(), (catalog.id, output.key)


def test_paths_of_a_catalog_and_group() -> None:
    assert outputs.RETRIES.at("db") == "db/retries.md"
    assert outputs.RETRIES.url("db") == "/db/retries/"
    assert outputs.OVERVIEW.url("db") == "/db/"
    assert outputs.DOWNLOADS.site_path("db") == "db/downloads/"
    assert outputs.SPREADSHEET.url("db") == "/db/downloads/errors.csv"
    assert outputs.GROUP_TABLE.url("db", "class-22") == "/db/ranges/class-22/"
    assert outputs.LLMS.url() == "/llms.txt"


def test_every_output_is_in_the_built_site(built_site, catalogs) -> None:
    site, _ = built_site
    for output in outputs.SITE_OUTPUTS:
        assert (site / output.path).is_file(), output.path
    for catalog in catalogs:
        for output in outputs.catalog_outputs(catalog):
            where = site / output.site_path(catalog.id)
            assert (where / "index.html").is_file() if output.is_page else where.is_file(), where
        for group in catalog.groups:
            assert (site / outputs.GROUP_TABLE.site_path(catalog.id, group.id) / "index.html").is_file()
        for ref in list(catalog.codes)[:3]:
            folder = site / urls.site_path(urls.code_src(catalog, ref))
            assert all((folder / twin).is_file() for twin in (*outputs.CODE_PAGE.twins, "index.html")), folder


def test_llms_txt_lists_every_output_that_says_what_it_is(catalogs) -> None:
    text = llms.llms_txt(catalogs, "Errors", "Every error.", SITE)
    for output in outputs.SITE_OUTPUTS:
        assert (f"[{output.title}]({SITE.rstrip('/')}{output.url()})" in text) == bool(output.about), output.key
    for catalog in catalogs:
        for output in outputs.catalog_outputs(catalog):
            link = f"[{output.title}]({SITE.rstrip('/')}{output.url(catalog.id)})"
            assert (link in text) == bool(output.about), (catalog.id, output.key)


def test_the_nav_holds_every_page_the_registry_places_in_it(catalogs) -> None:
    nav = navigation.catalog_nav([], catalogs, {c.id: [] for c in catalogs})
    listed = set(navigation._sources(nav))
    for catalog in catalogs:
        placed = {o.at(catalog.id) for o in outputs.catalog_outputs(catalog) if o.nav}
        assert placed <= listed, placed - listed
        assert {outputs.GROUP_TABLE.at(catalog.id, g.id) for g in catalog.groups} <= listed


def test_the_ledger_guards_every_page_and_file_of_a_catalog(catalogs) -> None:
    guarded = ledger.published(catalogs)
    for catalog in catalogs:
        for output in outputs.catalog_outputs(catalog):
            assert guarded[output.url(catalog.id)] == f"{catalog.id}: {output.was}"


def test_no_catalog_system_group_or_code_can_take_a_name_an_output_takes() -> None:
    for output in EVERY:
        first = output.first_name()
        if "{" not in first:
            assert urls.reserved(first) and urls.reserved(first.upper()), first
    assert urls.reserved("index.json") and urls.reserved("sitemap.xml")


def test_an_output_added_to_the_registry_reaches_every_listing(monkeypatch, catalog_twice) -> None:
    extra = Published("extra", "{catalog}/extra.txt", "Extra listing", "exports.llms:llms_full_file",
                      was="an extra file", about="An extra file.")
    monkeypatch.setattr(outputs, "CATALOG_FILES", (*outputs.CATALOG_FILES, extra))
    cid = catalog_twice.id
    assert "extra.txt" in outputs.reserved_names()
    assert extra.at(cid) in outputs.file_paths(catalog_twice)
    assert ledger.published([catalog_twice])[f"/{cid}/extra.txt"] == f"{cid}: an extra file"
    assert f"[Extra listing]({SITE}{cid}/extra.txt): An extra file." in llms.llms_txt([catalog_twice], "E", "e", SITE)
    page = downloads.downloads_page(catalog_twice, SITE).html(False)
    assert '<a href="../extra.txt"><code>extra.txt</code></a></td><td>An extra file.</td>' in page
    clash = site_collisions.collisions([catalog_twice], [f"{cid}/extra.txt/index.md"])
    assert [p.message for p in clash] and "extra.txt" in clash[0].message
