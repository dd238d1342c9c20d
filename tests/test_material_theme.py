"""The contract with Material's internals (macros/mkdocs_adapter/material_theme.py): the page template, and the
partials the theme overrides.

Each test says what changed in Material (or MkDocs) if it fails, so an upgrade that breaks the
contract is found here, not on the published site.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import material
import pytest
from conftest import ROOT, minimal_project, run_build, write_catalog

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import synthetic


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
