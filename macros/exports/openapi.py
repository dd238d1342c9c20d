"""`/<catalog>/openapi.json`: the catalog's errors as OpenAPI 3.1 components another spec can `$ref`.

Pure (model in, data out). The error envelope becomes the `Error` schema, built from the
catalog's example response and its field list; each code system becomes a schema whose `enum`
holds its codes, with names, statuses and pages in `x-` extensions where OpenAPI has no field;
each HTTP status the codes use becomes a reusable response that lists those codes and narrows
the envelope's code to them. A catalog that speaks RFC 9457 also gets a `Problem` schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from http import HTTPStatus
from typing import Any

from ..catalog.model import Catalog, CodeSystem, Envelope, EnvelopeField, ErrorEntry
from ..site import outputs, urls
from ..site.examples import PROBLEM_MEDIA_TYPE, example_for, example_message, fill, problem_details
from ..site.outputs import Site
from ..site.urls import absolute
from .client_code import constant_names, names_of
from .lookup import envelope_paths
from .records import EntryRecord, code_value, entry_records, of_site

OPENAPI_VERSION = "3.1.0"
ERROR_SCHEMA = "Error"
PROBLEM_SCHEMA = "Problem"
JSON_TYPES = {"string": "string", "strings": "string", "integer": "integer", "integers": "integer", "int": "integer",
              "number": "number", "numbers": "number", "boolean": "boolean", "bool": "boolean", "object": "object",
              "objects": "object", "null": "null"}
PLACEHOLDER_TYPES = {"$code": None, "$status": "integer", "$message": "string", "$name": "string",
                     "$description": "string", "$fix": "string", "$severity": "string", "$SEVERITY": "string"}


def schema_name(system: CodeSystem) -> str:
    """The component name of a code system's schema: `api` -> `ApiCode`, `http-status` -> `HttpStatusCode`."""
    return "".join(part.capitalize() for part in system.id.split("-")) + "Code"


def response_name(status: int) -> str:
    """The component name of the reusable response for an HTTP status: `Error404`."""
    return f"Error{status}"


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _field_type(text: str) -> dict[str, Any]:
    """A field's JSON type from the catalog's words for it (`integer`, `array of strings`); none if unclear."""
    words = text.lower().replace(",", " ").split()
    if words[:1] == ["array"] or words[:1] == ["list"]:
        items = JSON_TYPES.get(words[-1]) if len(words) > 2 and words[1] == "of" else None
        return {"type": "array", **({"items": {"type": items}} if items else {})}
    found = JSON_TYPES.get(words[0]) if len(words) == 1 else None
    return {"type": found} if found else {}


def _value_type(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if value is None:
        return {"type": "null"}
    if isinstance(value, list):
        return {"type": "array"}
    return {"type": "string"}


def envelope_schema(envelope: Envelope, code: dict[str, Any] | None) -> dict[str, Any]:
    """The envelope as a JSON Schema: the example's shape, the fields' descriptions, the code as `code`."""
    fields: dict[str, EnvelopeField] = {f.name: f for f in envelope.fields}
    seen: set[str] = set()

    def node(value: Any, path: str) -> dict[str, Any]:
        field = fields.get(path)
        seen.add(path)
        if isinstance(value, dict):
            schema: dict[str, Any] = {"type": "object", "properties": {
                key: node(child, f"{path}.{key}" if path else key) for key, child in value.items()}}
            required = [key for key in value if not getattr(fields.get(f"{path}.{key}" if path else key),
                                                            "optional", False)]
            if required:
                schema["required"] = required
        elif isinstance(value, str) and value in PLACEHOLDER_TYPES:
            kind = PLACEHOLDER_TYPES[value]
            schema = dict(code or {}) if kind is None else {"type": kind}
        else:
            schema = _value_type(value)
        if field is not None:
            declared = _field_type(field.type)
            if declared and "$ref" not in schema and "anyOf" not in schema:
                schema.update({k: v for k, v in declared.items() if k != "type" or schema.get("type") != "object"})
            schema["description"] = field.description
        return schema

    root = node(envelope.example, "")
    for field in envelope.fields:
        if field.name in seen:
            continue
        parent, *rest = root, *field.name.split(".")
        *steps, last = rest
        for step in steps:
            parent = parent.setdefault("properties", {}).setdefault(step, {"type": "object"})
        parent.setdefault("properties", {})[last] = {**_field_type(field.type), "description": field.description}
        if not field.optional:
            parent.setdefault("required", []).append(last)
    root["description"] = envelope.description
    return root


def _code_schema(system: CodeSystem, entries: list[tuple[EntryRecord, str]]) -> dict[str, Any]:
    values: dict[int | str, str] = {}
    listed = []
    for record, constant in entries:
        values.setdefault(record.value, constant)
        listed.append({"code": record.value, "name": record.name, "constant": constant, "status": record.status,
                       "retryable": record.retryable, "lifecycle": record.lifecycle, "url": record.url,
                       **({"facts": dict(record.facts)} if record.facts else {})})
    kinds = sorted({"integer" if isinstance(v, int) else "string" for v in values} or {"string"})
    return {"title": system.title, "description": system.description or system.title,
            "type": kinds[0] if len(kinds) == 1 else kinds, "enum": list(values),
            "x-enum-varnames": list(values.values()), "x-codes": listed}


def _narrowed(path: list[str | int], schema: dict[str, Any]) -> dict[str, Any]:
    for step in reversed(path):
        schema = {"type": "object", "properties": {str(step): schema}} if isinstance(step, str) else \
            {"type": "array", "prefixItems": [{}] * step + [schema]}
    return schema


def _response(catalog: Catalog, status: int, entries: list[ErrorEntry], enveloped: set[str],
              site_url: str | None) -> dict[str, Any]:
    """The response of every entry with a status: the codes the envelope carries in `x-codes` (all codes, when no
    system uses the envelope), those of other systems in `x-other-codes`."""
    policy = catalog.statuses.get(status)
    try:
        title = policy.title if policy else HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    carried = [e for e in entries if e.system in enveloped] if enveloped else entries
    codes = list(dict.fromkeys(code_value(catalog, e) for e in carried))
    response: dict[str, Any] = {
        "description": f"{status} {title}: the response of {len(codes)} code{'s' if len(codes) != 1 else ''} "
                       f"of the {catalog.title} catalog (listed in `x-codes`).",
        "x-codes": codes,
    }
    others = [{"system": e.system, "code": code_value(catalog, e)} for e in entries
              if enveloped and e.system not in enveloped]
    if others:
        response["x-other-codes"] = others
    if policy is not None:
        response["x-retry"] = {"retryable": policy.retry.retryable, "how": list(policy.retry.how),
                               **({"note": policy.retry.note} if policy.retry.note else {})}
    envelope = catalog.envelope
    shown = next((e for e in carried if e.lifecycle.state == "active"), carried[0] if carried else entries[0])
    example = example_for(catalog, shown)
    if envelope is not None and example is not None and example.envelope:
        paths = envelope_paths(envelope.example)
        narrowing = []
        if "code" in paths:
            narrowing.append(_narrowed(paths["code"], {"enum": codes}))
        if "status" in paths:
            narrowing.append(_narrowed(paths["status"], {"const": status}))
        schema = {"allOf": [_ref("schemas", ERROR_SCHEMA), *narrowing]} if narrowing else _ref("schemas",
                                                                                                ERROR_SCHEMA)
        message = example_message(shown, catalog.entries_for(shown.ref), catalog.messages_for(shown.ref))
        content = {"application/json": {"schema": schema, "example": fill(envelope.example, shown, message)}}
        if catalog.problem_details:
            content[PROBLEM_MEDIA_TYPE] = {"schema": _ref("schemas", PROBLEM_SCHEMA), "example": problem_details(
                catalog, shown, message, absolute(site_url, urls.entry_url(catalog, shown)))}
        response["content"] = content
    return response


def _problem_schema(code: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "The error as RFC 9457 problem details: `type` is the URL of the code's page.",
        "properties": {
            "type": {"type": "string", "format": "uri", "description": "The code page's URL: a stable problem type."},
            "title": {"type": "string", "description": "What the error means, the same for every occurrence."},
            "status": {"type": "integer", "description": "The HTTP status of the response."},
            "detail": {"type": "string", "description": "What went wrong this time."},
            "instance": {"type": "string", "format": "uri-reference", "description": "This occurrence."},
            **({"code": {**code, "description": "The catalog's code, as an extension member."}} if code else {}),
        },
        "required": ["type", "title"],
    }


def _one_of(refs: Iterable[dict[str, str]]) -> dict[str, Any] | None:
    refs = list(refs)
    return None if not refs else refs[0] if len(refs) == 1 else {"anyOf": refs}


def openapi(catalog: Catalog, site_url: str | None, names: list[str] | None = None,
            records: Sequence[EntryRecord] | None = None) -> dict[str, Any]:
    """The catalog's OpenAPI 3.1 document: schemas for its envelope and code systems, a response per status;
    `names` are the catalog's constant_names and `records` its entry records, if known."""
    names = constant_names(catalog) if names is None else names
    records = records or entry_records(catalog, site_url)
    by_system: dict[str, list[tuple[EntryRecord, str]]] = {s.id: [] for s in catalog.systems}
    by_status: dict[int, list[ErrorEntry]] = {}
    for entry, record, name in zip(catalog.entries, records, names, strict=True):
        by_system[entry.system].append((record, name))
        if entry.status is not None:
            by_status.setdefault(entry.status, []).append(entry)
    schemas: dict[str, Any] = {}
    for system in catalog.systems:
        schemas[schema_name(system)] = _code_schema(system, by_system[system.id])
    enveloped = [s for s in catalog.systems if s.example is not None and s.example.envelope]
    code = _one_of(_ref("schemas", schema_name(s)) for s in enveloped)
    if catalog.envelope is not None:
        schemas[ERROR_SCHEMA] = envelope_schema(catalog.envelope, code)
    if catalog.problem_details:
        schemas[PROBLEM_SCHEMA] = _problem_schema(code)
    version = catalog.releases[-1].version if catalog.releases else "unversioned"
    overview = absolute(site_url, outputs.OVERVIEW.url(catalog.id))
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": f"{catalog.title}: errors", "version": version, "summary": catalog.summary,
                 "description": f"The errors of the {catalog.title} catalog, for other OpenAPI documents to "
                                f"reference: the error envelope, every code system's codes, and one response "
                                f"per HTTP status. How to use it: "
                                f"{absolute(site_url, outputs.DOWNLOADS.url(catalog.id))}"},
        "externalDocs": {"description": "Every code's page", "url": overview},
        "paths": {},
        "components": {
            "schemas": schemas,
            "responses": {response_name(status): _response(catalog, status, found, {s.id for s in enveloped},
                                                           site_url)
                          for status, found in sorted(by_status.items())},
        },
    }


def openapi_file(site: Site, catalog: Catalog) -> str:
    """/<catalog>/openapi.json."""
    document = openapi(catalog, site.site_url, names_of(site, catalog), of_site(site, catalog))
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
