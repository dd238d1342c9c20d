"""Renderers: catalog in, Markdown out, tested without MkDocs."""

from __future__ import annotations

import html as htmllib
import json
import re

import markdown
import pytest
from conftest import write_catalog

from macros import render
from macros.loader import load_catalogs
from macros.model import CodeRef

MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]


def to_html(text: str) -> str:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)


@pytest.fixture
def catalog(tmp_path, example_files):
    example_files["more.yml"] = """\
        group: {id: more, title: Zoo Errors, span: {start: 100, end: 199}}
        entries:
          - {code: 100, name: OtherThing, status: 503, description: Another meaning.}
        """
    return load_catalogs(write_catalog(tmp_path, example_files))[0]


@pytest.mark.parametrize(
    ("raw", "text_has", "html_lacks"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>", "<script"),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))", "<a "),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "<img"),
        ("**bold** _it_ `Retry-After`", "<code>Retry-After</code>", "<strong>"),
        ("1. not a list", "1. not a list", "<ol>"),
        ("# not a heading", "# not a heading", "<h1>"),
        ("a | b", "a | b", "<td>"),
    ],
)
def test_text_is_inert(raw, text_has, html_lacks):
    html = to_html(str(render.text(raw)))
    assert text_has in htmllib.unescape(html)
    assert html_lacks not in html


def test_text_hides_jinja_and_attr_list_syntax():
    out = str(render.text("{{ config }} {% if %} {#x} { #id }"))
    assert "{" not in out and "}" not in out


def test_fenced_block_cannot_be_closed_by_its_content():
    block = str(render.fenced("```\n<b>x</b>", "json"))
    assert block.startswith("````json\n") and block.endswith("\n````")
    html = to_html(block)
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_code_page_of_a_unique_code(catalog):
    page = render.render_code_page(catalog, CodeRef("api", "101"))
    assert page.startswith('---\ntitle: "101 ThingDown"\n')
    assert "render_macros: false" in page
    assert "# 101 ThingDown" in page
    assert "[Things Errors](ranges/things.md#101)" in page
    assert "**Yes**" in page and "Retry-After" in page
    example = re.search(r"```json\n(.*?)\n```", page, re.S).group(1)
    assert json.loads(example) == {"error": {"code": 101, "message": "The thing service is down.",
                                             "status": 503}}


def test_code_page_of_a_code_listed_twice_shows_both_and_says_so(catalog):
    page = render.render_code_page(catalog, CodeRef("api", "100"))
    assert 'title: "100 BadThing / OtherThing"' in page
    assert "The catalog lists code 100 2 times" in page
    assert "{ #100-badthing }" in page and "{ #100-otherthing }" in page
    html = to_html(page)
    assert 'id="100-badthing"' in html and 'id="100-otherthing"' in html


def test_code_page_lists_its_messages_with_anchors(catalog):
    html = to_html(render.render_code_page(catalog, CodeRef("api", "100")))
    assert 'id="thing-name-is-bad"' in html
    assert "<code>Thing {name} is bad</code>" in htmllib.unescape(html)


def test_secondary_system_page_has_no_example_and_own_retry(catalog):
    page = render.render_code_page(catalog, CodeRef("sdk", "ClientError"))
    assert "Example response" not in page
    assert "[SDK errors](../ranges/sdk.md#ClientError)" in page
    assert "Fix the client." in page


def test_group_page_rows_carry_anchors_and_link_to_code_pages(catalog):
    page = render.render_group_page(catalog, catalog.group("things"))
    assert "search:\n  boost: 0.2" in page
    html = to_html(page)
    assert '<span id="100-badthing"></span><a href="../100.md#100-badthing">' in html
    assert '<span id="101"></span><a href="../101.md">' in html
    assert "Declared range:** Things (100-199)" in page


def test_hostile_catalog_text_stays_text(tmp_path, example_files):
    evil = "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))"
    example_files["things.yml"] = example_files["things.yml"].replace(
        "The thing is bad.", json.dumps(evil)).replace("BadThing", json.dumps("<b>Bad</b>"))
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    for page in (render.render_code_page(catalog, CodeRef("api", "100")),
                 render.render_group_page(catalog, catalog.group("things"))):
        html = to_html(page)
        assert "<script" not in html and "<b>" not in html and 'href="javascript' not in html
        assert "<script>alert(1)</script>" in htmllib.unescape(html)


def test_retry_exceptions_and_policy_table(catalog):
    assert [e.code for e in render.retry_exceptions(catalog)] == ["ClientError"]
    table = render.retry_policy(catalog, "example/retries.md")
    assert '| <span id="status-400"></span>400 Bad Request | No |' in table
    assert "[<code>ClientError</code>](sdk/ClientError.md)" in table


def test_catalog_index_is_the_deep_link_contract(catalog):
    index = render.catalog_index([catalog], "/docs/")
    by_url = {item["url"]: item for item in index["entries"]}
    assert by_url["/docs/example/101/"]["retryable"] == "yes"
    assert by_url["/docs/example/100/#100-badthing"]["path"] == "/docs/example/100/"
    message = by_url["/docs/example/100/#thing-name-is-bad"]
    assert message["kind"] == "message" and message["message"] == "Thing {name} is bad"
    assert by_url["/docs/example/sdk/ClientError/"]["status"] is None
    assert len(index["entries"]) == 5


def test_overview_lists_systems_groups_and_declared_ranges(catalog):
    out = render.catalog_overview(catalog, "example/index.md")
    assert "| [Things Errors](ranges/things.md) | API codes | 100-199 | 2 | 1 |" in out
    assert "| Things | 100-199 | [Things Errors](ranges/things.md) |" in out
    assert "/example/sdk/&#60;code&#62;/" in out


def test_a_repeated_code_shows_each_entry_an_example_message_of_its_own_group(catalog):
    page = render.render_code_page(catalog, CodeRef("api", "100"))
    examples = [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", page, re.DOTALL)]
    messages = {example["error"]["status"]: example["error"]["message"] for example in examples}
    assert messages == {400: "Thing {name} is bad", 503: "Another meaning."}
