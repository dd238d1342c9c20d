"""Generated pages (code, table, health, changes) as HTML straight from the model, tested without MkDocs.

Golden files in tests/golden/ hold one page of every kind; `UPDATE_GOLDEN=1 pytest tests/test_pages.py`
rewrites them after an intended change, and `git diff` shows what the change does to the html_pages.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.lint import lint_catalog
from macros.site import html_pages

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def catalog(catalog_twice):
    return catalog_twice


def text_of(content: html_pages.PageContent) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", content.html())).split())


def test_a_code_page_of_a_unique_code(catalog):
    page = html_pages.code_page(catalog, CodeRef("api", "101"))
    assert (page.title, page.description) == ("Example error 101 ThingDown", "The thing service is down.")
    html = page.html()
    assert html.startswith('<h1 id="101-thingdown">101 ThingDown<a class="headerlink" href="#101-thingdown"')
    assert '<a href="../ranges/things/#101">Things Errors</a>' in html
    assert "<strong>Yes</strong>" in html and "Retry-After" in html
    example = re.search(r"<pre><span></span><code>(.*?)</code></pre>", page.html(highlighted=False), re.S).group(1)
    assert json.loads(htmllib.unescape(example)) == {
        "error": {"code": 101, "message": "The thing service is down.", "status": 503}}
    assert '<span class="nt">"error"</span>' in html, "the page's example is highlighted by Pygments"
    assert [(h.level, h.id) for h in page.headings] == [
        (1, "101-thingdown"), (2, "retry"), (2, "example-response")]
    assert page.anchors == {"101-thingdown", "retry", "example-response"}


def test_a_code_listed_twice_shows_both_entries_with_their_anchors(catalog):
    page = html_pages.code_page(catalog, CodeRef("api", "100"))
    assert page.title == "Example error 100 BadThing / OtherThing", "the page's title names the catalog"
    assert "The catalog lists code 100 2 times" in page.html()
    ids = [h.id for h in page.headings]
    assert ids[:4] == ["100-badthing-otherthing", "100-badthing", "how-to-fix-it", "common-causes"], "the fix first"
    assert "100-otherthing" in ids and "retry_1" in ids and "example-response_1" in ids
    tokens = page.toc_tokens()
    assert [t["id"] for t in tokens[0]["children"]][:2] == ["100-badthing", "100-otherthing"]
    assert [c["id"] for c in tokens[0]["children"][0]["children"]][:2] == ["how-to-fix-it", "common-causes"]


def test_each_entry_of_a_repeated_code_shows_a_message_of_its_own_group(catalog):
    page = html_pages.code_page(catalog, CodeRef("api", "100")).html(highlighted=False)
    blocks = re.findall(r"<pre><span></span><code>(.*?)</code></pre>", page, re.S)
    examples = [json.loads(htmllib.unescape(block)) for block in blocks]
    assert {e["error"]["status"]: e["error"]["message"] for e in examples} == {
        400: "Thing {name} is bad", 503: "Another meaning."}


def test_messages_have_their_anchors(catalog):
    page = html_pages.code_page(catalog, CodeRef("api", "100"))
    assert '<h3 id="thing-name-is-bad"><code>Thing {name} is bad</code>' in page.html()
    assert "thing-name-is-bad" in page.anchors


def test_a_secondary_system_page_has_no_example_and_its_own_retry(catalog):
    page = html_pages.code_page(catalog, CodeRef("sdk", "ClientError"))
    assert "Example" not in page.html()
    assert '<a href="../../ranges/sdk/#ClientError">SDK errors</a>' in page.html()
    assert "Fix the client." in text_of(page)


def test_table_rows_carry_their_anchors_and_link_to_code_pages(catalog):
    page = html_pages.table_page(catalog, catalog.group("things"))
    assert page.title == "Things Errors — Example"
    html = page.html()
    assert '<span id="100-badthing"></span><a href="../../100/#100-badthing">' in html
    assert '<span id="101"></span><a href="../../101/">' in html
    assert "<strong>Declared range:</strong> Things (100-199)" in html
    assert {"100-badthing", "101", "thing-name-is-bad"} <= page.anchors


def test_a_messages_table_names_each_messages_code_unless_the_code_is_its_status(catalog):
    html = html_pages.table_page(catalog, catalog.group("things")).html()
    messages = html.split('<details class="codes-section" open>', 1)[1]
    assert messages.startswith("\n<summary>1 message string</summary>"), "the messages fold away on a long page"
    assert "<th>Code</th>\n<th>Message</th>" in messages, "the filter's text finds a message by its code"
    assert '<td><a href="../../100/"><code>100</code></a></td>' in messages
    statuses = html_pages.table_page(http_status_catalog(catalog), catalog.group("things")).html()
    assert "<th>Code</th>\n<th>Message</th>" not in statuses, "where the code is the status, the Status column says it"


def http_status_catalog(catalog):
    """The catalog, its primary system told that its codes are HTTP statuses."""
    systems = tuple(replace(s, kind="http-status") if s.primary else s for s in catalog.systems)
    return replace(catalog, systems=systems)


def test_the_health_page_lists_findings_by_check_with_links(catalog):
    page = html_pages.health_page(catalog, lint_catalog(catalog))
    assert page.title == "Catalog health — Example"
    assert [h.id for h in page.headings][:2] == ["catalog-health", "duplicate-code"]
    assert '<a href="../100/"><code>100</code></a>' in page.html()


def test_hostile_catalog_text_stays_text(tmp_path, example_files):
    evil = "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1)) `code`"
    example_files["things.yml"] = example_files["things.yml"].replace(
        "The thing is bad.", json.dumps(evil)).replace("BadThing", json.dumps("<b onclick=x>Bad</b>")).replace(
        "{name: The name of the thing.}", "{name: " + json.dumps(evil) + "}")
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    for page in (html_pages.code_page(catalog, CodeRef("api", "100")),
                 html_pages.table_page(catalog, catalog.group("things"))):
        html = page.html()
        assert "<script" not in html and "<b " not in html and 'href="javascript' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<code>code</code>" in html
    assert "<code>{name}</code>: &lt;script&gt;" in html_pages.code_page(catalog, CodeRef("api", "100")).html()
    assert html_pages.code_page(catalog, CodeRef("api", "100")).title == "Example error 100 <b onclick=x>Bad</b>"


def test_a_page_without_http_shows_aliases_severity_and_its_systems_example(classes):
    page = html_pages.code_page(classes, CodeRef("sqlstate", "2202E"))
    text = text_of(page)
    assert "HTTP" not in text and "Status" not in text
    assert ("C macro: ERRCODE_ARRAY_SUBSCRIPT_ERROR , ERRCODE_ARRAY_ELEMENT_ERROR (second macro for the same code)"
            in text)
    assert "Severity: Error" in text and "Published" not in text
    assert "ERROR: 2202E: An array subscript is out of range." in text
    assert "The Database codes catalog sets this rule for every code that has none of its own." in text
    assert "<code>ERROR:  22012: division by zero\n</code>" in html_pages.code_page(
        classes, CodeRef("sqlstate", "22012")).html(highlighted=False)


def test_a_messages_translations_are_listed_collapsed_each_in_its_language(translated):
    page = html_pages.code_page(translated, CodeRef("sqlstate", "22P02"))
    html = page.html()
    folded = re.search(r'<details class="message-translations">\n<summary>Translations \(3\)</summary>(.*?)</details>',
                       html, re.S)
    assert folded, "the translations fold away under the message, closed"
    items = re.findall(r"<li>(.*?)</li>", folded.group(1))
    assert items == [
        'German <code>de</code>: <code lang="de">ungültige Eingabesyntax für Typ {type}: »{value}«</code>',
        'French <code>fr</code>: <code lang="fr">syntaxe en entrée invalide pour le type {type} : « {value} »</code>',
        'Japanese <code>ja</code>: <code lang="ja">&#34;{type}&#34;型の入力構文が不正です: &#34;{value}&#34;</code>']
    assert html.index("Translations (3)") > html.index('id="invalid-input-syntax-for-type-type-value"')
    assert not {h.title for h in page.headings} & {"Translations (3)"}, "no heading, no anchor: nothing new to link"
    assert "Translations" not in html_pages.code_page(translated, CodeRef("sqlstate", "2202E")).html()


def test_a_translation_in_a_language_without_a_name_shows_its_tag(tmp_path, translated_files):
    translated_files["class-22.yml"] = translated_files["class-22.yml"].replace(
        "translations: {de: Division durch Null,", "translations: {tlh: Division durch Null,")
    catalog = load_catalogs(write_catalog(tmp_path, translated_files, "db"))[0]
    html = html_pages.code_page(catalog, CodeRef("sqlstate", "22012")).html()
    assert '<li><code>tlh</code>: <code lang="tlh">Division durch Null</code></li>' in html


def test_a_group_can_turn_examples_off_and_a_success_is_not_retried(classes):
    text = text_of(html_pages.code_page(classes, CodeRef("sqlstate", "00000")))
    assert "Example" not in text and "Severity: Success" in text
    assert "Retry: Not applicable : Nothing failed, so there is nothing to retry." in text


def test_a_class_table_shows_severity_and_no_empty_status_column(classes):
    html = html_pages.table_page(classes, classes.group("class-22")).html()
    assert re.findall(r"<th>([^<]*)</th>", html) == ["Code", "Name", "Severity", "Description", "Retryable"]
    assert "<strong>Declared class:</strong> Data Exception (22)" in html


def test_a_json_example_keeps_numbers_and_fills_placeholders_inside_text(tmp_path, example_files):
    example_files["catalog.yml"] = example_files["catalog.yml"].replace(
        "example: {error: {code: $code, message: $message, status: $status}}",
        'example: {error: {code: $code, message: "$name: $message", status: $status}}')
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    page = html_pages.code_page(catalog, CodeRef("api", "101")).html(highlighted=False)
    body = re.search(r"<pre><span></span><code>(.*?)</code></pre>", page, re.S).group(1)
    assert json.loads(htmllib.unescape(body)) == {
        "error": {"code": 101, "message": "ThingDown: The thing service is down.", "status": 503}}


GOLDEN_PAGES = {
    "code-page.html": lambda c, d, r, t: html_pages.code_page(c, CodeRef("api", "100"), lint_catalog(c).for_ref(
        CodeRef("api", "100"))),
    "code-page-secondary-system.html": lambda c, d, r, t: html_pages.code_page(c, CodeRef("sdk", "ClientError")),
    "code-page-of-a-class.html": lambda c, d, r, t: html_pages.code_page(d, CodeRef("sqlstate", "2202E")),
    "code-page-deprecated.html": lambda c, d, r, t: html_pages.code_page(r, CodeRef("api", "101")),
    "code-page-removed.html": lambda c, d, r, t: html_pages.code_page(r, CodeRef("sdk", "ClientError")),
    "table-page.html": lambda c, d, r, t: html_pages.table_page(c, c.group("things")),
    "table-page-of-a-class.html": lambda c, d, r, t: html_pages.table_page(d, d.group("class-22")),
    "table-page-with-lifecycle.html": lambda c, d, r, t: html_pages.table_page(r, r.group("sdk")),
    "health-page.html": lambda c, d, r, t: html_pages.health_page(c, lint_catalog(c)),
    "changes-page.html": lambda c, d, r, t: html_pages.changes_page(r),
    "code-page-with-translations.html": lambda c, d, r, t: html_pages.code_page(t, CodeRef("sqlstate", "22P02")),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden_pages(catalog, classes, released_catalog, translated, name):
    content = GOLDEN_PAGES[name](catalog, classes, released_catalog, translated)
    toc = "\n".join(f"<!-- toc: {'  ' * (h.level - 1)}{h.id} {h.title} -->" for h in content.headings)
    rendered = f"<!-- {content.title} | {content.description} -->\n{toc}\n{content.html()}\n"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert rendered == golden.read_text(encoding="utf-8"), f"{name} changed: run UPDATE_GOLDEN=1 and review git diff"


def without_prose(tmp_path, example_files):
    """The small catalog with the description of 100 and its message's cause left out."""
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    description: The thing is bad.\n", "").replace("    cause: The named thing failed validation.\n", "")
    example_files["catalog.yml"] += "optional_guidance: [causes, fixes]\n"
    return load_catalogs(write_catalog(tmp_path, example_files))[0]


def test_absent_prose_leaves_nothing_in_its_place(tmp_path, example_files):
    catalog = without_prose(tmp_path, example_files)
    page = html_pages.code_page(catalog, CodeRef("api", "100"))
    html = page.html()
    assert 'class="entry-meaning"' not in html and "Cause:" not in html and "None" not in text_of(page)
    assert re.search(r'<p class="entry-retry">', html), "the page opens with the retry verdict instead"
    assert page.description == "Example error 100"
    table = html_pages.table_page(catalog, catalog.group("things")).html()
    assert re.findall(r"<th>([^<]*)</th>", table)[:5] == ["Code", "Name", "Status", "Description", "Retryable"]
    assert "<td></td>" in table, "101 keeps its description, so the column stays; 100's cell is empty"
    group = catalog.group("things")
    alone = html_pages.table_page(catalog, replace(group, entries=group.entries[:1])).html()
    assert "<th>Description</th>" not in alone, "a table whose codes say nothing has no Description column"


def test_the_health_page_reports_prose_coverage_as_information(tmp_path, example_files):
    catalog = without_prose(tmp_path, example_files)
    page = html_pages.health_page(catalog, lint_catalog(catalog))
    assert "prose-coverage" in [h.id for h in page.headings]
    rows = re.findall(r"<tr>\n<td><a [^>]*>([^<]*)</a></td>\n((?:<td>\d+</td>\n)+)</tr>", page.html())
    cells = {title: re.findall(r"\d+", numbers) for title, numbers in rows}
    assert cells["Things Errors"] == ["2", "1", "1", "1", "1", "0"]
    assert cells["SDK errors"] == ["1", "1", "0", "0", "0", "0"]
    assert not any("description" in f.message.lower() for f in lint_catalog(catalog).findings)
