"""Constants for clients: `/<catalog>/downloads/errors.py` and `errors.ts`, from the model.

Pure (model in, source text out, in pieces). Each entry becomes a constant with its code, name,
status, retry verdict, lifecycle and page; a helper maps an error response body to its entry
the way the site's lookup does (the envelope's code, then its message, then the HTTP status).
Catalog text reaches the code only as string literals (Python's `ascii`, JSON for TypeScript)
or as comments cleaned of line breaks and comment ends, so it stays inert.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from json.encoder import encode_basestring_ascii
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..catalog.model import Catalog, ErrorEntry
from ..site import outputs
from ..site.outputs import Site
from ..site.urls import absolute
from .lookup import envelope_paths
from .records import EntryRecord, entry_records, of_site

LANGUAGES = {"py": "Python", "ts": "TypeScript"}
MODULE_NAMES = frozenset({"ERRORS", "CATALOG", "DOCUMENTATION", "USAGE", "ENVELOPE", "ENVELOPE_SYSTEMS",
                          "STATUS_SYSTEMS", "PLACEHOLDER", "MESSAGES"})
"""Names the modules (templates/client/) take for themselves, so that no constant does."""
COMMENT_LENGTH = 100
_WORD = re.compile(r"[A-Za-z0-9]+")
_CAMEL = (re.compile(r"([a-z0-9])([A-Z])"), re.compile(r"([A-Z]+)([A-Z][a-z])"))
_UNSAFE_IN_COMMENT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\*/")



def _upper_snake(text: str) -> str:
    plain = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    for pattern in _CAMEL:
        plain = pattern.sub(r"\1_\2", plain)
    return "_".join(_WORD.findall(plain)).upper()


def constant_names(catalog: Catalog) -> list[str]:
    """A constant name for every entry, in catalog order: UPPER_SNAKE_CASE of its name (or code), unique.

    Entries of another system than the primary one take the system's id as a prefix; a name
    several entries share takes the code, then the group, so that no name depends on order.
    """
    primary = catalog.primary_system.id
    snakes: dict[str, str] = {}

    def snake(text: str) -> str:
        found = snakes.get(text)
        if found is None:
            found = snakes[text] = _upper_snake(text)
        return found

    def ident(*parts: str) -> str:
        name = "_".join(p for p in (snake(part) for part in parts) if p)
        return name if name and not name[0].isdigit() else "CODE_" + name

    def prefix(entry: ErrorEntry) -> str:
        return "" if entry.system == primary else entry.system

    entries = list(catalog.entries)
    names = [ident(prefix(e), e.name or "") if snake(e.name or "") else ident(prefix(e), e.code) for e in entries]
    for widen in (lambda e: e.code, lambda e: e.group):
        counts = Counter(names) + Counter(MODULE_NAMES)
        names = [ident(name, widen(e)) if counts[name] > 1 and not name.endswith("_" + snake(widen(e)))
                 else name for name, e in zip(names, entries, strict=True)]
    seen: Counter[str] = Counter(MODULE_NAMES)
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def comment_text(text: str) -> str:
    """Catalog text for a one-line comment: no line breaks, control or format characters, comment end or `</`,
    cut short."""
    # Format characters (bidi overrides such as U+202E, zero-width spaces, U+FEFF) can make a comment show code
    # other than what runs, so they are dropped.
    visible = text if text.isascii() else "".join(c for c in text if unicodedata.category(c) != "Cf")
    flat = " ".join(_UNSAFE_IN_COMMENT.sub(" ", visible).split()).replace("</", "<\\/")
    return flat if len(flat) <= COMMENT_LENGTH else flat[:COMMENT_LENGTH - 1].rstrip() + "…"


def py_literal(value: Any) -> str:
    """A Python literal of JSON-like data, ASCII only (a string's every unusual character escaped, and `<`, so
    that `</script>` stays text)."""
    if isinstance(value, str):
        return ascii(value).replace("<", "\\x3c")
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        inner = ", ".join(py_literal(v) for v in value)
        return f"({inner},)" if isinstance(value, tuple) and len(value) == 1 else (
            f"({inner})" if isinstance(value, tuple) else f"[{inner}]")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_literal(k)}: {py_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def ts_literal(value: Any) -> str:
    """A TypeScript literal of JSON-like data: JSON, ASCII only, with `<` escaped so `</script>` stays text."""
    if isinstance(value, str):
        return encode_basestring_ascii(value).replace("<", "\\u003c")
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")


def facts(record: EntryRecord) -> list[Any]:
    """What a constant says about its entry, in the order of ErrorCode's fields (its fact values last, where it has
    any)."""
    return [record.system, record.value, record.name, record.status, record.retryable, record.lifecycle, record.url,
            *([dict(record.facts)] if record.facts else [])]


def _shape(catalog: Catalog) -> dict[str, Any]:
    """What the helper needs to read a response: where the envelope keeps each value, which systems it uses."""
    envelope = envelope_paths(catalog.envelope.example) if catalog.envelope else {}
    return {
        "envelope": {role: envelope[role] for role in ("code", "status", "message") if role in envelope},
        "envelope_systems": [s.id for s in catalog.systems if s.example is not None and s.example.envelope],
        "status_systems": [s.id for s in catalog.systems if s.kind == "http-status"],
    }


def _messages(catalog: Catalog) -> list[tuple[str, int]]:
    """Each message string with the position of its entry: the code's entry in the message's group, or its first."""
    position: dict[tuple[str, str, str], int] = {}
    first: dict[tuple[str, str], int] = {}
    for n, entry in enumerate(catalog.entries):
        position.setdefault((entry.system, entry.code, entry.group), n)
        first.setdefault((entry.system, entry.code), n)
    return [(m.text, position.get((m.system, m.code, m.group), first[(m.system, m.code)]))
            for m in catalog.messages if (m.system, m.code) in first]


@cache
def _templates() -> Environment:
    return Environment(loader=PackageLoader("macros", "templates/client"), undefined=StrictUndefined,
                       autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def source(catalog: Catalog, language: str, site_url: str | None, names: list[str] | None = None,
           records: Sequence[EntryRecord] | None = None) -> Iterator[str]:
    """errors.py (`py`) or errors.ts (`ts`) of a catalog, in pieces; `names` are its constant_names, if known."""
    literal = py_literal if language == "py" else ts_literal
    names = constant_names(catalog) if names is None else names
    shape = _shape(catalog)
    head, _, tail = _templates().get_template(f"errors.{language}.j2").render(
        catalog=literal(catalog.id), documentation=literal(absolute(site_url, outputs.OVERVIEW.url(catalog.id))),
        usage=literal(absolute(site_url, outputs.DOWNLOADS.url(catalog.id))),
        envelope=literal(shape["envelope"]), envelope_systems=literal(tuple(shape["envelope_systems"])),
        status_systems=literal(tuple(shape["status_systems"])),
    ).partition("@CONSTANTS@\n")
    yield head
    for name, record in zip(names, records or entry_records(catalog, site_url), strict=True):
        about = comment_text(f"{record.label}: {record.description}" if record.description else record.label)
        if language == "py":
            yield f"#: {about}\n{name} = ErrorCode({', '.join(py_literal(v) for v in facts(record))})\n"
        else:
            system, code, title, status, retryable, lifecycle, url, *given = (ts_literal(v) for v in facts(record))
            extra = f", facts: {given[0]}" if given else ""
            yield (f"/** {about} */\nexport const {name}: ErrorCode = {{system: {system}, code: {code}, "
                   f"name: {title}, status: {status}, retryable: {retryable}, lifecycle: {lifecycle}, "
                   f"url: {url}{extra}}};\n")
    listing = "".join(f"    {name},\n" for name in names)
    messages = "".join(f"    {literal(tuple(m) if language == 'py' else list(m))},\n" for m in _messages(catalog))
    if language == "py":
        yield f"\nERRORS: Tuple[ErrorCode, ...] = (\n{listing})\n"
        yield f"\n_MESSAGES: Tuple[Tuple[str, int], ...] = (\n{messages})\n"
    else:
        yield f"\nexport const ERRORS: readonly ErrorCode[] = [\n{listing}];\n"
        yield f"\nconst MESSAGES: ReadonlyArray<readonly [string, number]> = [\n{messages}];\n"
    yield tail


def names_of(site: Site, catalog: Catalog) -> list[str]:
    """The catalog's constant names, made once per build for errors.py, errors.ts and openapi.json."""
    names: list[str] = site.once("constant_names", catalog, lambda: constant_names(catalog))
    return names


def python_file(site: Site, catalog: Catalog) -> Iterator[str]:
    """/<catalog>/downloads/errors.py."""
    return source(catalog, "py", site.site_url, names_of(site, catalog), of_site(site, catalog))


def typescript_file(site: Site, catalog: Catalog) -> Iterator[str]:
    """/<catalog>/downloads/errors.ts."""
    return source(catalog, "ts", site.site_url, names_of(site, catalog), of_site(site, catalog))
