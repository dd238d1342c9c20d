"""RFC 9457 problem details: a catalog that declares them shows that form of every example, its page as the `type`."""

from __future__ import annotations

import html
import json
import re

from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.exports import twins
from macros.site import html_pages

SITE = "https://errors.example/"


def problem_blocks(page_html: str) -> list[dict]:
    blocks = re.findall(r"<pre><span></span><code>(.*?)</code></pre>", page_html, re.S)
    found = [json.loads(html.unescape(block)) for block in blocks]
    return [b for b in found if "type" in b]


def test_a_catalog_that_speaks_problem_details_shows_them_beside_its_envelope(tmp_path, example_files) -> None:
    files = {**example_files, "catalog.yml": example_files["catalog.yml"] + "problem_details: true\n"}
    (catalog,) = load_catalogs(write_catalog(tmp_path, files))
    page = html_pages.code_page(catalog, CodeRef("api", "100"), site_url=SITE).html(highlighted=False)
    assert "application/problem+json" in page
    assert problem_blocks(page) == [{"type": "https://errors.example/example/100/", "title": "The thing is bad.",
                                     "status": 400, "detail": "Thing {name} is bad",
                                     "instance": "urn:example:occurrence:example", "code": 100}]
    record = twins.code_json(catalog, CodeRef("api", "100"), SITE)
    assert record["entries"][0]["example"]["problem_details"]["type"] == "https://errors.example/example/100/"
    assert '"type": "https://errors.example/example/100/"' in twins.code_markdown(catalog, CodeRef("api", "100"), SITE)
    sdk = html_pages.code_page(catalog, CodeRef("sdk", "ClientError"), site_url=SITE).html(highlighted=False)
    assert problem_blocks(sdk) == [], "a system without the envelope's example has no problem-details form"


def test_other_catalogs_show_their_own_format_only(tmp_path, example_files) -> None:
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    page = html_pages.code_page(catalog, CodeRef("api", "100"), site_url=SITE).html(highlighted=False)
    assert problem_blocks(page) == [] and "application/problem+json" not in page
    assert twins.code_json(catalog, CodeRef("api", "100"), SITE)["entries"][0]["example"]["problem_details"] is None
