"""The contract with Material's internals (macros/mkdocs_adapter/material_theme.py): the search index and the page
template.

Each test says what changed in Material (or MkDocs) if it fails, so an upgrade that breaks the
contract is found here, not on the published site.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
from pathlib import Path

import material
import pytest
from conftest import ROOT, minimal_project, run_build, write_catalog
from material.plugins.search.plugin import Parser, SearchIndex, SearchPlugin

from macros.mkdocs_adapter.material_theme import search_view
from macros.site import html_pages, urls

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import synthetic


def sections(page_html: str) -> list[tuple[str | None, str, str]]:
    """The sections Material's search parser makes of some HTML."""
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


def test_material_search_indexes_page_content_in_on_page_context():
    source = inspect.getsource(SearchPlugin.on_page_context)
    assert "add_entry_from_context(page)" in source, (
        "Material's search plugin no longer indexes the page in on_page_context: the build gives generated "
        "pages their content there (macros/mkdocs_build.on_page_context), so it must follow the plugin")
    indexing = inspect.getsource(SearchIndex.add_entry_from_context)
    assert "page.content" in indexing and "page.toc" in inspect.getsource(SearchIndex), (
        "Material's search index no longer reads page.content and page.toc: "
        "macros/mkdocs_adapter/material_theme.py must change")


def test_material_search_merges_a_dirty_build_with_the_previous_index_as_assumed():
    plugin = SearchPlugin()
    assert plugin.search_index_prev is None, (
        "Material's search plugin no longer starts with search_index_prev = None: "
        "macros/material_theme.keep_search_entries must change")
    assert "self.search_index_prev = self.search_index" in inspect.getsource(SearchPlugin.on_post_build), (
        "Material's search plugin no longer keeps the previous build's index in search_index_prev: "
        "macros/material_theme.keep_search_entries must change")
    index = SearchIndex(lang=["en"], separator="[\\s]+", pipeline=[], fields={})
    index.entries = [{"location": "a/", "title": "A", "text": ""}, {"location": "#top", "title": "Home", "text": ""}]
    generated = json.loads(index.generate_search_index(None))
    assert generated["docs"] == index.entries, (
        "Material's search index without a previous index no longer writes its entries as they are: "
        "macros/material_theme.keep_search_entries, which merges them itself, must change")


def test_the_search_view_gives_material_the_same_sections(catalogs, classes):
    checked = 0
    for catalog in [*catalogs, classes]:
        for ref in catalog.codes:
            content = html_pages.code_page(catalog, ref)
            full, plain = content.html(), content.html(highlighted=False)
            assert sections(search_view(plain)) == sections(full), (catalog.id, ref)
            checked += 1
    assert checked == sum(len(c.codes) for c in catalogs) + len(classes.codes)


def test_the_search_view_drops_only_markup_the_indexer_ignores():
    page = ('<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>\n'
            '<p><strong>Code:</strong> <a href="../1/"><code>1</code></a><span id="r"></span></p>')
    assert search_view(page) == '<h2 id="x">Title</h2>\n<p>Code: <code>1</code></p>'
    assert sections(search_view(page)) == sections(page)


def build_both(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    shelled = tmp_path / "shelled"
    result = run_build(project, shelled)
    assert result.returncode == 0, result.stderr
    with monkeypatch.context() as patch:
        patch.setenv("CODE_PAGE_SHELL", "false")
        plain = tmp_path / "plain"
        assert run_build(project, plain).returncode == 0
    return shelled, plain, result.stderr


def assert_same_site(one: Path, other: Path) -> int:
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for name in files:
        assert (one / name).read_bytes() == (other / name).read_bytes(), (
            f"{name} differs between the page shell and Material's main.html: a Material upgrade changed "
            "what main.html renders around a code page (macros/mkdocs_adapter/material_theme.py, PageShells)")
    return len(files)


def test_code_pages_from_the_page_shell_are_byte_for_byte_main_html(tmp_path, monkeypatch):
    project = synthetic.write_project(tmp_path / "project", 300)
    shelled, plain, log = build_both(project, tmp_path, monkeypatch)
    filled = int(re.search(r"Code pages: (\d+) from the page shell", log).group(1))
    assert filled >= 300
    assert assert_same_site(shelled, plain) > filled


PAGE_SPECIFIC_THEME = """\
{% extends "base.html" %}
{% block extrahead %}<meta name="page-url" content="{{ page.url }}">{% endblock %}
"""


def test_a_theme_that_shows_more_of_the_page_than_the_shell_slots_gets_the_full_template(tmp_path, monkeypatch):
    project = synthetic.write_project(tmp_path / "project", 100, examples=False)
    (project / "macros" / "theme" / "main.html").write_text(PAGE_SPECIFIC_THEME, encoding="utf-8")
    shelled, plain, log = build_both(project, tmp_path, monkeypatch)
    assert "Code pages: 0 from the page shell." in log, log
    assert 'content="synthetic/101/"' in (shelled / "synthetic" / "101" / "index.html").read_text(encoding="utf-8")
    assert_same_site(shelled, plain)


def test_the_search_index_has_every_section_of_a_code_page(built_site, catalogs):
    index = json.loads((built_site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for catalog in catalogs:
        for ref in list(catalog.codes)[:20]:
            page = urls.code_url(catalog, ref).lstrip("/")
            assert page in locations, page
            for heading in html_pages.code_page(catalog, ref).headings[1:]:
                assert f"{page}#{heading.id}" in locations, (page, heading.id)


@pytest.mark.parametrize(("target", "fails"), [
    ("example/ranges/things.md#100", False), ("example/100.md#common-causes", False),
    ("example/ranges/things.md#199", True), ("example/100.md#no-such-section", True),
])
def test_links_into_generated_pages_are_checked_against_their_anchors(tmp_path, example_files, target, fails):
    project = minimal_project(tmp_path, home=f"# Home\n\nSee [the code]({target}).\n")
    write_catalog(project, example_files)
    result = run_build(project, tmp_path / "site")
    assert (result.returncode != 0) is fails, result.stderr
    assert (f"contains a link '{target}', but the doc" in result.stderr) is fails, result.stderr


def _template_lines(text: str) -> list[str]:
    text = re.sub(r"\{#-.*?-#\}", "", text, flags=re.DOTALL)
    return [line.strip() for line in text.splitlines() if line.strip()]


# Material's partials the theme overrides (macros/theme/partials/), each with what it changes.
PARTIAL_FORKS = {
    "path.html": [("{{ lang.t('nav') }}", "Breadcrumb")],
    "search.html": [('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')],
    "progress.html": [('role="progressbar">', 'role="progressbar" aria-label="Loading the page" aria-hidden="true">')],
    "nav-item.html": [
        ('aria-labelledby="{{ path }}_label" aria-expanded',
         'aria-label="{{ nav_item.title | striptags | e }}" aria-expanded'),
        ('tabindex="{{ tabindex }}">\n<span class="md-nav__icon md-icon"></span>\n</label>\n{% endif %}\n</div>',
         'tabindex="{{ tabindex }}">\n<span class="visually-hidden">{{ render_title(nav_item) }}</span>\n'
         '<span class="md-nav__icon md-icon"></span>\n</label>\n{% endif %}\n</div>'),
    ],
}


@pytest.mark.parametrize("name", sorted(PARTIAL_FORKS))
def test_an_overridden_partial_is_materials_with_only_its_own_changes(name):
    theirs = "\n".join(_template_lines(
        (Path(material.__file__).parent / "templates" / "partials" / name).read_text(encoding="utf-8")))
    for old, new in PARTIAL_FORKS[name]:
        assert theirs.count(old) == 1, f"Material's partials/{name} changed where the override changes it: {old!r}"
        theirs = theirs.replace(old, new)
    ours = "\n".join(_template_lines((ROOT / "macros" / "theme" / "partials" / name).read_text(encoding="utf-8")))
    assert ours == theirs, (
        f"Material's partials/{name} changed: copy it to macros/theme/partials/{name} again with the changes "
        "listed in PARTIAL_FORKS")


def test_every_overridden_partial_is_checked():
    overridden = {p.name for p in (ROOT / "macros" / "theme" / "partials").glob("*.html")}
    assert overridden == set(PARTIAL_FORKS)
