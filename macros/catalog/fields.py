"""The values of catalog YAML, validated by the schema, as model values: codes, references, retry rules, lifecycles.

The loader (macros/catalog/loader.py) calls these while it builds a catalog.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .lifecycle import Deprecation, Lifecycle, OldAddress, Removal, Revision
from .model import Alias, CodeRef, Envelope, ExampleFormat, NamedNote, Retry


def code(value: int | str) -> str:
    """A code as text, whether the YAML wrote a number or a string."""
    return str(value)


def retry(data: Mapping[str, Any] | None) -> Retry | None:
    """A retry rule, if one is given."""
    if data is None:
        return None
    return Retry(data["retryable"], tuple(data["how"]), data.get("note"))


def notes(items: Iterable[Mapping[str, str]]) -> tuple[NamedNote, ...]:
    """Headers or response fields, each with its meaning."""
    return tuple(NamedNote(i["name"], i["description"]) for i in items)


def aliases(items: Iterable[str | Mapping[str, Any]]) -> tuple[Alias, ...]:
    """Other names and codes of an error: a name, or a mapping with `name` or `code` and a `note`."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Alias(name=item))
        else:
            number = code(item["code"]) if "code" in item else None
            out.append(Alias(name=item.get("name"), code=number, note=item.get("note")))
    return tuple(out)


def example_format(setting: bool | Mapping[str, Any], envelope: Envelope | None) -> ExampleFormat | None:
    """A system's example format: its own, the catalog's envelope (true), or none."""
    if isinstance(setting, Mapping):
        return ExampleFormat(setting["format"], setting["template"], setting.get("description"))
    if setting and envelope is not None:
        return ExampleFormat("json", envelope.example, envelope=True)
    return None


def lifecycle(data: Mapping[str, Any], system: str) -> Lifecycle:
    """An entry's lifecycle: since, deprecated, removed, changed."""
    deprecated = data.get("deprecated")
    removed = data.get("removed")
    return Lifecycle(
        since=data.get("since"),
        deprecated=None if deprecated is None else Deprecation(
            deprecated.get("version"), deprecated.get("reason"),
            None if "use_instead" not in deprecated else ref(deprecated["use_instead"], system)),
        removed=None if removed is None else Removal(
            removed.get("version"), None if "replaced_by" not in removed else ref(removed["replaced_by"], system),
            removed.get("note")),
        changed=tuple(Revision(c["version"], c["note"]) for c in data.get("changed", ())),
    )


def old_addresses(items: Iterable[int | str | Mapping[str, Any]], system: str,
                   locate: Any) -> tuple[OldAddress, ...]:
    """Where an entry was published before; locate(i) gives the line of the i-th address."""
    out = []
    for i, item in enumerate(items):
        location = locate(i)
        if isinstance(item, Mapping):
            out.append(OldAddress(code(item["code"]), item.get("system"), item.get("catalog"), location,
                                  item.get("anchor")))
        else:
            found = ref(item, system)
            out.append(OldAddress(found.code, found.system, None, location))
    return tuple(out)


def ref(value: int | str, system: str) -> CodeRef:
    """A reference to a code: `<code>` in the given system, or `<system>:<code>`."""
    text = str(value)
    if ":" in text:
        other, rest = text.split(":", 1)
        return CodeRef(other, rest)
    return CodeRef(system, text)
