"""The OpenAPI document of a catalog (macros/exports/openapi.py): valid OpenAPI 3.1, and true to the catalog."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from conftest import write_catalog
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from macros.catalog.loader import load_catalogs
from macros.catalog.model import Catalog, Envelope, EnvelopeField
from macros.exports import openapi
from macros.exports.client_code import constant_names
from macros.exports.lookup import envelope_paths
from macros.exports.records import code_value
from macros.site import outputs, urls
from macros.site.examples import example_for, example_message, fill
from macros.site.urls import absolute

SITE = "https://errors.example/docs/"
DOCUMENT = "urn:test:openapi"


def validator(document: dict[str, Any], pointer: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema at a JSON pointer of the document, its `$ref`s resolved inside it."""
    registry = Registry().with_resource(DOCUMENT, Resource(document, DRAFT202012))
    return jsonschema.Draft202012Validator({"$ref": f"{DOCUMENT}#{pointer}"}, registry=registry)


def responses_of(catalog: Catalog) -> list[tuple[Any, Any]]:
    """Each entry that shows the envelope, with the response it is an example of (filled in as on its page)."""
    out = []
    for entry in catalog.entries:
        example = example_for(catalog, entry)
        if example is None or not example.envelope or entry.status is None:
            continue
        message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
        out.append((entry, fill(catalog.envelope.example, entry, message)))
    return out


def test_every_catalog_gives_a_valid_openapi_document(catalogs) -> None:
    for catalog in catalogs:
        document = openapi.openapi(catalog, SITE)
        validate(document)
        assert json.loads(json.dumps(document)) == document
        assert document["openapi"] == "3.1.0"
        assert document["externalDocs"]["url"] == absolute(SITE, outputs.OVERVIEW.url(catalog.id))


def test_the_codes_are_an_enum_with_names_pages_and_constants(catalogs) -> None:
    for catalog in catalogs:
        schemas = openapi.openapi(catalog, SITE)["components"]["schemas"]
        names = dict(zip(map(id, catalog.entries), constant_names(catalog), strict=True))
        for system in catalog.systems:
            schema = schemas[openapi.schema_name(system)]
            entries = [e for e in catalog.entries if e.system == system.id]
            assert schema["enum"] == list(dict.fromkeys(code_value(catalog, e) for e in entries))
            assert len(schema["x-enum-varnames"]) == len(schema["enum"])
            assert [(c["code"], c["name"], c["status"], c["url"], c["constant"]) for c in schema["x-codes"]] == [
                (code_value(catalog, e), e.name, e.status, absolute(SITE, urls.entry_url(catalog, e)), names[id(e)])
                for e in entries]


def test_each_status_has_a_response_whose_schema_takes_exactly_its_codes(catalogs) -> None:
    for catalog in catalogs:
        document = openapi.openapi(catalog, SITE)
        responses = document["components"]["responses"]
        statuses = sorted({e.status for e in catalog.entries if e.status is not None})
        assert list(responses) == [openapi.response_name(s) for s in statuses]
        enveloped = {s.id for s in catalog.systems if s.example is not None and s.example.envelope}
        for status in statuses:
            found = [e for e in catalog.entries if e.status == status]
            carried = [e for e in found if e.system in enveloped or not enveloped]
            response = responses[openapi.response_name(status)]
            assert set(response["x-codes"]) == {code_value(catalog, e) for e in carried}
            assert response.get("x-other-codes", []) == [{"system": e.system, "code": code_value(catalog, e)}
                                                         for e in found if all(e is not c for c in carried)]
        paths = envelope_paths(catalog.envelope.example) if catalog.envelope else {}
        for entry, body in responses_of(catalog):
            for status in statuses:
                name = openapi.response_name(status)
                if "content" not in responses[name]:
                    continue
                schema = validator(document, f"/components/responses/{name}/content/application~1json/schema")
                if "status" in paths:
                    expected = status == entry.status
                elif "code" in paths:
                    expected = code_value(catalog, entry) in responses[name]["x-codes"]
                else:
                    expected = True
                assert schema.is_valid(body) == expected, (catalog.id, entry.code, status)
            check = validator(document, "/components/schemas/Error")
            check.validate(body)


def test_a_response_refuses_a_code_of_another_status(catalog_twice) -> None:
    document = openapi.openapi(catalog_twice, SITE)
    body = {"error": {"code": 101, "message": "down", "status": 400}}
    schema = validator(document, "/components/responses/Error400/content/application~1json/schema")
    assert not schema.is_valid(body)
    assert schema.is_valid({"error": {"code": 100, "message": "bad", "status": 400}})
    assert validator(document, "/components/schemas/Error").is_valid(body)
    assert not validator(document, "/components/schemas/Error").is_valid({"error": {"code": 999, "message": "x",
                                                                                   "status": 400}})


def test_the_envelope_schema_reads_the_field_list() -> None:
    envelope = Envelope("The error.", {"error": {"code": "$code", "message": "$message", "tags": []}}, (
        EnvelopeField("error.code", "integer", "The code.", False),
        EnvelopeField("error.tags", "array of strings", "Tags.", True),
        EnvelopeField("error.trace", "string", "Only in debug mode.", True),
        EnvelopeField("error.weird", "a URL, sometimes", "Free words for a type.", False),
    ))
    schema = openapi.envelope_schema(envelope, {"$ref": "#/components/schemas/ApiCode"})
    error = schema["properties"]["error"]
    assert error["properties"]["code"] == {"$ref": "#/components/schemas/ApiCode", "description": "The code."}
    assert error["properties"]["tags"] == {"type": "array", "items": {"type": "string"}, "description": "Tags."}
    assert error["properties"]["trace"] == {"type": "string", "description": "Only in debug mode."}
    assert error["properties"]["weird"] == {"description": "Free words for a type."}
    assert error["required"] == ["code", "message", "weird"]
    assert schema["description"] == "The error."


def test_problem_details_get_their_schema_and_media_type(tmp_path, example_files) -> None:
    example_files["catalog.yml"] += "problem_details: true\n"
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    document = openapi.openapi(catalog, SITE)
    validate(document)
    content = document["components"]["responses"]["Error400"]["content"]
    problem = content["application/problem+json"]
    assert problem["example"]["type"] == "https://errors.example/docs/example/100/"
    validator(document, "/components/schemas/Problem").validate(problem["example"])


HOSTILE = '"q" \\ */ ${x} </script>\n\u2028 `b` {{ j }}'


def test_catalog_text_stays_data(tmp_path, example_files) -> None:
    example_files["things.yml"] = example_files["things.yml"].replace("name: BadThing", f"name: {json.dumps(HOSTILE)}")
    example_files["things.yml"] = example_files["things.yml"].replace('message: "Thing {name} is bad"',
                                                                      f"message: {json.dumps(HOSTILE + '{name}')}")
    catalog = load_catalogs(write_catalog(tmp_path, example_files))[0]
    document = openapi.openapi(catalog, SITE)
    validate(document)
    written = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(written) == document
    (first, *_) = document["components"]["schemas"]["ApiCode"]["x-codes"]
    assert first["name"] == HOSTILE
    example = document["components"]["responses"]["Error400"]["content"]["application/json"]["example"]
    assert example["error"]["message"] == HOSTILE + "{name}"


def test_the_built_site_publishes_it_for_every_catalog(built_site, catalogs) -> None:
    site, _ = built_site
    for catalog in catalogs:
        document = json.loads((site / outputs.OPENAPI.at(catalog.id)).read_text(encoding="utf-8"))
        validate(document)
        assert document == json.loads(json.dumps(openapi.openapi(catalog, "http://127.0.0.1:8000/")))
