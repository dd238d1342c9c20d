"""Examples of an error in its code system's own shape: the catalog's JSON envelope, a log line, an exception."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..catalog.model import EXAMPLE_PLACEHOLDER_RE, Catalog, ErrorEntry, ErrorMessage, ExampleFormat


def example_for(catalog: Catalog, entry: ErrorEntry) -> ExampleFormat | None:
    """The format an entry's example is shown in, or None when it has none.

    None when its system shows no examples, its group turns them off, or the format needs an
    HTTP status the entry does not have (the lint reports that case, so nothing goes missing silently).
    """
    example = catalog.system(entry.system).example
    if example is None or not catalog.group(entry.group).example:
        return None
    if entry.status is None and "status" in example.placeholders:
        return None
    return example


def example_message(entry: ErrorEntry, entries: Sequence[ErrorEntry], messages: Sequence[ErrorMessage]) -> str | None:
    """The message an entry's example shows: where a code has several entries, one from the entry's group."""
    if len(entries) > 1:
        messages = [m for m in messages if m.group == entry.group]
    return messages[0].text if messages else None


def _values(entry: ErrorEntry, message: str | None) -> dict[str, Any]:
    fix = entry.fixes[0] if entry.fixes else entry.description or ""
    severity = entry.severity or "error"
    return {
        "code": entry.numeric_code if entry.numeric_code is not None else entry.code,
        "name": entry.name or entry.code,
        "status": entry.status,
        "message": entry.example_message or message or entry.description or entry.name or entry.code,
        "description": entry.description or "",
        "fix": fix.replace("`", ""),
        "severity": severity,
        "SEVERITY": severity.upper(),
        **entry.facts,
    }


def fill(template: Any, entry: ErrorEntry, message: str | None = None) -> Any:
    """The template with the entry's values: a value that is only a `$placeholder` takes the value itself
    (a number stays a number in JSON); placeholders inside a longer text are replaced as text."""
    values = _values(entry, message)

    def text(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return "" if value is None else str(value)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str):
            whole = EXAMPLE_PLACEHOLDER_RE.fullmatch(node)
            return values.get(whole.group(1)) if whole else EXAMPLE_PLACEHOLDER_RE.sub(text, node)
        return node

    return walk(template)


def example_text(catalog: Catalog, entry: ErrorEntry, message: str | None = None) -> str:
    """An entry's example in its system's format: JSON laid out with two-space indents, or the filled-in text."""
    example = example_for(catalog, entry)
    if example is None:
        return ""
    if isinstance(example.template, str) and not example.envelope:
        return fill(example.template, entry, message)
    if example.layout is not None:
        return example.layout.render(_values(entry, message))
    return json.dumps(fill(example.template, entry, message), indent=2, ensure_ascii=False)


def example_response(catalog: Catalog, entry: ErrorEntry, message: str | None = None) -> str:
    """The catalog's JSON error envelope filled in with an entry's values."""
    assert catalog.envelope is not None
    if catalog.envelope.layout is not None:
        return catalog.envelope.layout.render(_values(entry, message))
    return json.dumps(fill(catalog.envelope.example, entry, message), indent=2, ensure_ascii=False)


PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_details(catalog: Catalog, entry: ErrorEntry, message: str | None, type_url: str) -> dict[str, Any]:
    """An entry's example as RFC 9457 problem details: its page as the problem `type`, the code as an extension."""
    problem: dict[str, Any] = {"type": type_url, "title": entry.description or entry.name or entry.code}
    if entry.status is not None:
        problem["status"] = entry.status
    problem["detail"] = message or entry.description or entry.example_message or entry.name or entry.code
    problem["instance"] = f"urn:{catalog.id}:occurrence:example"
    problem["code"] = entry.numeric_code if entry.numeric_code is not None else entry.code
    return problem
