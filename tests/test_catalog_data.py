"""catalog.json (macros/exports/catalog_data.py): the deep-link contract, every entry in full, its schema, its
slices."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from macros.exports import catalog_data
from macros.site import outputs

SCHEMA = json.loads(catalog_data.SCHEMA_SOURCE.read_text(encoding="utf-8"))


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)


def test_the_deep_link_fields_keep_their_meaning(catalog_twice) -> None:
    index = catalog_data.catalog_index([catalog_twice], "/docs/")
    by_url = {item["url"]: item for item in index["entries"]}
    assert by_url["/docs/example/101/"]["retryable"] == "yes"
    assert by_url["/docs/example/100/#100-badthing"]["path"] == "/docs/example/100/"
    message = by_url["/docs/example/100/#thing-name-is-bad"]
    assert message["kind"] == "message" and message["message"] == "Thing {name} is bad"
    assert by_url["/docs/example/sdk/ClientError/"]["status"] is None
    assert len(index["entries"]) == 5
    validate(index)


def test_entries_carry_what_their_page_says(catalog_twice) -> None:
    index = catalog_data.catalog_index([catalog_twice], "/", site_url="https://errors.example/")
    bad = next(item for item in index["entries"] if item["url"] == "/example/100/#100-badthing")
    assert bad["causes"] == ["A bad thing was sent."] and bad["fixes"] == ["Send a good thing."]
    assert bad["retry"]["rule_from"] == "status" and bad["anchor"] == "100-badthing"
    assert bad["twins"] == {"page": "https://errors.example/example/100/",
                            "json": "https://errors.example/example/100/index.json",
                            "markdown": "https://errors.example/example/100/index.md"}
    (catalog,) = index["catalogs"]
    assert [s["path_template"] for s in catalog["systems"]] == ["/example/{code}/", "/example/sdk/{code}/"]
    assert [(g["id"], g["entries"], g["path"]) for g in catalog["groups"]][:2] == [
        ("things", 2, "/example/ranges/things/"), ("more", 1, "/example/ranges/more/")]
    assert catalog["ranges"] == [{"span": "100-199", "name": "Things", "group": "things"}]


def test_releases_and_lifecycles_validate(released_catalog) -> None:
    index = catalog_data.catalog_index([released_catalog], "/")
    validate(index)
    assert [r["version"] for r in index["catalogs"][0]["releases"]] == ["1.0", "2.0"]


def test_the_streamed_files_are_the_document_and_its_slices(tmp_path: Path, catalog_twice, released_catalog) -> None:
    other = replace(released_catalog, id="released")
    catalogs = (catalog_twice, other)
    site = outputs.Site(catalogs, "https://errors.example/docs/")
    tmp_path = tmp_path / "site"
    tmp_path.mkdir()
    (tmp_path / "catalog.json").write_text("".join(catalog_data.index_file(site)), encoding="utf-8")
    (tmp_path / "catalog.schema.json").write_text(catalog_data.schema_file(site), encoding="utf-8")
    for catalog in catalogs:
        (tmp_path / catalog.id).mkdir()
        (tmp_path / catalog.id / "catalog.json").write_text("".join(catalog_data.slice_file(site, catalog)),
                                                            encoding="utf-8")
    whole = json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    assert whole == catalog_data.catalog_index(catalogs, "/docs/", site_url="https://errors.example/docs/")
    validate(whole)
    for catalog in catalogs:
        part = json.loads((tmp_path / catalog.id / "catalog.json").read_text(encoding="utf-8"))
        validate(part)
        assert [c["id"] for c in part["catalogs"]] == [catalog.id]
        assert part["entries"] == [item for item in whole["entries"] if item["catalog"] == catalog.id]
    assert json.loads((tmp_path / "catalog.schema.json").read_text(encoding="utf-8")) == SCHEMA


def test_a_message_carries_its_translations_and_validates(translated) -> None:
    index = catalog_data.catalog_index([translated], "/")
    validate(index)
    messages = {item["message"]: item for item in index["entries"] if item["kind"] == "message"}
    assert list(messages["division by zero"]["translations"]) == ["de", "fr", "ja"]
    assert messages['invalid input syntax for type {type}: "{value}"']["translations"]["de"] == \
        "ungültige Eingabesyntax für Typ {type}: »{value}«"
    bad = json.loads(json.dumps(index))
    next(i for i in bad["entries"] if i["kind"] == "message")["translations"] = {"German": "x"}
    with pytest.raises(jsonschema.ValidationError, match=re.escape("'translations': {'German': 'x'}} is not valid")):
        validate(bad)
