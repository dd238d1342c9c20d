"""Constants for clients (macros/exports/client_code.py): errors.py imports, errors.ts passes `tsc --strict`, and both
find the entry of every example response the catalog shows, the same way."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT, tsc, write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import Catalog
from macros.exports import client_code, records
from macros.exports.lookup import envelope_paths
from macros.site import downloads, outputs, urls
from macros.site.examples import example_for, example_message, fill

SITE = "https://errors.example/docs/"
NODE = "node"
HOSTILE = 'q"\'\\ */ ${x} `t` </script>\n"""\'\'\' # not a comment\u2028end'


def write_sources(catalog: Catalog, folder: Path, site_url: str | None = SITE) -> Path:
    """errors.py and errors.ts of a catalog, in a folder of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    for language in client_code.LANGUAGES:
        (folder / f"errors.{language}").write_text("".join(client_code.source(catalog, language, site_url)),
                                                   encoding="utf-8")
    return folder


def import_errors(folder: Path, name: str) -> ModuleType:
    """Import a folder's errors.py under a name of its own."""
    spec = importlib.util.spec_from_file_location(name, folder / "errors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_typescript(folder: Path, script: str) -> str:
    """Type-check errors.ts and a script that imports it under --strict, compile both and run the script."""
    (folder / "main.ts").write_text(script, encoding="utf-8")
    checked = tsc("--noEmit", "--strict", "errors.ts", "main.ts", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = tsc("--strict", "--module", "commonjs", "--target", "es2022", "--outDir", "out", "errors.ts", "main.ts",
                cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    ran = subprocess.run([NODE, "out/main.js"], cwd=folder, capture_output=True, text=True, check=False, timeout=120)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


NODE_DRIVER = """\
import { ERRORS, fromResponse } from "./errors";
declare const require: (name: string) => { readFileSync(path: string, encoding: string): string };
const cases: Array<[unknown, number | null]> = JSON.parse(require("fs").readFileSync("cases.json", "utf8"));
const found = cases.map(([body, status]) => {
  const entry = fromResponse(body, status ?? undefined);
  return entry === undefined ? null : ERRORS.indexOf(entry);
});
console.log(JSON.stringify({ errors: ERRORS, found }));
"""


def response_cases(catalog: Catalog) -> list[tuple[Any, int | None]]:
    """What a client may be given: each example response as text and parsed, each message, each code alone."""
    cases: list[tuple[Any, int | None]] = []
    paths = envelope_paths(catalog.envelope.example) if catalog.envelope else {}
    for entry in catalog.entries:
        example = example_for(catalog, entry)
        if example is not None and example.envelope and catalog.envelope is not None:
            message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
            body = fill(catalog.envelope.example, entry, message)
            cases += [(json.dumps(body), entry.status), (body, None)]
        cases.append((entry.code, None))
    for message in catalog.messages:
        owner = catalog.entries_for(message.ref)[0]
        if "message" in paths:
            body = fill(catalog.envelope.example, owner, message.text.replace("{", "<").replace("}", ">"))
            cases.append((json.dumps(body), owner.status))
        cases.append((message.text, None))
    cases += [("no such error at all", None), ({"unrelated": True}, None), (b"\xff\xfe".decode("latin-1"), None)]
    return cases


def as_typescript(constant: object) -> dict[str, object]:
    """A Python constant as its TypeScript twin states it: `facts` only where the entry has any."""
    return {k: v for k, v in vars(constant).items() if k != "facts" or v}


def test_constant_names_are_unique_identifiers_that_do_not_depend_on_order(catalogs) -> None:
    for catalog in catalogs:
        names = client_code.constant_names(catalog)
        assert len(set(names)) == len(names)
        assert all(n.isidentifier() and n.isascii() and n == n.upper() for n in names)
        assert not set(names) & client_code.MODULE_NAMES


def test_constant_names_widen_only_where_names_collide(catalog_twice, classes) -> None:
    names = dict(zip((e.title for e in catalog_twice.entries), client_code.constant_names(catalog_twice),
                     strict=True))
    assert names == {"100 BadThing": "BAD_THING", "101 ThingDown": "THING_DOWN", "100 OtherThing": "OTHER_THING",
                     "ClientError": "SDK_CLIENT_ERROR"}
    assert client_code.constant_names(classes)[:2] == ["SUCCESSFUL_COMPLETION", "FEATURE_NOT_SUPPORTED"]


def test_a_shared_name_takes_the_code_then_the_group(tmp_path, example_files) -> None:
    example_files["things.yml"] = example_files["things.yml"].replace("name: ThingDown", "name: BadThing")
    example_files["more.yml"] = ("group: {id: more, title: More, span: {start: 100, end: 199}}\nentries:\n"
                                 "  - {code: 100, name: BadThing, status: 503, description: Again.}\n"
                                 "  - {code: 150, name: Errors, status: 503, description: A clash with ERRORS.}\n"
                                 "  - {code: 151, status: 503, description: No name.}\n")
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    names = [(e.code, e.group, n) for e, n in zip(catalog.entries, client_code.constant_names(catalog), strict=True)]
    assert sorted(names) == sorted([("100", "things", "BAD_THING_100_THINGS"), ("101", "things", "BAD_THING_101"),
                                    ("100", "more", "BAD_THING_100_MORE"), ("150", "more", "ERRORS_150"),
                                    ("151", "more", "CODE_151"), ("ClientError", "sdk", "SDK_CLIENT_ERROR")])


def test_entries_named_like_the_modules_own_names_still_compile(tmp_path, example_files) -> None:
    named = ["Messages", "Envelope", "Usage", "Placeholder", "Catalog", "Errors", "StatusSystems"]
    example_files["more.yml"] = "group: {id: more, title: More, span: {start: 100, end: 199}}\nentries:\n" + "".join(
        f"  - {{code: {150 + i}, name: {name}, status: 503, description: Named like the module.}}\n"
        for i, name in enumerate(named))
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    names = client_code.constant_names(catalog)
    assert not set(names) & client_code.MODULE_NAMES
    assert "MESSAGES_150" in names and "STATUS_SYSTEMS_156" in names
    folder = write_sources(catalog, tmp_path / "named")
    module = import_errors(folder, "errors_named")
    assert module.USAGE.endswith("/example/downloads/") and module.MESSAGES_150.name == "Messages"
    checked = tsc("--noEmit", "--strict", "errors.ts", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_modules_own_names_are_all_reserved() -> None:
    for language in client_code.LANGUAGES:
        template = (ROOT / "macros" / "templates" / "client" / f"errors.{language}.j2").read_text()
        own = set(re.findall(r"^(?:export )?(?:const |let )?_?([A-Z][A-Z0-9_]+)(?::| =)", template, re.M))
        assert own and own <= client_code.MODULE_NAMES, own - client_code.MODULE_NAMES


def test_comments_cannot_end_early_or_break_a_line() -> None:
    text = client_code.comment_text("a */ b\nc\r\nd\u2028e\x00f </script> " + "x" * 200)
    assert "*/" not in text and "</" not in text and not any(c in text for c in "\n\r\u2028\x00")
    hidden = client_code.comment_text("if admin\u202e } \u2066 check\u200b\ufeff done")
    assert hidden == "if admin } check done", "bidi and zero-width characters never reach a comment"
    assert len(text) == client_code.COMMENT_LENGTH and text.endswith("…")


def test_python_and_typescript_find_the_same_entries_for_every_catalog(tmp_path, catalogs) -> None:
    for catalog in catalogs:
        folder = write_sources(catalog, tmp_path / catalog.id)
        module = import_errors(folder, f"errors_{catalog.id.replace('-', '_')}")
        entries = list(catalog.entries)
        assert [(e.system, str(e.code), e.name, e.status, e.retryable, e.lifecycle, e.url) for e in module.ERRORS] \
            == [(e.system, e.code, e.name, e.status, e.retry.retryable, e.lifecycle.state,
                 "https://errors.example/docs" + urls.entry_url(catalog, e)) for e in entries]
        for name, error in zip(client_code.constant_names(catalog), module.ERRORS, strict=True):
            assert getattr(module, name) is error
        assert module.CATALOG == catalog.id
        cases = response_cases(catalog)
        python = [module.from_response(body, status) for body, status in cases]
        for entry in entries:
            found = module.find(entry.code, entry.system)
            assert entry.name in [f.name for f in found]
            assert module.from_response(entry.code) in module.find(entry.code)
        by_code = catalog.envelope is not None and "code" in envelope_paths(catalog.envelope.example)
        for entry in entries:
            example = example_for(catalog, entry)
            if by_code and example is not None and example.envelope:
                message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
                found = module.from_response(json.dumps(fill(catalog.envelope.example, entry, message)),
                                             entry.status)
                assert found is not None, (catalog.id, entry.code)
                assert (found.system, str(found.code)) == (entry.system, entry.code), (catalog.id, entry.code, found)
        for message in catalog.messages:
            found = module.from_response(message.text)
            owners = {(m.system, m.code) for m in catalog.messages if m.text == message.text}  # shared, acknowledged
            assert found is not None and (found.system, str(found.code)) in owners
        assert module.from_response("no such error at all") is None
        (folder / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
        typescript = json.loads(run_typescript(folder, NODE_DRIVER))
        assert typescript["errors"] == [as_typescript(e) for e in module.ERRORS]
        assert typescript["found"] == [None if e is None else module.ERRORS.index(e) for e in python]


def test_the_downloads_page_examples_run_as_shown(tmp_path, catalogs) -> None:
    for catalog in catalogs:
        folder = write_sources(catalog, tmp_path / catalog.id)
        sample = downloads.sample(catalog)
        url = "https://errors.example/docs" + urls.entry_url(catalog, sample.entry)
        shown = f"{records.code_value(catalog, sample.entry)} {url}\n"
        (folder / "example.py").write_text(downloads.python_example(sample), encoding="utf-8")
        ran = subprocess.run([sys.executable, "example.py"], cwd=folder, capture_output=True, text=True, check=False)
        assert (ran.returncode, ran.stdout) == (0, shown), ran.stderr
        assert run_typescript(folder, downloads.typescript_example(sample)) == shown


def test_hostile_catalog_text_stays_inert_in_both_languages(tmp_path, example_files) -> None:
    quoted = json.dumps(HOSTILE)
    example_files["catalog.yml"] = example_files["catalog.yml"].replace("title: Example", f"title: {quoted}")
    example_files["things.yml"] = (example_files["things.yml"]
                                   .replace("name: BadThing", f"name: {quoted}")
                                   .replace("description: The thing is bad.", f"description: {quoted}")
                                   .replace('message: "Thing {name} is bad"',
                                            f"message: {json.dumps(HOSTILE + '{name}')}"))
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    folder = write_sources(catalog, tmp_path / "hostile", site_url='https://errors.example/"\\*/${x}/')
    module = import_errors(folder, "errors_hostile")
    names = client_code.constant_names(catalog)
    assert module.ERRORS[0].name == HOSTILE and getattr(module, names[0]) is module.ERRORS[0]
    assert module.DOCUMENTATION == 'https://errors.example/"\\*/${x}/example/'
    assert module.from_response(HOSTILE + "anything") is module.ERRORS[0]
    source = (folder / "errors.py").read_text(encoding="utf-8")
    assert all(line.isascii() for line in source.splitlines() if not line.startswith("#"))
    assert "</script>" not in source
    (folder / "cases.json").write_text(json.dumps([[HOSTILE + "anything", None]]), encoding="utf-8")
    typescript = json.loads(run_typescript(folder, NODE_DRIVER))
    assert typescript["errors"] == [as_typescript(e) for e in module.ERRORS]
    assert typescript["found"] == [0]
    assert "</script>" not in (folder / "errors.ts").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", sorted(client_code.LANGUAGES))
def test_the_built_site_publishes_both_files_for_every_catalog(built_site, catalogs, language) -> None:
    site, _ = built_site
    for catalog in catalogs:
        output = outputs.PYTHON_CONSTANTS if language == "py" else outputs.TYPESCRIPT_CONSTANTS
        written = (site / output.at(catalog.id)).read_text(encoding="utf-8")
        assert written == "".join(client_code.source(catalog, language, "http://127.0.0.1:8000/"))
