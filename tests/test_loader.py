"""Loader and validator: good catalogs load into frozen dataclasses, bad ones fail with every problem."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import write_catalog

from macros.catalog.codesets import Prefix
from macros.catalog.loader import load_catalogs
from macros.catalog.model import Alias, CodeRef, ExampleFormat, RangeTerm
from macros.catalog.problems import CatalogError
from macros.site import outputs, urls


def load_one(tmp_path: Path, files: dict[str, str]):
    return load_catalogs(write_catalog(tmp_path, files))[0]


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalogs(write_catalog(tmp_path, files))
    return [str(p) for p in info.value.problems]


def test_valid_catalog_loads_into_frozen_dataclasses(tmp_path, example_files):
    catalog = load_one(tmp_path, example_files)
    assert catalog.id == "example"
    assert [g.id for g in catalog.groups] == ["things", "sdk"]
    entry = catalog.entries_for(CodeRef("api", "100"))[0]
    assert (entry.code, entry.name, entry.status, entry.numeric_code) == ("100", "BadThing", 400, 100)
    assert entry.retry.retryable == "no" and entry.own_retry is None
    assert entry.see_also == (CodeRef("api", "101"),)
    assert entry.location.file == "data/example/things.yml" and entry.location.line == 6
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.code = "999"  # type: ignore[misc]


def test_status_policy_supplies_retry_and_entry_rule_wins(tmp_path, example_files):
    catalog = load_one(tmp_path, example_files)
    down = catalog.entries_for(CodeRef("api", "101"))[0]
    assert down.retry.how == ("retry-after", "backoff")
    sdk = catalog.entries_for(CodeRef("sdk", "ClientError"))[0]
    assert sdk.status is None and sdk.retry.retryable == "no" and sdk.own_retry is sdk.retry


def test_pages_and_message_anchors(tmp_path, example_files):
    catalog = load_one(tmp_path, example_files)
    assert urls.code_url(catalog, CodeRef("api", "100")) == "/example/100/"
    assert urls.code_url(catalog, CodeRef("sdk", "ClientError")) == "/example/sdk/ClientError/"
    (message,) = catalog.messages_for(CodeRef("api", "100"))
    assert message.anchor == "thing-name-is-bad" and message.placeholders == ("name",)


def test_duplicate_codes_are_kept_with_distinct_anchors(tmp_path, twice_files):
    catalog = load_one(tmp_path, twice_files)
    entries = catalog.entries_for(CodeRef("api", "100"))
    assert [e.name for e in entries] == ["BadThing", "OtherThing"]
    assert [e.anchor for e in entries] == ["100-badthing", "100-otherthing"]


def test_yaml_syntax_error_names_file_and_line(tmp_path, example_files):
    example_files["things.yml"] = "group:\n  id: things\n  title: [unclosed\n"
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/things.yml:")
    assert "YAML syntax error" in problem


def test_wrong_type_names_line_and_field(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace("status: 400", "status: four")
    (problem,) = problems(tmp_path, example_files)
    assert problem == "data/example/things.yml:8: entries[0].status: 'four' is not of type 'integer', 'null'"


def test_unknown_key_points_at_the_key(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    description: The thing is bad.", "    description: The thing is bad.\n    sevrity: high")
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/things.yml:10: entries[0].sevrity: unknown key 'sevrity'")


def test_missing_required_field(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        '    message: "Thing {name} is bad"\n', "")
    (problem,) = problems(tmp_path, example_files)
    assert problem == "data/example/things.yml:18: messages[0].message: required field is missing"


def test_range_that_ends_before_it_starts(tmp_path, example_files):
    example_files["catalog.yml"] = example_files["catalog.yml"].replace(
        "{start: 100, end: 199, name: Things", "{start: 199, end: 100, name: Things")
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/catalog.yml:7: ranges[0].end: range 'Things' ends (100)")


def test_every_problem_of_every_file_is_listed_at_once(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace("status: 400", "status: four")
    example_files["sdk.yml"] = example_files["sdk.yml"].replace("system: sdk", "system: sdk\n  colour: red")
    example_files["broken.yml"] = "group: {id: x, title: [\n"
    found = problems(tmp_path, example_files)
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {
        "data/example/things.yml", "data/example/sdk.yml", "data/example/broken.yml"}
    message = str(CatalogError([]))
    assert message.startswith("0 problems")


def test_empty_file_and_non_utf8(tmp_path, example_files):
    example_files["empty.yml"] = ""
    write_catalog(tmp_path, example_files)
    (tmp_path / "data/example/latin1.yml").write_bytes(b"group:\n  title: caf\xe9\n")
    with pytest.raises(CatalogError) as info:
        load_catalogs(tmp_path / "data")
    found = [str(p) for p in info.value.problems]
    assert "data/example/empty.yml:1: the file is empty" in found
    assert "data/example/latin1.yml:2: not UTF-8 text (byte 0xe9)" in found


def test_key_given_twice(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    name: BadThing\n", "    name: BadThing\n    name: WorseThing\n")
    (problem,) = problems(tmp_path, example_files)
    assert problem == "data/example/things.yml:8: entries[0].name: key given twice"


def test_alias_bomb_is_refused(tmp_path, example_files):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 8):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, " \
                f"*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    example_files["bomb.yml"] = bomb
    found = problems(tmp_path, example_files)
    assert any("aliases that expand too far" in p for p in found)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("things.yml", "  - code: 100\n    message", "  - code: 109\n    message"),
         "things.yml:18: code: message 'Thing {name} is bad' comes with code 109"),
        (("sdk.yml", "system: sdk", "system: cli"), "sdk.yml:4: group.system: unknown code system 'cli'"),
        (("sdk.yml", "    retry: {retryable: \"no\", how: [update-client], note: Fix the client.}\n", ""),
         "sdk.yml:6: entries[0].retry: this entry has no retry rule: give the entry its own `retry`, or set "
         "a default `retry` for its group"),
        (("things.yml", "status: 503", "status: 418"), "things.yml:15: entries[1].status: status 418 has no retry"),
        (("catalog.yml", "group: things}", "group: stuff}"),
         "catalog.yml:7: ranges[0].group: no group with id 'stuff'"),
        (("things.yml", "  - code: 101", "  - code: ../x"), "'../x' is not a valid code"),
        (("catalog.yml", "kind: numeric", "kind: numbers"), "catalog.yml:4: systems[0].kind: 'numbers' is not one of"),
        (("catalog.yml", "primary: true", "primary: false"), "exactly one code system must be primary"),
    ],
)
def test_cross_reference_and_value_problems(tmp_path, example_files, change, expected):
    file_name, old, new = change
    assert old in example_files[file_name]
    example_files[file_name] = example_files[file_name].replace(old, new)
    found = problems(tmp_path, example_files)
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(("file_name", "old", "new", "expected"), [
    ("things.yml", "  - code: 101", "  - code: downloads",
     "things.yml:13: entries[1].code: code 'downloads' would take /example/downloads/, but the site keeps that name"),
    ("things.yml", "  - code: 101", "  - code: OpenAPI.json", "entries[1].code: code 'OpenAPI.json' would take"),
    ("things.yml", "  - code: 101", "  - code: README", "code 'README' would take /example/README/"),
    ("sdk.yml", "  - code: ClientError", "  - code: index.json",
     "sdk.yml:6: entries[0].code: code 'index.json' would take /example/sdk/index.json/"),
    ("sdk.yml", "  - code: ClientError", "  - code: llms-full.txt", "code 'llms-full.txt' would take"),
    ("sdk.yml", "  id: sdk", "  id: index", "sdk.yml:2: group.id: group id 'index' would take /example/ranges/"),
    ("catalog.yml", "{id: sdk,", "{id: downloads,",
     "catalog.yml:5: systems[1].id: code system id 'downloads' would take /example/downloads/"),
])
def test_reserved_names_are_refused_in_every_code_system_group_and_system(tmp_path, example_files, file_name, old,
                                                                         new, expected):
    assert old in example_files[file_name]
    example_files[file_name] = example_files[file_name].replace(old, new)
    if old == "{id: sdk,":
        example_files["sdk.yml"] = example_files["sdk.yml"].replace("system: sdk", "system: downloads")
    found = problems(tmp_path, example_files)
    assert any(expected in p and "data/README.md lists the reserved names" in p for p in found), found


@pytest.mark.parametrize("name", ["downloads", "changes", "search", "readme"])
def test_a_catalog_cannot_take_a_reserved_name(tmp_path, example_files, name):
    data = write_catalog(tmp_path, example_files)
    (data / "example").rename(data / name)
    with pytest.raises(CatalogError) as info:
        load_catalogs(data)
    (problem,) = info.value.problems
    assert str(problem).startswith(f"data/{name}:1: catalog id {name!r} would take /{name}/")
    assert "rename the folder" in str(problem)


def test_reserved_names_cover_every_file_and_page_a_catalog_gets(tmp_path, example_files):
    example_files["catalog.yml"] += "releases:\n  - {version: '1', date: 2026-01-01, summary: First.}\n"
    catalog = load_one(tmp_path, example_files)
    codes = {urls.code_src(catalog, ref) for ref in catalog.codes}
    own = [src for src in urls.generated_srcs(catalog) if src not in codes] + outputs.file_paths(catalog)
    names = {path.split("/")[1].removesuffix(".md") for path in own}
    assert {"index", "downloads", "changes", "openapi.json", "changes.xml", "ranges"} <= names
    names |= {"index.json", "index.md", "index.html"}
    assert [name for name in sorted(names) if not urls.reserved(name) or not urls.reserved(name.upper())] == []


def test_data_readme_lists_exactly_the_reserved_names():
    text = (Path(__file__).parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Reserved names\n", 1)[1].split("\n## ", 1)[0]
    listing = section.split("\n\n")[1]
    assert set(re.findall(r"`([^`]+)`", listing)) == urls.RESERVED_PAGE_NAMES


def test_files_the_loader_does_not_expect_are_named(tmp_path, example_files):
    data = write_catalog(tmp_path, example_files)
    folder = data / "example"
    (folder / "nested").mkdir()
    (folder / "nested" / "more.yml").write_text("group: {id: more, title: More}\n")
    (folder / "extra.yml").mkdir()
    (folder / "notes.txt").write_text("notes")
    (folder / "gone.yml").symlink_to(folder / "missing.yml")
    outside = tmp_path / "outside.yml"
    outside.write_text("group: {id: outside, title: Outside}\n")
    (folder / "linked.yml").symlink_to(outside)
    with pytest.raises(CatalogError) as info:
        load_catalogs(data)
    found = {p.file: p.message for p in info.value.problems}
    assert set(found) == {"data/example/nested", "data/example/extra.yml", "data/example/notes.txt",
                          "data/example/gone.yml", "data/example/linked.yml"}
    assert found["data/example/nested"].startswith("a folder: group files are read only from the catalog's folder")
    assert found["data/example/extra.yml"].startswith("a folder")
    assert found["data/example/notes.txt"].startswith("not a group file")
    assert found["data/example/gone.yml"].startswith("not a readable file (a broken link?)")
    assert found["data/example/linked.yml"].startswith(f"a link to {outside}")


def test_editor_files_and_a_readme_are_passed_over(tmp_path, example_files):
    data = write_catalog(tmp_path, example_files)
    folder = data / "example"
    (folder / ".#things.yml").symlink_to(tmp_path / "user@host.1234")
    (folder / "things.yml~").write_text("not: [valid")
    (folder / "#things.yml#").write_text("not: [valid")
    (folder / "README.md").write_text("# About this catalog\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    assert [c.id for c in load_catalogs(data)] == ["example"]


def test_a_catalog_linked_from_outside_the_data_folder_is_refused(tmp_path, example_files):
    elsewhere = write_catalog(tmp_path / "elsewhere", example_files)
    data = tmp_path / "project" / "data"
    data.mkdir(parents=True)
    (data / "example").symlink_to(elsewhere / "example")
    with pytest.raises(CatalogError) as info:
        load_catalogs(data)
    (problem,) = info.value.problems
    assert str(problem).startswith("data/example:1: a link to ") and "outside data/" in str(problem)


def test_an_unreadable_file_is_a_problem_not_a_traceback(tmp_path, example_files, monkeypatch):
    data = write_catalog(tmp_path, example_files)
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "things.yml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(CatalogError) as info:
        load_catalogs(data)
    assert [str(p) for p in info.value.problems] == [
        "data/example/things.yml:1: cannot read the file (Permission denied): check that it exists and can be read"]


def test_a_name_over_its_limit_is_measured_not_repeated(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace("name: BadThing", "name: " + "N" * 5000)
    (problem,) = problems(tmp_path, example_files)
    assert problem.startswith("data/example/things.yml:7: entries[0].name: 'NNNN")
    assert problem.endswith("is 5,000 characters long, more than the 200 allowed here: shorten it")
    assert len(problem) < 200


def test_no_traceback_for_missing_data_folder(tmp_path):
    with pytest.raises(CatalogError, match="the data folder does not exist"):
        load_catalogs(tmp_path / "nowhere")


def test_schema_refs_are_inlined_except_recursive_ones_and_refs_with_constraints():
    from macros.catalog.schema import inline_refs as _inline_refs

    schema = {
        "properties": {
            "id": {"$ref": "#/$defs/slug", "description": "The id."},
            "tree": {"$ref": "#/$defs/tree"},
            "short": {"$ref": "#/$defs/slug", "maxLength": 3},
            "other": {"$ref": "other.json#/$defs/code"},
        },
        "$defs": {
            "slug": {"type": "string", "pattern": "^[a-z]+$"},
            "tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"}}},
        },
    }
    other = {"$defs": {"code": {"$ref": "#/$defs/number"}, "number": {"type": "integer"}}}
    inlined = _inline_refs(schema, {"": schema, "other.json": other}, ())["properties"]
    assert inlined["id"] == {"type": "string", "pattern": "^[a-z]+$", "description": "The id."}
    assert inlined["tree"] == {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"}}}
    assert inlined["short"] == {"$ref": "#/$defs/slug", "maxLength": 3}
    assert inlined["other"] == {"type": "integer"}


# --- catalogs of other styles ---------------------------------------------------------------------


def test_classes_aliases_severities_and_defaults_load(tmp_path, classes_files):
    catalog = load_one(tmp_path, classes_files)
    assert [(r.span, r.name, r.group) for r in catalog.ranges][:2] == [
        (Prefix("00"), "Successful Completion", "class-00"), (Prefix("0A"), "Feature Not Supported", "class-0a")]
    assert catalog.range_term == RangeTerm("class", "classes")
    assert catalog.envelope is None and dict(catalog.statuses) == {} and not catalog.has_statuses
    assert catalog.optional_guidance == {"causes", "fixes"}
    (subscript,) = catalog.entries_for(CodeRef("sqlstate", "2202E"))
    assert subscript.aliases == (Alias(name="ERRCODE_ARRAY_SUBSCRIPT_ERROR"),
                                 Alias(name="ERRCODE_ARRAY_ELEMENT_ERROR", note="second macro for the same code"))
    assert subscript.numeric_code is None and subscript.severity == "error"
    (success,) = catalog.entries_for(CodeRef("sqlstate", "00000"))
    assert success.severity == "success" and not success.retry.applies and success.retry_source == "group"
    assert catalog.system("sqlstate").example == ExampleFormat(
        "text", "$SEVERITY:  $code: $message", "As the command-line client prints it in verbose mode.")
    assert catalog.system("sqlstate").unique_names and catalog.system("sqlstate").alias_label == "C macro"
    assert not catalog.group("class-00").example and catalog.group("class-22").example


def test_retry_comes_from_the_entry_then_its_status_then_its_group_then_the_catalog(tmp_path, example_files):
    example_files["catalog.yml"] += 'retry: {retryable: "conditional", how: [contact-support]}\n'
    example_files["things.yml"] = example_files["things.yml"].replace(
        "  span: {start: 100, end: 199}\n",
        '  span: {start: 100, end: 199}\n  retry: {retryable: "no", how: [update-client]}\n')
    example_files["things.yml"] = example_files["things.yml"].replace("messages:\n", (
        "  - {code: 102, name: NoStatus, description: Has no status.}\n"
        "  - {code: 103, name: OtherStatus, status: 418, description: A status without a policy.}\n"
        "messages:\n"))
    example_files["sdk.yml"] += "  - {code: Plain, description: Nothing of its own.}\n"
    catalog = load_one(tmp_path, example_files)

    def source(system: str, code: str) -> tuple[str, str]:
        (entry,) = catalog.entries_for(CodeRef(system, code))
        return entry.retry_source, entry.retry.retryable

    assert source("api", "100") == ("status", "no")
    assert source("api", "102") == ("group", "no")
    assert source("api", "103") == ("group", "no")
    assert source("sdk", "ClientError") == ("entry", "no")
    assert source("sdk", "Plain") == ("catalog", "conditional")


def test_groups_come_in_the_order_the_catalog_declares_them(tmp_path, example_files):
    example_files["catalog.yml"] = example_files["catalog.yml"].replace(
        "  - {start: 100, end: 199, name: Things, group: things}\n",
        "  - {start: 300, end: 399, name: Later, group: later}\n"
        "  - {start: 100, end: 199, name: Things, group: things}\n")
    example_files["later.yml"] = """\
        group: {id: later, title: A Later Group}
        entries:
          - {code: 300, status: 400, description: "Declared first, numbered last."}
        """
    example_files["between.yml"] = """\
        group: {id: between, title: Between, span: {start: 350, end: 359}}
        entries:
          - {code: 350, status: 400, description: "Not declared; its numbers follow the declared 300-399."}
        """
    catalog = load_one(tmp_path, example_files)
    assert [g.id for g in catalog.groups] == ["later", "between", "things", "sdk"]


def test_translations_load_in_the_order_written_and_keep_their_placeholders(translated):
    (exact,) = translated.messages_for(CodeRef("sqlstate", "22012"))
    assert list(exact.translations.items()) == [("de", "Division durch Null"), ("fr", "division par zéro"),
                                                ("ja", "0 による除算が行われました")]
    (template,) = translated.messages_for(CodeRef("sqlstate", "22P02"))
    assert list(template.translations) == ["de", "fr", "ja"]
    assert template.translations["ja"] == '"{type}"型の入力構文が不正です: "{value}"'
    with pytest.raises(TypeError):
        template.translations["de"] = "x"  # type: ignore[index]


def test_a_message_without_translations_has_none(tmp_path, example_files):
    (message,) = load_one(tmp_path, example_files).messages
    assert dict(message.translations) == {}


@pytest.mark.parametrize("tag", ["de", "pt-BR", "zh-Hant-TW", "gsw", "de-CH-1996"])
def test_a_translation_is_keyed_by_a_language_tag(tmp_path, example_files, tag):
    example_files["things.yml"] += f"    translations: {{{tag}: 'Ding {{name}} ist schlecht'}}\n"
    (message,) = load_one(tmp_path, example_files).messages
    assert dict(message.translations) == {tag: "Ding {name} ist schlecht"}


@pytest.mark.parametrize(("tag", "text", "expected"), [
    ("German", "Ding {name}", "things.yml:23: messages[0].translations.German: 'German' is not a language tag"),
    ("de_DE", "Ding {name}", "things.yml:23: messages[0].translations.de_DE: 'de_DE' is not a language tag"),
    ("de", '" "', "things.yml:23: messages[0].translations.de: is only spaces"),
    ("de", "Ding", "things.yml:23: messages[0].translations.de: the de translation lacks {name}, which the message "
                   "has"),
    ("de", "Ding {name} {name} {ort}", "things.yml:23: messages[0].translations.de: the de translation has {ort}, "
                                       "which the message does not have"),
])
def test_a_bad_translation_is_refused_at_its_line(tmp_path, example_files, tag, text, expected):
    example_files["things.yml"] += f"    translations:\n      {tag}: {text}\n"
    said = problems(tmp_path, example_files)
    assert len(said) == 1 and expected in said[0], said
