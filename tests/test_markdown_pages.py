"""Renderers: catalog in, Markdown out, tested without MkDocs."""

from __future__ import annotations

import html as htmllib
import re

import markdown
import pytest
from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.site import markdown_pages, outputs

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
    html = to_html(str(markdown_pages.text(raw)))
    assert text_has in htmllib.unescape(html)
    assert html_lacks not in html


def test_text_hides_jinja_and_attr_list_syntax():
    out = str(markdown_pages.text("{{ config }} {% if %} {#x} { #id }"))
    assert "{" not in out and "}" not in out


def test_fenced_block_cannot_be_closed_by_its_content():
    block = str(markdown_pages.fenced("```\n<b>x</b>", "json"))
    assert block.startswith("````json\n") and block.endswith("\n````")
    html = to_html(block)
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_retry_exceptions_and_policy_table(catalog):
    assert [e.code for e in markdown_pages.retry_exceptions(catalog)] == ["ClientError"]
    table = markdown_pages.retry_policy(catalog, "example/retries.md")
    assert '| <span id="status-400"></span>400 Bad Request | No |' in table
    assert "[<code>ClientError</code>](sdk/ClientError.md)" in table


def test_overview_lists_systems_groups_and_declared_ranges(catalog):
    out = markdown_pages.catalog_overview(catalog, "example/index.md")
    assert "| [Things Errors](ranges/things.md) | API codes | 100-199 | 2 | 1 |" in out
    assert "| Things | 100-199 | [Things Errors](ranges/things.md) |" in out
    assert "/example/sdk/&#60;code&#62;/" in out


def classes(tmp_path, classes_files):
    return load_catalogs(write_catalog(tmp_path, classes_files, "db"))[0]


def page_text(markdown_text: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", to_html(markdown_text)))


def test_codes_table_leaves_out_an_empty_status_column(classes):
    html = to_html(markdown_pages.codes_table(classes, "db/index.md", classes.entries))
    assert "<th>Status</th>" not in html and "<th>Description</th>" in html


def test_the_overview_lists_the_classes_once_in_their_order(classes):
    text = markdown_pages.catalog_overview(classes, "db/index.md")
    assert "## Classes" in text and "## Groups" not in text and "Published span" not in text
    rows = re.findall(r"^\| <code>(\w+)</code> \| \[([^\]]+)\]\(([^)]+)\) \| (\d+) \|$", text, re.M)
    assert rows == [("00", "Successful Completion", "ranges/class-00.md", "1"),
                    ("0A", "Feature Not Supported", "ranges/class-0a.md", "1"),
                    ("22", "Data Exception", "ranges/class-22.md", "4"),
                    ("40", "Transaction Rollback", "ranges/class-40.md", "2")]


def test_retry_guidance_without_statuses_gives_group_and_catalog_rules(classes):
    text = page_text(markdown_pages.retry_policy(classes, "db/retries.md"))
    assert "Status" not in text
    assert "Class 40 — Transaction Rollback Yes roll back and run the whole transaction again from its start" in \
        " ".join(text.split())
    assert "Every other code: No: Fix the program" in text
    assert "Every code follows the rule of its group or catalog." in text


def test_the_error_format_shows_each_systems_own_shape(classes):
    text = markdown_pages.envelope(classes, "db/error-format.md")
    assert "As the command-line client prints it in verbose mode." in text
    assert "```text\nERROR:  22012: division by zero\n```" in text
    assert "| Field |" not in text


def test_generated_catalog_pages_link_each_other(classes):
    pages = {o.at(classes.id): o.builds()(classes) for o in outputs.replaceable_pages(classes)}
    assert set(pages) == {"db/index.md", "db/error-format.md", "db/retries.md"}
    overview = pages["db/index.md"]
    assert "# Database codes error reference" in overview
    for target in ("error-format.md", "retries.md", "health.md", "ranges/class-22.md"):
        assert f"]({target})" in overview, target
    assert pages["db/retries.md"].count("# Retry guidance") == 1
    assert "# Error format" in pages["db/error-format.md"]


def test_the_url_scheme_table_takes_its_examples_from_the_catalogs_present(tmp_path, example_files, classes_files,
                                                                           released_files):
    write_catalog(tmp_path, example_files, "example")
    catalogs = load_catalogs(write_catalog(tmp_path, classes_files, "db"))
    table = markdown_pages.url_scheme(catalogs, "url-scheme.md")
    assert "[<code>/db/00000/</code>](db/00000.md)" in table
    assert "[<code>/example/sdk/ClientError/</code>](example/sdk/ClientError.md)" in table
    assert "[<code>/example/100/#thing-name-is-bad</code>](example/100.md#thing-name-is-bad)" in table
    assert "[<code>/example/retries/#status-400</code>](example/retries.md#status-400)" in table
    assert "none in these catalogs" in table  # no catalog lists a code twice
    only_classes = markdown_pages.url_scheme(load_catalogs(write_catalog(tmp_path / "b", classes_files, "db")), "x.md")
    assert only_classes.count("none in these catalogs") == 5  # nor messages, retries, statuses or releases
    released = markdown_pages.url_scheme(load_catalogs(write_catalog(tmp_path / "c", released_files)), "x.md")
    assert "[<code>/example/changes/#release-2-0</code>](example/changes.md#release-2-0)" in released
