"""The twins of a code page (macros/exports/twins.py): index.json in full, index.md clean and inert."""

from __future__ import annotations

import json
import re

from conftest import write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.exports import catalog_data, twins
from macros.site import html_pages

SITE = "https://errors.example/docs/"


def test_the_json_twin_holds_the_entries_in_full(catalog_twice) -> None:
    record = twins.code_json(catalog_twice, CodeRef("api", "100"), SITE)
    assert record["urls"] == {"page": "https://errors.example/docs/example/100/",
                              "json": "https://errors.example/docs/example/100/index.json",
                              "markdown": "https://errors.example/docs/example/100/index.md"}
    assert record["listed"] == 2
    first, second = record["entries"]
    assert (first["name"], first["anchor"], first["url"]) == (
        "BadThing", "100-badthing", "https://errors.example/docs/example/100/#100-badthing")
    assert second["anchor"] == "100-otherthing"
    assert first["causes"] == ["A bad thing was sent."] and first["fixes"] == ["Send a good thing."]
    assert first["retry"] == {"retryable": "no", "how": ["fix-request"], "steps": ["change the request before "
                              "sending it again"], "note": None, "rule_from": "status"}
    assert json.loads(first["example"]["text"]) == {"error": {"code": 100, "message": "Thing {name} is bad",
                                                              "status": 400}}
    assert first["see_also"] == [{"system": "api", "code": "101", "name": "ThingDown",
                                  "url": "https://errors.example/docs/example/101/"}]
    assert first["lifecycle"]["state"] == "active"
    (message,) = record["messages"]
    assert (message["anchor"], message["url"]) == ("thing-name-is-bad",
                                                   "https://errors.example/docs/example/100/#thing-name-is-bad")


def test_the_markdown_twin_is_the_page_without_theme_or_html(catalog_twice) -> None:
    text = twins.code_markdown(catalog_twice, CodeRef("api", "100"), SITE)
    assert text.startswith("# `100` BadThing / OtherThing\n")
    assert "Anchor: `#100-badthing`" in text and "Anchor: `#thing-name-is-bad`" in text
    assert "### Common causes\n\n- A bad thing was sent.\n" in text
    assert "```json\n{\n" in text
    assert "- Placeholder `{name}`: The name of the thing.\n" in text, "what a placeholder stands for, as on the page"
    assert not re.search(r"<(?!https://)", text), "no HTML, only autolinks to the site"


def test_a_lifecycle_shows_in_both_twins(released_catalog) -> None:
    record = twins.code_json(released_catalog, CodeRef("api", "101"), None)
    life = record["entries"][0]["lifecycle"]
    assert life["deprecated"] == {"version": "2.0", "date": "2026-06-01",
                                  "reason": "The service no longer goes down on its own.",
                                  "use_instead": {"system": "api", "code": "100", "name": "BadThing",
                                                  "url": "/example/100/"}}
    assert record["urls"]["json"] == "/example/101/index.json"
    text = twins.code_markdown(released_catalog, CodeRef("api", "101"), None)
    assert "**Deprecated** since release 2.0. The service no longer goes down on its own." in text
    assert "- Use instead: `100` </example/100/>" in text


HOSTILE = "<script>alert(1)</script> *x* _y_ [l](javascript:alert(1)) `code` ${x} */ \\ \"q\" \n# h\n1. item"


def test_catalog_text_stays_inert_in_markdown() -> None:
    text = twins.md_text(HOSTILE)
    assert "\n" not in text and "<script>" not in text and "](" not in text
    assert text.startswith("\\<script\\>alert\\(1\\)\\</script\\> \\*x\\* \\_y\\_ \\[l\\]\\(javascript:alert\\(1\\)\\)")
    assert "`code`" in text and "\\# h 1. item" in text
    assert twins.md_para("1. starts a list") == "1\\. starts a list" and twins.md_para("- x") == "\\- x"
    assert twins.md_text("2.0") == "2.0"
    assert twins.md_code("a `b` c") == "``a `b` c``" and twins.md_code("`x`") == "`` `x` ``"
    fence, _, close = twins.md_block("```\nx\n```", "json")
    assert fence == "````json" and close == "````"


def test_a_placeholder_says_its_kind_and_length_everywhere(tmp_path, example_files) -> None:
    example_files["things.yml"] = example_files["things.yml"].replace(
        "placeholders: {name: The name of the thing.}",
        "placeholders: {name: {description: The name of the thing., type: text, max_length: 64}}")
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    ref = CodeRef("api", "100")
    (message,) = twins.code_json(catalog, ref, SITE)["messages"]
    assert message["placeholders"] == {"name": "The name of the thing."}
    assert message["placeholder_limits"] == {"name": {"type": "text", "max_length": 64}}
    assert "- Placeholder `{name}`: The name of the thing. (text, at most 64 characters)\n" in twins.code_markdown(
        catalog, ref, SITE)
    assert "<code>{name}</code>: The name of the thing. (text, at most 64 characters)</li>" in html_pages.code_page(
        catalog, ref).html()
    record = next(r for r in catalog_data.items(catalog) if r["kind"] == "message")
    assert record["placeholder_limits"] == {"name": {"type": "text", "max_length": 64}}


def test_absent_prose_is_null_in_json_and_left_out_in_markdown(tmp_path, example_files) -> None:
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    description: The thing is bad.\n", "").replace("    cause: The named thing failed validation.\n", "")
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    ref = CodeRef("api", "100")
    data = twins.code_json(catalog, ref, SITE)
    assert data["entries"][0]["description"] is None and data["messages"][0]["cause"] is None
    markdown = twins.code_markdown(catalog, ref, SITE)
    assert "None" not in markdown and "Cause:" not in markdown
    assert data["entries"][0]["example"]["problem_details"] is None or \
        data["entries"][0]["example"]["problem_details"]["title"] == "BadThing"


def test_a_messages_translations_are_in_both_twins_in_the_catalogs_order(translated) -> None:
    ref = CodeRef("sqlstate", "22P02")
    (message,) = twins.code_json(translated, ref, SITE)["messages"]
    assert list(message["translations"].items()) == [
        ("de", "ungültige Eingabesyntax für Typ {type}: »{value}«"),
        ("fr", "syntaxe en entrée invalide pour le type {type} : « {value} »"),
        ("ja", '"{type}"型の入力構文が不正です: "{value}"')]
    assert json.loads(twins.twin_texts(translated, ref, SITE)[twins.JSON_NAME])["messages"][0]["translations"] == \
        message["translations"], "the file keeps the characters as they are"
    text = twins.code_markdown(translated, ref, SITE)
    assert ("- Translations:\n"
            "  - German `de`: `ungültige Eingabesyntax für Typ {type}: »{value}«`\n"
            "  - French `fr`: `syntaxe en entrée invalide pour le type {type} : « {value} »`\n"
            "  - Japanese `ja`: `\"{type}\"型の入力構文が不正です: \"{value}\"`\n") in text
    (plain,) = twins.code_json(translated, CodeRef("sqlstate", "22012"), SITE)["messages"]
    assert plain["translations"]["ja"] == "0 による除算が行われました"
    assert "Translations" not in twins.code_markdown(translated, CodeRef("sqlstate", "2202E"), SITE)


def test_a_translation_stays_inert_in_the_markdown_twin(tmp_path, translated_files) -> None:
    evil = "`x` <script>alert(1)</script> [a](javascript:alert(1))\\n# heading"
    translated_files["class-22.yml"] = translated_files["class-22.yml"].replace(
        "translations: {de: Division durch Null,", "translations: {de: " + json.dumps(evil) + ",")
    catalog = load_catalogs(write_catalog(tmp_path, translated_files, "db"))[0]
    text = twins.code_markdown(catalog, CodeRef("sqlstate", "22012"), SITE)
    assert "  - German `de`: `` `x` <script>alert(1)</script> [a](javascript:alert(1))\\n# heading ``\n" in text
