"""Dirty rebuilds (what `make serve` runs): only what changed is written again, and the result is the clean build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build, write_catalog

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import synthetic

from macros.catalog.loader import load_catalogs
from macros.catalog.model import Catalog
from macros.site import outputs, urls

CODES = 100
DRIVER = ROOT / "tests" / "dirty_session.py"
OLD = 1_000_000_000  # ns: a time no build writes at
PYTHON_CHANGE = '''

_code_page_before_test = code_page


def code_page(catalog, ref, findings=(), site_url=None):  # noqa: D103
    page = _code_page_before_test(catalog, ref, findings, site_url)
    return dataclasses.replace(page, body=page.body + "<p>Changed build code reached this page.</p>")


import dataclasses  # noqa: E402
'''


class Session:
    """tests/dirty_session.py in a subprocess: a serving process's builds without the server."""

    def __init__(self, project: Path, site: Path) -> None:
        env = {**os.environ, "SITE_URL": "http://127.0.0.1:8000/", "NO_MKDOCS_2_WARNING": "1"}
        self._process = subprocess.Popen([sys.executable, str(DRIVER), str(project), str(site)], cwd=project,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True, env=env)
        self.first = self._result()

    def _result(self) -> dict:
        line = self._process.stdout.readline()
        if not line:
            raise AssertionError(f"the dirty session stopped:\n{self._process.stderr.read()[-4000:]}")
        return json.loads(line)

    def rebuild(self) -> dict:
        """Build again, as the server does when a watched file changes."""
        self._process.stdin.write("\n")
        self._process.stdin.flush()
        return self._result()

    def close(self) -> None:
        """End the session."""
        self._process.stdin.close()
        self._process.wait(timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return synthetic.write_project(tmp_path / "project", CODES, examples=False)


@pytest.fixture
def session(project: Path, tmp_path: Path):
    running = Session(project, tmp_path / "served")
    assert running.first["ok"], running.first["log"]
    yield running
    running.close()


def _age(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))


def _written(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.stat().st_mtime_ns != OLD}


def _output(src: str) -> str:
    return urls.site_path(src) + "index.html"


def _catalog_pages(catalogs: tuple[Catalog, ...]) -> set[str]:
    pages = set()
    for catalog in catalogs:
        pages |= {_output(urls.code_src(catalog, ref)) for ref in catalog.codes}
        pages |= {_output(outputs.GROUP_TABLE.at(catalog.id, group.id)) for group in catalog.groups}
        pages.add(_output(outputs.HEALTH.at(catalog.id)))
        pages.add(_output(outputs.DOWNLOADS.at(catalog.id)))
        if catalog.releases:
            pages.add(_output(outputs.CHANGES.at(catalog.id)))
    return pages


def _differences(clean: Path, served: Path) -> list[str]:
    files = {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    served_files = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
    problems = [f"only in the clean build: {f}" for f in sorted(files - served_files)]
    problems += [f"only in the dirty build: {f}" for f in sorted(served_files - files)]
    problems += [f"differs: {f}" for f in sorted(files & served_files)
                 if (clean / f).read_bytes() != (served / f).read_bytes()]
    return problems


def _assert_same_as_clean_build(project: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    result = run_build(project, clean)
    assert result.returncode == 0, result.stderr
    assert _differences(clean, tmp_path / "served") == []


def _synthetic(project: Path) -> Catalog:
    return next(c for c in load_catalogs(project / "data") if c.id == synthetic.CATALOG_ID)


def _hand_written_outputs(project: Path) -> set[str]:
    return {_output(p.relative_to(project / "docs").as_posix()) for p in (project / "docs").rglob("*.md")}


def test_an_edited_entry_writes_again_its_page_its_table_and_the_hand_written_pages(project, session, tmp_path):
    served = tmp_path / "served"
    code = synthetic.edit_entry(project, "Changed by the dirty rebuild test.")
    catalog = _synthetic(project)
    entry = next(e for e in catalog.entries if e.code == str(code))
    group = next(g for g in catalog.groups if entry in g.entries)
    _age(served)

    result = session.rebuild()

    assert result["ok"], result["log"]
    catalog_pages = _catalog_pages(load_catalogs(project / "data"))
    code_page = _output(urls.code_src(catalog, entry.ref))
    written = _written(served)
    whole_catalog = {_output(o.at(catalog.id)) for o in (outputs.DOWNLOADS, outputs.CHANGES) if o.when(catalog)}
    assert written & catalog_pages == {code_page, _output(outputs.GROUP_TABLE.at(catalog.id, group.id))} | whole_catalog
    assert _hand_written_outputs(project) <= written
    assert "Changed by the dirty rebuild test." in (served / code_page).read_text(encoding="utf-8")
    assert f"{2 + len(whole_catalog)} of {len(catalog_pages)} catalog pages written again." in " ".join(result["log"])
    assert not [line for line in result["log"] if line.startswith("WARNING")]
    _assert_same_as_clean_build(project, tmp_path)


def _rewrite(path: Path, change: Callable[[dict], None], above: str = "") -> None:
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    doc = yaml.load(body, Loader=yaml.CSafeLoader)
    change(doc)
    path.write_text(header + "\n" + above + yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8")


def _entry_file(project: Path, code: str) -> tuple[Path, int]:
    for path in sorted((project / "data" / synthetic.CATALOG_ID).glob("*.yml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for i, entry in enumerate(doc.get("entries", ())):
            if str(entry["code"]) == code:
                return path, i
    raise AssertionError(f"no entry with code {code}")


def test_an_edit_reaches_every_page_that_shows_it_and_moved_lines_write_nothing(project, session, tmp_path):
    served = tmp_path / "served"
    catalog = _synthetic(project)
    pointing = next(e for e in catalog.entries if e.see_also and len(catalog.entries_for(e.see_also[0])) == 1)
    target = catalog.entries_for(pointing.see_also[0])[0]
    assert not target.see_also or pointing.ref not in target.see_also
    target_file, index = _entry_file(project, target.code)
    _rewrite(target_file, lambda doc: doc["entries"][index].update(description="Renamed for the dirty rebuild test."))
    other = next(p for p in sorted(target_file.parent.glob("*.yml")) if p.name not in {target_file.name, "catalog.yml"}
                 and p.name != _entry_file(project, pointing.code)[0].name)
    _rewrite(other, lambda doc: None, above="# A comment that moves every line of the file.\n\n")
    _age(served)

    result = session.rebuild()

    assert result["ok"], result["log"]
    page = served / _output(urls.code_src(catalog, pointing.ref))
    assert "Renamed for the dirty rebuild test." in page.read_text(encoding="utf-8")
    moved = {_output(urls.code_src(catalog, e.ref)) for e in catalog.entries if e.location.file.endswith(other.name)}
    assert moved and not moved & _written(served)
    _assert_same_as_clean_build(project, tmp_path)


def test_a_removed_group_and_a_removed_hand_written_page_leave_nothing_behind(project, session, tmp_path):
    catalog = _synthetic(project)
    served = tmp_path / "served"
    group = next(g for g in catalog.groups if not any(r.group == g.id for r in catalog.ranges) and g.entries)
    group_file = project / group.location.file
    gone = [_output(outputs.GROUP_TABLE.at(catalog.id, group.id)),
            *(_output(urls.code_src(catalog, e.ref)) for e in group.entries)]
    overview = served / _output(outputs.OVERVIEW.at(catalog.id))
    assert all((served / page).is_file() for page in gone)
    hand_written = overview.read_text(encoding="utf-8")
    group_file.unlink()
    (project / "docs" / catalog.id / "index.md").unlink()

    result = session.rebuild()

    assert result["ok"], "\n".join(result["log"])
    assert [page for page in gone if (served / page).exists()] == []
    assert overview.read_text(encoding="utf-8") != hand_written, "the generated overview takes the removed page's place"
    _assert_same_as_clean_build(project, tmp_path)


def _removable_entry(text: str, catalog: Catalog) -> tuple[dict, int | str]:
    """A group file's document and the code of an entry no other entry or message names, no other entry shares, inside
    its group's span (the synthetic catalog's deliberate flaws are acknowledged, and must stay)."""
    body = text.partition("\n")[2]
    doc = yaml.load(body, Loader=yaml.CSafeLoader)
    referenced = {code for e in doc["entries"] for code in e.get("see_also", [])}
    referenced |= {m.get("code") for m in doc.get("messages", [])}
    shared = {e.code for e in catalog.entries if sum(other.code == e.code for other in catalog.entries) > 1}
    span = doc["group"]["span"]
    entry = next(e for e in reversed(doc["entries"]) if e["code"] not in referenced and str(e["code"]) not in shared
                 and span["start"] <= e["code"] <= span["end"])
    return doc, entry["code"]


def test_a_failed_rebuild_a_removed_code_and_changed_build_code_all_reach_the_served_site(project, session, tmp_path):
    served = tmp_path / "served"
    catalog = _synthetic(project)
    group_file = next(p for p in sorted((project / "data" / synthetic.CATALOG_ID).glob("*.yml"))
                      if p.name != "catalog.yml" and p.stem != synthetic.STRING_SYSTEM)
    text = group_file.read_text(encoding="utf-8")
    group_file.write_text(text + "\n  broken: [\n", encoding="utf-8")
    failed = session.rebuild()
    assert not failed["ok"]
    assert group_file.name in " ".join(failed["log"])

    doc, removed = _removable_entry(text, catalog)
    doc["entries"] = [e for e in doc["entries"] if e["code"] != removed]
    group_file.write_text(text.partition("\n")[0] + "\n" + yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False),
                          encoding="utf-8")
    removed_page = _output(urls.code_src(catalog, next(e for e in catalog.entries if e.code == str(removed)).ref))
    assert (served / removed_page).is_file()
    with (project / "macros" / "site" / "html_pages.py").open("a", encoding="utf-8") as source:
        source.write(PYTHON_CHANGE)

    result = session.rebuild()

    assert result["ok"], result["log"]
    assert not (served / removed_page).exists()
    code_pages = {_output(urls.code_src(c, ref)) for c in load_catalogs(project / "data") for ref in c.codes}
    assert code_pages and all("Changed build code reached this page." in (served / page).read_text(encoding="utf-8")
                              for page in code_pages)
    assert "(the site around them changed)" in " ".join(result["log"])
    _assert_same_as_clean_build(project, tmp_path)


def test_a_rebuild_with_nothing_changed_writes_no_catalog_page_again(project, session, tmp_path):
    served = tmp_path / "served"
    _age(served)

    result = session.rebuild()

    assert result["ok"], result["log"]
    assert not _written(served) & _catalog_pages(load_catalogs(project / "data"))
    assert json.loads((served / "page-index.json").read_text(encoding="utf-8"))["sections"], (
        "a dirty rebuild keeps the prose of the pages it did not write again")
    _assert_same_as_clean_build(project, tmp_path)


def test_a_removed_catalog_leaves_nothing_behind_in_the_served_site(project, tmp_path, example_files):
    write_catalog(project, example_files)
    session = Session(project, tmp_path / "served")
    assert session.first["ok"], session.first["log"]
    catalog = _synthetic(project)
    served = tmp_path / "served"
    left = [outputs.OVERVIEW.site_path(catalog.id) + "index.html", outputs.RETRIES.site_path(catalog.id) + "index.html",
            *(o.at(catalog.id) for o in outputs.CATALOG_FILES if o.when(catalog))]
    assert all((served / path).is_file() for path in left)
    shutil.rmtree(project / "data" / catalog.id)
    shutil.rmtree(project / "docs" / catalog.id)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    section = f"  - {catalog.title}:\n      - {catalog.id}/index.md\n"
    assert section in config
    (project / "mkdocs.yml").write_text(config.replace(section, ""), encoding="utf-8")

    result = session.rebuild()

    assert result["ok"], "\n".join(result["log"])
    assert [path for path in left if (served / path).exists()] == []
    _assert_same_as_clean_build(project, tmp_path)
    session.close()
