"""Facts a catalog declares once (a SQLSTATE, a primary code, a type, a link): read, checked, and carried by every
page and file for programs, escaped for each."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from conftest import ROOT, write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.exports import catalog_data, llms, lookup, openapi, spreadsheet, twins
from macros.lint import lint_catalog
from macros.site import html_pages, outputs

SITE = "https://errors.example/docs/"
SNAPSHOT = CodeRef("result", "517")


def test_declarations_and_values_load_in_the_catalogs_order(facts_catalog):
    assert [(f.id, f.label, f.kind, f.column, f.lookup) for f in facts_catalog.facts] == [
        ("primary_code", "Primary code", "code", True, True), ("code_type", "Type", "enum", True, False),
        ("reference", "Reference", "url", True, False)]
    assert facts_catalog.facts[0].system == "result" and facts_catalog.facts[1].values == ("primary", "extended")
    recovery, snapshot = list(facts_catalog.entries)[1:]
    assert dict(recovery.facts) == {"primary_code": "5", "code_type": "extended"}, "a number is read as its text"
    assert list(snapshot.facts) == ["primary_code", "code_type", "reference"]
    assert [fact.id for fact, _ in facts_catalog.fact_values(recovery)] == ["primary_code", "code_type"]
    assert not lint_catalog(facts_catalog).findings


def test_the_code_page_states_each_fact_and_links_a_code_of_the_catalog(facts_catalog):
    html = html_pages.code_page(facts_catalog, SNAPSHOT).html(highlighted=False)
    assert '<li><strong>Primary code:</strong> <a href="../5/"><code>5</code></a></li>' in html
    assert "<li><strong>Type:</strong> extended</li>" in html
    assert ('<li><strong>Reference:</strong> <a href="https://www.sqlite.org/rescode.html#busy_snapshot">'
            "https://www.sqlite.org/rescode.html#busy_snapshot</a></li>") in html
    assert "SQLITE_BUSY_SNAPSHOT (517, primary 5): " in html, "an example shows a fact as $<id>"
    primary = html_pages.code_page(facts_catalog, CodeRef("result", "5")).html(highlighted=False)
    assert "Primary code:" not in primary and "SQLITE_BUSY (5, primary ): database is locked" in primary


def test_a_table_has_a_column_and_a_filter_for_each_column_fact(facts_catalog):
    html = html_pages.table_page(facts_catalog, facts_catalog.group("busy")).html()
    assert re.findall(r"<th([^>]*)>([^<]*)</th>", html) == [
        ("", "Code"), ("", "Name"), ("", "Severity"), (' data-fact="primary_code"', "Primary code"),
        (' data-fact="code_type" data-fact-values="[&#34;primary&#34;, &#34;extended&#34;]"', "Type"),
        ("", "Reference"), ("", "Description"), ("", "Retryable")]
    row = re.search(r'<span id="517"></span>.*?</tr>', html, re.S).group(0)
    assert '<td><a href="../../5/"><code>5</code></a></td>\n<td>extended</td>' in row
    first = re.search(r'<span id="5"></span>.*?</tr>', html, re.S).group(0)
    assert "<td></td>\n<td>primary</td>" in first, "an entry without the fact leaves its cell empty"


def test_the_twins_carry_the_values_and_the_declarations(facts_catalog):
    data = twins.code_json(facts_catalog, SNAPSHOT, SITE)
    assert data["entries"][0]["facts"] == {"primary_code": "5", "code_type": "extended",
                                           "reference": "https://www.sqlite.org/rescode.html#busy_snapshot"}
    assert [f["id"] for f in data["catalog"]["facts"]] == ["primary_code", "code_type", "reference"]
    assert data["catalog"]["facts"][0] == {
        "id": "primary_code", "label": "Primary code", "kind": "code",
        "description": "The primary result code an extended code refines.", "values": [], "system": "result",
        "column": True, "lookup": True}
    markdown = twins.code_markdown(facts_catalog, SNAPSHOT, SITE)
    assert "- Primary code: `5`\n- Type: extended\n- Reference: <https://www.sqlite.org/rescode.html#busy_snapshot>\n" \
        in markdown


def test_every_file_for_programs_carries_the_values(facts_catalog):
    document = catalog_data.catalog_index([facts_catalog], "/")
    schema = json.loads((ROOT / "macros" / "schema" / "catalog-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert [f["id"] for f in document["catalogs"][0]["facts"]] == ["primary_code", "code_type", "reference"]
    items = {item["code"]: item for item in document["entries"]}
    assert items["261"]["facts"] == {"primary_code": "5", "code_type": "extended"}
    site = outputs.Site((facts_catalog,), SITE)
    header, *rows = list(csv.reader(io.StringIO("".join(spreadsheet.csv_file(site, facts_catalog)), newline="")))
    assert header[-3:] == ["Primary code", "Type", "Reference"]
    assert rows[1][-3:] == ["5", "extended", ""]
    full = "".join(llms.llms_full(facts_catalog, SITE))
    assert "(retry: yes, Primary code 5, Type extended)" in full
    codes = openapi.openapi(facts_catalog, SITE)["components"]["schemas"]["ResultCode"]["x-codes"]
    assert [c.get("facts", {}).get("primary_code") for c in codes] == [None, "5", "5"]


def test_the_lookup_index_carries_the_searched_facts_only(facts_catalog):
    index = lookup.lookup_index([facts_catalog])
    assert index["catalogs"][0]["facts"] == [["Primary code", "code", ["", "5", "5"]]]
    assert all(len(row) <= 13 for row in index["entries"]), "the values are a column of the catalog, not of the rows"


def test_fact_values_stay_inert_everywhere(tmp_path, facts_files):
    evil = "<script>alert(1)</script>"
    facts_files["catalog.yml"] = facts_files["catalog.yml"].replace(
        "label: Primary code", "label: " + json.dumps(evil)).replace(
        "- {id: code_type, label: Type, kind: enum, values: [primary, extended], column: true}",
        "- {id: code_type, label: Type, kind: text, column: true}")
    facts_files["busy.yml"] = facts_files["busy.yml"].replace(
        "{primary_code: 5, code_type: extended}", "{code_type: " + json.dumps(evil + " `x` *y*") + "}").replace(
        '"https://www.sqlite.org/rescode.html#busy"', '"https://example.com/a?b=1&c=2"')
    catalog = load_catalogs(write_catalog(tmp_path, facts_files, "rc"))[0]
    pages = [html_pages.code_page(catalog, CodeRef("result", code)).html() for code in ("5", "261")]
    pages.append(html_pages.table_page(catalog, catalog.group("busy")).html())
    for html in pages:
        assert "<script" not in html
    assert 'href="https://example.com/a?b=1&amp;c=2"' in pages[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; `x` *y*" in pages[1]
    markdown = twins.code_markdown(catalog, CodeRef("result", "261"), SITE)
    assert "- Type: \\<script\\>alert\\(1\\)\\</script\\> `x` \\*y\\*\n" in markdown
    assert evil in json.dumps(twins.code_json(catalog, CodeRef("result", "261"), SITE)["entries"][0]["facts"])


@pytest.mark.parametrize("template", ["$sqlstate", "code $primary_codes"])
def test_an_example_may_name_only_declared_facts(tmp_path, facts_files, template):
    facts_files["catalog.yml"] = facts_files["catalog.yml"].replace(
        'template: "$name ($code, primary $primary_code): $message"', f'template: "{template}"')
    from macros.catalog.problems import CatalogError
    with pytest.raises(CatalogError) as info:
        load_catalogs(write_catalog(tmp_path, facts_files, "rc"))
    (problem,) = info.value.problems
    assert str(problem).startswith("data/rc/catalog.yml:11: systems[0].example.template: unknown variable $")
    assert "$primary_code, $code_type, $reference (a fact declared under `facts` is $<its id>)" in str(problem)
