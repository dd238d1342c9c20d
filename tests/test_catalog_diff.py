"""`python -m macros diff <ref>` (macros/cli/catalog_diff.py): what changed in the catalogs since a git ref."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_catalog

from macros.catalog.loader import load_catalogs
from macros.cli.catalog_diff import Change, as_markdown, changes

RELEASES = 'releases:\n  - {version: "2.0", date: "2026-06-01", summary: The SDK reports through the API.}\nsystems:\n'


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


def release(files: dict[str, str]) -> dict[str, str]:
    """The next release of the example catalog: one code added, one renumbered, one status changed,
    one SDK class removed, one message reworded."""
    things = (files["things.yml"]
              .replace("  - code: 101\n", "  - code: 151\n    moved_from: [101]\n", 1)
              .replace("    status: 400\n", "    status: 503\n", 1)
              .replace('    message: "Thing {name} is bad"', '    message: "Thing {name} is not good"')
              .replace("messages:\n", "  - code: 102\n    name: ThingLost\n    status: 400\n"
                                      "    description: The thing is lost.\nmessages:\n"))
    sdk = files["sdk.yml"].replace("    retry:", '    lifecycle: {removed: {version: "2.0", note: Gone.}}\n    retry:')
    return {**files, "catalog.yml": files["catalog.yml"].replace("systems:\n", RELEASES, 1), "things.yml": things,
            "sdk.yml": sdk}


@pytest.fixture
def repo(tmp_path: Path, example_files: dict[str, str]) -> Path:
    """A git repository whose main branch holds the example catalog; its working tree, the next release."""
    write_catalog(tmp_path, example_files)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "first release")
    write_catalog(tmp_path, release(example_files))
    return tmp_path


def test_every_kind_of_change_is_found(tmp_path: Path, example_files: dict[str, str]) -> None:
    before = load_catalogs(write_catalog(tmp_path / "before", example_files))
    after = load_catalogs(write_catalog(tmp_path / "after", release(example_files)))
    found = [(c.kind, c.subject, c.details, c.url) for c in changes(before, after)]
    assert found == [
        ("release", "2.0 (2026-06-01)", ("The SDK reports through the API.",), "/example/"),
        ("added", "102 ThingLost", ("status 400",), "/example/102/"),
        ("removed", "ClientError", ("lifecycle active -> removed (2.0)",), "/example/sdk/ClientError/"),
        ("renamed", "151 ThingDown", ("was 101",), "/example/151/"),
        ("changed", "100 BadThing", ("status 400 -> 503", "retryable no -> yes"), "/example/100/"),
        ("message added", "'Thing {name} is not good'", ("code 100",), "/example/100/#thing-name-is-not-good"),
        ("message deleted", "'Thing {name} is bad'", ("code 100",), None),
    ]


def test_a_catalog_that_changed_its_id_is_the_same_catalog(tmp_path: Path, example_files: dict[str, str]) -> None:
    before = load_catalogs(write_catalog(tmp_path / "before", example_files))
    renamed = {**example_files, "catalog.yml": example_files["catalog.yml"] + "formerly: [example]\n"}
    after = load_catalogs(write_catalog(tmp_path / "after", renamed, "things-api"))
    assert changes(before, after) == []


def test_the_command_compares_with_a_git_ref_as_text_and_json(repo: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "macros", "diff", *args], cwd=repo, capture_output=True,
                              text=True, check=False, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})

    text = run("main")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Catalog changes since main: 7\n\nexample\n  release: 2.0 (2026-06-01)")
    assert "  renamed: 151 ThingDown: was 101  /example/151/\n" in text.stdout
    data = json.loads(run("main", "--format", "json").stdout)
    assert data["base"] == "main" and len(data["changes"]) == 7
    assert data["changes"][3] == {"kind": "renamed", "catalog": "example", "subject": "151 ThingDown",
                                  "details": ["was 101"], "url": "/example/151/"}
    assert run("HEAD", "--format", "markdown").stdout.count("\n| example |") == 7
    missing = run("no-such-ref")
    assert missing.returncode == 2 and "cannot read data at 'no-such-ref' from git" in missing.stderr


def test_markdown_keeps_catalog_text_inert() -> None:
    change = Change("added", "example", "1 <script>alert(1)</script> | x", ("`code` [link](http://x)",), "/example/1/")
    table = as_markdown([change], "main")
    row = table.splitlines()[-1]
    assert row == ("| example | added | 1 \\<script\\>alert\\(1\\)\\</script\\> \\| x "
                   "| \\`code\\` \\[link\\]\\(http://x\\) | `/example/1/` |")


def test_a_messages_translations_added_changed_and_deleted_are_found(tmp_path: Path, translated_files) -> None:
    before = load_catalogs(write_catalog(tmp_path / "before", translated_files, "db"))
    edited = translated_files["class-22.yml"].replace(
        "translations: {de: Division durch Null, fr: division par zéro, ja: 0 による除算が行われました}",
        "translations: {fr: division par zéro, ja: 0 除算, es: división por cero}")
    after = load_catalogs(write_catalog(tmp_path / "after", {**translated_files, "class-22.yml": edited}, "db"))
    assert [(c.kind, c.subject, c.details, c.url) for c in changes(before, after)] == [
        ("message changed", "'division by zero'",
         ("translation es added", "translation ja changed", "translation de deleted"), "/db/22012/#division-by-zero")]
