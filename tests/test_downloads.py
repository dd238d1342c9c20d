"""The page on a catalog's files for programs (macros/site/downloads.py): every file it links exists, its examples are
the ones the tests run."""

from __future__ import annotations

import html
import posixpath
import re

from macros.site import downloads, outputs

HREF = re.compile(r'<a href="([^"#]+)"')
TAGS = re.compile(r"<[^>]+>")


def test_every_catalog_has_the_page_and_it_links_only_files_that_exist(built_site, catalogs) -> None:
    site, _ = built_site
    for catalog in catalogs:
        page = outputs.DOWNLOADS.site_path(catalog.id)
        text = (site / page / "index.html").read_text(encoding="utf-8")
        article = text[text.index("<article"):text.index("</article>")]
        links = set(HREF.findall(article))
        wanted = {o.at(catalog.id) for o in outputs.catalog_outputs(catalog) if not o.is_page and o.about}
        wanted |= {outputs.CATALOG_SCHEMA.path, outputs.PYTHON_CONSTANTS.at(catalog.id),
                   outputs.TYPESCRIPT_CONSTANTS.at(catalog.id), outputs.OPENAPI.at(catalog.id),
                   outputs.CATALOG_SLICE.at(catalog.id), outputs.LLMS_FULL.at(catalog.id)}
        resolved = {posixpath.normpath(posixpath.join(page, link)) for link in links}
        assert wanted <= resolved, wanted - resolved
        for target in resolved:
            assert (site / target).is_file() or (site / target / "index.html").is_file(), target


def test_the_page_shows_the_examples_that_run(built_site, catalogs) -> None:
    site, _ = built_site
    for catalog in catalogs:
        text = (site / outputs.DOWNLOADS.site_path(catalog.id) / "index.html").read_text(encoding="utf-8")
        shown = html.unescape(TAGS.sub("", text))
        sample = downloads.sample(catalog)
        for example in (downloads.python_example(sample), downloads.typescript_example(sample)):
            assert example.strip() in shown


def test_a_catalog_without_an_envelope_shows_a_code_as_input(classes) -> None:
    sample = downloads.sample(classes)
    assert (sample.body, sample.status) == (sample.entry.code, None)
    assert sample.entry.lifecycle.state == "active"


def test_the_sample_is_an_active_entry_with_its_own_example_response(released_catalog) -> None:
    sample = downloads.sample(released_catalog)
    assert sample.entry.code == "100" and sample.status == 400
    assert sample.body["error"]["code"] == 100
