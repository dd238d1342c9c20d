"""The JSON Schemas of catalog.yml and group files, and their errors as located Problems.

Each schema is checked twice over: fastjsonschema, which compiles it to Python, answers whether a
document is valid (a few times faster, on every file of every build); only a document it refuses
goes through jsonschema, whose errors carry the paths and context the located messages need.
tests/test_schema.py checks that both give the same verdict on every file the tests know.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from referencing import Registry, Resource

from .problems import Problem
from .yaml_reader import Document, YamlPath, field_name, line_of

SCHEMA_DIR = Path(__file__).parents[1] / "schema"
ANNOTATIONS = frozenset({"description", "title", "$comment"})


MAX_UNKNOWN_KEYS = 20
"""The unknown keys of one mapping listed by name; the rest are counted."""
MAX_ERRORS_PER_FILE = 200
"""The schema errors of one file turned into problems: a file that is wrong throughout says so in a page."""

def inline_refs(node: Any, documents: dict[str, Any], seen: tuple[str, ...]) -> Any:
    """The schema with every non-recursive `$ref` replaced by what it points at.

    Validating 50,000 entries resolved half a million references through the registry, a
    third of the load time; the inlined schema validates the same and reports the same errors.
    """
    if isinstance(node, list):
        return [inline_refs(item, documents, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in seen and set(node) - {"$ref"} <= ANNOTATIONS:
        document, _, pointer = ref.partition("#")
        target: Any = documents.get(document)
        for part in pointer.split("/")[1:] if target is not None else ():
            target = target.get(part) if isinstance(target, dict) else None
        if isinstance(target, dict):
            inner = {"": documents[document]} if document else {}
            resolved = inline_refs(target, {**documents, **inner}, (*seen, ref))
            return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    return {key: inline_refs(value, documents, seen) for key, value in node.items()}


def validators() -> tuple[SchemaCheck, SchemaCheck]:
    """The two schema validators, rebuilt whenever a schema file changes (mkdocs serve)."""
    files = (SCHEMA_DIR / "catalog.schema.json", SCHEMA_DIR / "group.schema.json")
    return _build_validators(tuple(f.stat().st_mtime_ns for f in files))


@cache
def _build_validators(_mtimes: tuple[int, ...]) -> tuple[SchemaCheck, SchemaCheck]:
    catalog_schema = json.loads((SCHEMA_DIR / "catalog.schema.json").read_text())
    group_schema = json.loads((SCHEMA_DIR / "group.schema.json").read_text())
    documents = {"": catalog_schema, "catalog.schema.json": catalog_schema}
    catalog_schema = inline_refs(catalog_schema, documents, ())
    group_schema = inline_refs(group_schema, {**documents, "": group_schema}, ())
    resource = Resource.from_contents(catalog_schema)
    registry = Registry().with_resources(
        [("catalog.schema.json", resource), (catalog_schema["$id"], resource)]
    )
    base = jsonschema.Draft202012Validator
    whole_numbers = base.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
    cls = jsonschema.validators.extend(base, type_checker=whole_numbers)
    return (SchemaCheck(catalog_schema, catalog_schema, cls(catalog_schema, registry=registry)),
            SchemaCheck(group_schema, catalog_schema, cls(group_schema, registry=registry)))


def _compiled(schema: dict[str, Any], catalog_schema: dict[str, Any]) -> Callable[[Any], Any]:
    """The schema as fastjsonschema's function (formats unchecked, as jsonschema leaves them; a reference left in
    the inlined schema resolves to the catalog schema, the only one referred to)."""
    plain = {key: value for key, value in schema.items() if key != "$schema"}
    return fastjsonschema.compile(plain, handlers={"https": lambda _uri: catalog_schema}, use_formats=False,
                                  use_default=False)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _one_branch(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError] | None:
    """For a mapping that fits none of a oneOf's shapes: the errors of the one shape for mappings, if one."""
    if not isinstance(error.instance, dict):
        return None
    branches: dict[object, list[jsonschema.ValidationError]] = {}
    for sub in error.context or ():
        if sub.validator != "type" or sub.relative_path:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    return next(iter(branches.values())) if len(branches) == 1 else None


COMPILE_AFTER = 1_000
"""Entries checked by jsonschema before the schema is compiled: compiling costs what checking a thousand does, so a
small catalog (and every test build) never pays for it."""


class SchemaCheck:
    """One schema, loaded for the located errors and compiled, once a build has checked enough, for the verdict."""

    def __init__(self, schema: dict[str, Any], catalog_schema: dict[str, Any],
                 errors: jsonschema.protocols.Validator) -> None:
        self.schema, self.catalog_schema, self.errors = schema, catalog_schema, errors
        self._valid: Callable[[Any], Any] | None = None
        self._checked = 0

    def slow_fits(self, data: Any) -> bool:
        """jsonschema's verdict."""
        return next(iter(self.errors.iter_errors(data)), None) is None

    def fast_fits(self, data: Any) -> bool:
        """fastjsonschema's verdict (compiling the schema the first time)."""
        if self._valid is None:
            self._valid = _compiled(self.schema, self.catalog_schema)
        try:
            self._valid(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def fits(self, data: Any) -> bool:
        """Whether the data fits the schema. A document holding a fraction goes to jsonschema: fastjsonschema, of
        JSON Schema's later drafts, counts 400.0 as an integer, which the catalogs refuse."""
        if self._valid is None:
            self._checked += len(data.get("entries") or ()) if isinstance(data, dict) else 1
            if self._checked <= COMPILE_AFTER:
                return self.slow_fits(data)
        return self.slow_fits(data) if _has_float(data) else self.fast_fits(data)


def _has_float(data: Any) -> bool:
    if isinstance(data, float):
        return True
    if isinstance(data, dict):
        return any(_has_float(value) for value in data.values())
    return isinstance(data, list) and any(_has_float(item) for item in data)


def schema_problems(check: SchemaCheck, doc: Document, file: str) -> list[Problem]:
    """Every schema error of a document (the first MAX_ERRORS_PER_FILE), as a Problem at the line of the offending
    value."""
    if check.fits(doc.data):
        return []
    validator = check.errors
    problems = [_problem(error, doc, file)
                for error in itertools.islice(_errors(validator.iter_errors(doc.data)), MAX_ERRORS_PER_FILE)]
    return sorted((p for found in problems for p in found), key=lambda p: p.line)


def _errors(errors: Iterable[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    for error in errors:
        narrowed = _one_branch(error) if error.validator == "oneOf" else None
        if narrowed:
            yield from _errors(narrowed)
        else:
            yield error


def _problem(error: jsonschema.ValidationError, doc: Document, file: str) -> list[Problem]:
    path: YamlPath = tuple(error.absolute_path)
    if error.schema_path and "propertyNames" in error.schema_path and isinstance(error.instance, str):
        path = (*path, error.instance)  # a key refused by its name: point at the key itself
    message = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        known = ", ".join(sorted(allowed))
        unknown = [key for key in error.instance if key not in allowed]
        listed = [Problem(file, line_of(doc, (*path, key)), field_name((*path, key)),
                          f"unknown key {_shown(key)} (allowed here: {known})") for key in unknown[:MAX_UNKNOWN_KEYS]]
        if len(unknown) > MAX_UNKNOWN_KEYS:
            listed.append(Problem(file, line_of(doc, path), field_name(path),
                                  f"... and {len(unknown) - MAX_UNKNOWN_KEYS:,} more unknown keys"))
        return listed
    if error.validator == "required":
        missing = re.match(r"'([^']+)'", message)
        if missing:
            path = (*path, missing.group(1))
            message = "required field is missing"
    elif "x-message" in error.schema and error.validator in ("oneOf", "pattern"):
        message = error.schema["x-message"].replace("{value}", _shown(error.instance))
    elif error.validator == "enum":
        choices = ", ".join(repr(c) for c in error.validator_value)
        message = f"{_shown(error.instance)} is not one of {choices}"
    elif error.validator == "maxLength" and isinstance(error.instance, str):
        message = (f"{_shown(error.instance)} is {len(error.instance):,} characters long, more than the "
                   f"{error.validator_value:,} allowed here: shorten it")
    elif error.validator == "minLength" and isinstance(error.instance, str):
        message = "is empty: write the text, or leave the key out"
    elif error.validator == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message = f"{_shown(error.instance)} is not of type {', '.join(repr(t) for t in types)}"
    return [Problem(file, line_of(doc, path), field_name(path), message)]
