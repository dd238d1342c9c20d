"""The page index (macros/exports/page_index.py): the site's prose, section by section, for the search field."""

from __future__ import annotations

import json

from macros.exports import page_index
from macros.exports.page_index import PageSection, PageText
from macros.site import outputs, urls


def test_a_page_is_cut_at_its_headings_with_their_ids():
    found = page_index.sections(
        '<h1 id="retries">Retries<a class="headerlink" href="#retries">&para;</a></h1><p>Wait, then <code>retry</code>'
        '.</p><h2 id="backoff">Back<em>off</em></h2><ul><li>Double</li><li>the wait</li></ul><h3>No id</h3><p>x</p>')
    assert found == (PageSection("Retries", "retries", "Wait, then retry."),
                     PageSection("Backoff", "backoff", "Double the wait"),
                     PageSection("No id", "", "x"))


def test_text_before_the_first_heading_joins_it_and_a_page_without_headings_is_one_section():
    assert page_index.sections("<p>Intro</p><h2 id='a'>A</h2><p>Body</p>") == (PageSection("A", "a", "Intro Body"),)
    assert page_index.sections("<p>Only text</p>") == (PageSection("", "", "Only text"),)


def test_scripts_buttons_and_markup_never_reach_the_index():
    found = page_index.sections('<h2 id="x">X</h2><script>alert(1)</script><button>Copy</button><p>&lt;b&gt;bold'
                                '&lt;/b&gt; <img src="a.png" alt="pic"> <br>kept</p><style>p{}</style>')
    assert found == (PageSection("X", "x", "<b>bold</b> kept"),), "text is kept as text (the script sets textContent)"


def test_a_section_keeps_a_bounded_share_of_its_text():
    found = page_index.sections('<h2 id="long">Long</h2><p>' + "word " * 1000 + "</p>")
    assert len(found[0].text) == page_index.MAX_TEXT


def test_the_index_lists_sections_with_their_urls_in_site_order():
    pages = {"b/": PageText("B", "Cat", "b/", (PageSection("B", "b", "one"), PageSection("Two", "two", "2"))),
             "": PageText("Home", "", "", (PageSection("Home", "home", "hello"),))}
    index = page_index.page_index(pages.values())
    assert index["sections"] == [
        {"page": "Home", "catalog": "", "section": "Home", "url": "", "text": "hello"},
        {"page": "B", "catalog": "Cat", "section": "B", "url": "b/", "text": "one"},
        {"page": "B", "catalog": "Cat", "section": "Two", "url": "b/#two", "text": "2"},
    ]


def test_the_built_index_holds_the_prose_pages_and_no_code_or_table_page(built_site, catalogs):
    site, _ = built_site
    index = json.loads((site / outputs.PAGE_INDEX.at()).read_text(encoding="ascii"))
    pages = {section["url"].partition("#")[0] for section in index["sections"]}
    for catalog in catalogs:
        assert outputs.RETRIES.site_path(catalog.id) in pages
        assert outputs.HEALTH.site_path(catalog.id) not in pages, "the maintainers' page is not searched by readers"
        for ref in list(catalog.codes)[:50]:
            assert urls.site_path(urls.code_src(catalog, ref)) not in pages
        for group in catalog.groups:
            assert outputs.GROUP_TABLE.site_path(catalog.id, group.id) not in pages
    assert "" in pages and "lookup/" in pages
    titled = [s for s in index["sections"] if s["url"].startswith(outputs.RETRIES.site_path(catalogs[0].id))]
    assert titled[0]["catalog"] == catalogs[0].title and titled[0]["text"]
