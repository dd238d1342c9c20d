"""The fast path for code pages renders exactly what Python-Markdown renders, or steps aside."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, minimal_project, run_build, write_catalog
from material.plugins.search.plugin import Parser

from macros import render
from macros.fast_pages import Anchors, Converter, Unsupported, resolver, search_view
from macros.loader import load_catalogs

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import synthetic

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.highlight",
              "pymdownx.superfences", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.details"]
CONFIGS = {"toc": {"permalink": True}}
PAGE = """\
# 1806 ConnectedAccountGone

!!! warning "Catalog inconsistency"

    - This code lies where two ranges overlap. [Details](health.md#range-overlap)

Connected account &#60;b&#62; no longer available

- **Code:** <code>1806</code>
- **Group:** [ActionExecute Errors](ranges/actionexecute.md#1806) (published span 1800-1899)

## Common causes

1. Look at the `message` of the response.
1. Second.

## Response headers

| Header | Meaning |
|---|---|
| <code>Retry-After</code> | Seconds to wait. |

## BadRequest (Project Errors) { #1800-badrequest }

```json
{
  "code": 1806
}
```

### Common causes

Text.
"""


def sections(page_html: str) -> list[tuple[str | None, str, str]]:
    """The sections Material's search parser makes of some HTML."""
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


def plain_html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def resolve(target: str) -> tuple[str, str | None, str | None]:
    return resolver("composio/1806.md", lambda src: "../" + src.split("/", 1)[1].removesuffix(".md") + "/")(target)


@pytest.fixture(scope="module")
def converter() -> Converter:
    return Converter(EXTENSIONS, CONFIGS)


def test_subset_converts_to_the_same_html_as_python_markdown(converter):
    rendered = converter.convert(PAGE, resolve)
    expected = plain_html(PAGE.replace("](health.md#", "](../health/#").replace(
        "](ranges/actionexecute.md#", "](../ranges/actionexecute/#"))
    assert rendered.html == expected
    assert rendered.title == "1806 ConnectedAccountGone"
    assert {"1806-connectedaccountgone", "common-causes", "common-causes_1", "1800-badrequest"} <= rendered.anchors
    assert rendered.links_to_anchors == {"composio/health.md": {"range-overlap": "health.md#range-overlap"},
                                         "composio/ranges/actionexecute.md": {"1806": "ranges/actionexecute.md#1806"}}
    (top,) = rendered.toc_tokens
    assert [c["id"] for c in top["children"]] == ["common-causes", "response-headers", "1800-badrequest"]
    assert [c["id"] for c in top["children"][2]["children"]] == ["common-causes_1"]


TABLE_PAGE = """\
# Billing errors

<div class="table-filters" data-table-filters></div>

| Code | Name |
|---|---|
| <span id="20093"></span>[<code>20093</code>](20093.md) | PipelineLockMissing |

<div class="last"></div>
"""


def test_table_pages_raw_div_blocks_and_span_anchors_convert_the_same(converter):
    rendered = converter.convert(TABLE_PAGE, resolve)
    assert rendered.html == plain_html(TABLE_PAGE.replace("](20093.md)", "](../20093/)"))
    assert {"20093", "billing-errors"} <= rendered.anchors


@pytest.mark.parametrize("text", [
    "Some *emphasis*.", "text\n<div></div>", "<div></div>\ntext", '!!! note "n"\n\n    <div></div>',
    "<div><p>inside</p></div>", '<span id="a">text</span>',
    "> a quote", "<div>raw</div>", "- item\n\n- loose item", "Text with a_b underscore",
    "[link](https://example.com)", "    indented code", "- item\ncontinued", "```json\nunclosed",
    "| a | b |\n|---|---|\n| only one |", "![image](x.png)",
])
def test_anything_outside_the_subset_is_refused(converter, text):
    with pytest.raises(Unsupported):
        converter.convert(text, resolve)


def test_anchors_answer_membership_exactly():
    anchors = Anchors(["1806", "common-causes", "__codelineno-0-1"])
    assert "1806" in anchors and "common-causes" in anchors and "__codelineno-0-1" in anchors
    assert not any(probe in anchors for probe in ["180", "806", "common", "1806\ncommon-causes", "", None])
    assert list(anchors) == ["1806", "common-causes", "__codelineno-0-1"]
    assert "x" not in Anchors([])


def test_links_to_missing_pages_are_refused_so_mkdocs_can_warn(converter):
    with pytest.raises(Unsupported):
        converter.convert("- [x](nope.md)", resolver("a/b.md", lambda src: None))


def build_plain(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Build with the fast path switched off."""
    with monkeypatch.context() as patch:
        patch.setenv("FAST_CODE_PAGES", "false")
        result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def assert_same_site(fast: Path, plain: Path) -> int:
    fast_files = sorted(p.relative_to(fast) for p in fast.rglob("*") if p.is_file())
    assert fast_files == sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    for name in fast_files:
        assert (fast / name).read_bytes() == (plain / name).read_bytes(), name
    return len(fast_files)


def test_the_seed_catalogs_build_byte_for_byte_the_same_both_ways(built_site, tmp_path, monkeypatch):
    fast, log = built_site
    catalogs = load_catalogs(ROOT / "data")
    codes = sum(len(c.codes) for c in catalogs)
    catalog_pages = sum(not (ROOT / "docs" / src).is_file() for c in catalogs for src in render.catalog_pages(c))
    generated = codes + sum(len(c.groups) + 1 for c in catalogs) + catalog_pages
    assert (f"Generated pages: {generated} by the fast path, 0 by Python-Markdown; "
            f"code pages: {codes} from the page shell.") in log
    assert assert_same_site(fast, build_plain(ROOT, tmp_path / "plain", monkeypatch)) > generated


def test_a_synthetic_catalog_builds_byte_for_byte_the_same_both_ways(tmp_path, monkeypatch):
    project = synthetic.write_project(tmp_path / "project", 300)
    fast = tmp_path / "fast"
    result = run_build(project, fast)
    assert result.returncode == 0, result.stderr
    counts = re.search(r"Generated pages: (\d+) by the fast path, 0 by Python-Markdown; code pages: (\d+) from the "
                       r"page shell", result.stderr)
    assert counts and int(counts[2]) >= 300 and int(counts[1]) > int(counts[2]), result.stderr
    assert assert_same_site(fast, build_plain(project, tmp_path / "plain", monkeypatch)) > int(counts[1])


PAGE_SPECIFIC_THEME = """\
{% extends "base.html" %}
{% block extrahead %}<meta name="page-url" content="{{ page.url }}">{% endblock %}
"""


def test_a_theme_that_shows_more_of_the_page_than_the_shell_slots_gets_the_full_template(tmp_path, monkeypatch):
    project = synthetic.write_project(tmp_path / "project", 100)
    (project / "macros" / "theme" / "main.html").write_text(PAGE_SPECIFIC_THEME, encoding="utf-8")
    fast = tmp_path / "fast"
    result = run_build(project, fast)
    assert result.returncode == 0 and "code pages: 0 from the page shell." in result.stderr, result.stderr
    assert 'content="synthetic/101/"' in (fast / "synthetic" / "101" / "index.html").read_text(encoding="utf-8")
    assert_same_site(fast, build_plain(project, tmp_path / "plain", monkeypatch))


HIGHLIGHTED = (
    '<h2 id="x">Example<a class="headerlink" href="#x">&para;</a></h2>\n<div class="highlight"><pre><span></span>'
    '<code><a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a><span class="p">{</span>'
    '<span class="nt">&quot;a&quot;</span></code></pre></div>\n<p><span>kept</span> <a href="../">kept</a></p>'
)


def test_the_search_view_drops_only_the_markup_search_ignores_inside_pre():
    assert search_view(HIGHLIGHTED) == (
        '<h2 id="x">Example<a class="headerlink" href="#x">&para;</a></h2>\n<div class="highlight"><pre>'
        '<code>{&quot;a&quot;</code></pre></div>\n<p><span>kept</span> <a href="../">kept</a></p>'
    )


def test_the_search_view_gives_material_the_same_sections(built_site):
    site, _ = built_site
    articles = [(page, text[text.index("<article"):text.index("</article>")])
                for page in sorted(site.glob("*/*/index.html"))
                if "<pre" in (text := page.read_text(encoding="utf-8"))]
    assert articles, "no page of the site has a code block"
    for page, article in articles:
        assert sections(search_view(article)) == sections(article), page


@pytest.mark.parametrize(("target", "fails"), [
    ("example/ranges/things.md#100", False), ("example/100.md#common-causes", False),
    ("example/ranges/things.md#199", True), ("example/100.md#no-such-section", True),
])
def test_links_into_generated_pages_are_checked_against_their_anchors(tmp_path, example_files, target, fails):
    project = minimal_project(tmp_path, home=f"# Home\n\nSee [the code]({target}).\n")
    write_catalog(project, example_files)
    (project / "docs" / "example").mkdir()
    (project / "docs" / "example" / "index.md").write_text("# Example\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert (result.returncode != 0) is fails, result.stderr
    assert (f"contains a link '{target}', but the doc" in result.stderr) is fails, result.stderr
