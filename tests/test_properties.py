"""Property: any catalog folder either loads, lints and renders, or fails with file:line problems.

Hypothesis writes schema-shaped catalogs with random mutations (wrong types, missing and extra
keys, hostile and unicode text, random codes and statuses, duplicate codes, backwards ranges),
sometimes corrupts the YAML text itself, and checks that nothing but CatalogError ever escapes
from loading, linting and rendering every page.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from macros.catalog.loader import load_catalogs
from macros.catalog.problems import CatalogError
from macros.exports import catalog_data, lookup
from macros.lint import failing, lint
from macros.site import html_pages, markdown_pages, outputs

PROBLEM = re.compile(r"^\S+:\d+: ")

HOSTILE = ["<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "{name}", "{0}", "`", "``", "|", "a | b",
           "[x](javascript:alert(1))", "# h", "- item", "1. one", "!!! note", "\n", "\t", "  ", "", "&amp;",
           "yes", "no", "null", "~", "1e3", "0x1F", "2020-01-01", "12:30", "-", "..", "../x", "a/b",
           "\u202e", "\u2028", "é", "😀", "\x07", "{: #id }"]
CODE_LIKE = ["100", "101", "..", "../x", "a/b", "index", "ranges", "health", "assets", "search",
             "ClientError", "sdk:ClientError", "api:100", "x:y", "-1", "1.5", " 100", "100 "]
RETRYABLE = ["yes", "no", "conditional"]
HTTP_STATUSES = [400, 401, 404, 409, 429, 500, 503]
HOW = ["backoff", "retry-after", "check-before-retry", "fix-request", "fix-credentials", "wait-for-user",
       "contact-support", "update-client"]


def rarely(valid: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a value from valid, now and then one from other."""
    return st.integers(0, 39).flatmap(lambda n: other if n == 23 else valid)  # 0, which shrinking favours, is valid


def texts() -> st.SearchStrategy[str]:
    """Valid (non-empty) text: unicode, markup, template syntax, whitespace; mutated() adds the invalid."""
    return st.one_of(st.text(min_size=1, max_size=12), st.sampled_from([h for h in HOSTILE if h]),
                     st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join))


def odd_codes() -> st.SearchStrategy[Any]:
    return st.one_of(st.integers(0, 10**6), st.sampled_from(CODE_LIKE), texts(),
                     st.sampled_from([10**120, -(10**120), -1, 1.5, 1e400, True, None]))


def codes(kind: str, base: int = 100) -> st.SearchStrategy[Any]:
    valid = (st.integers(base, base + 99) if kind == "numeric" else st.sampled_from(HTTP_STATUSES)
             if kind == "http-status" else st.sampled_from(["ClientError", "api_error", "Rate.Limited", "x-1", "a1"]))
    return rarely(valid, odd_codes())


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(texts(), st.just(""), st.integers(), st.sampled_from([10**120, 99, 600, -1]),
                     st.floats(allow_nan=True), st.booleans(), st.none(), st.sampled_from(CODE_LIKE))


def retries(note: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    how = st.lists(st.sampled_from(HOW), min_size=1, max_size=2, unique=True)
    if note:
        return st.fixed_dictionaries({"retryable": st.sampled_from(RETRYABLE), "how": how, "note": texts()})
    return st.fixed_dictionaries({"retryable": st.sampled_from(RETRYABLE), "how": how}, optional={"note": texts()})


def entries(kind: str, known_statuses: list[int], base: int) -> st.SearchStrategy[dict[str, Any]]:
    notes = st.lists(st.fixed_dictionaries({"name": texts(), "description": texts()}), max_size=2)
    refs = st.lists(codes(kind), max_size=2)  # pointed at real codes by catalog_folder, now and then not
    optional = {"name": texts(), "scope": texts(), "causes": st.lists(texts(), max_size=2),
                "fixes": st.lists(texts(), max_size=2), "headers": notes, "fields": notes,
                "see_also": refs, "not_confused_with": refs,
                "lifecycle": st.fixed_dictionaries({}, optional={
                    "state": st.sampled_from(["active", "deprecated", "removed"]),
                    "deprecated": st.fixed_dictionaries({}, optional={"use_instead": codes(kind), "reason": texts()}),
                    "removed": st.fixed_dictionaries({}, optional={"replaced_by": codes(kind), "note": texts()})}),
                "example_message": texts()}
    if kind == "sdk-class" or not known_statuses:
        required = {"code": codes(kind, base), "description": texts(), "retry": retries()}
    else:
        required = {"code": codes(kind, base), "description": texts(), "status": rarely(
            st.sampled_from(known_statuses), st.sampled_from([None, 418, 99, 600, "404", 404.0, 10**50, True]))}
        optional["retry"] = retries(note=True)
    return st.fixed_dictionaries(required, optional=optional)


def messages(entry_codes: list[Any], kind: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"code": rarely(st.sampled_from(entry_codes), codes(kind)) if entry_codes else codes(kind),
         "message": texts(), "cause": texts()},
        optional={"fixes": st.lists(texts(), max_size=2),
                  "placeholders": st.dictionaries(rarely(st.sampled_from(["name", "id"]), st.just("x y")), texts(),
                                                  max_size=2),
                  "anchor": rarely(st.sampled_from(["m-1", "m-2", "m-3"]), st.sampled_from(["", "index", "A b"]))})


@st.composite
def catalog_folder(draw: st.DrawFn) -> dict[str, Any]:
    """A schema-shaped catalog, valid and lint-clean more often than not: file name -> data."""
    systems = [{"id": "api", "title": draw(texts()), "primary": True,
                "kind": draw(st.sampled_from(["numeric", "numeric", "string", "http-status"]))}]
    if draw(st.booleans()):
        systems.append({"id": "sdk", "title": draw(texts()), "kind": "sdk-class", "example": draw(st.booleans())})
    group_ids = draw(st.lists(st.sampled_from(["things", "more", "sdk", "index", "x"]), min_size=1, max_size=3,
                              unique=True))
    statuses = draw(st.lists(st.sampled_from(HTTP_STATUSES), max_size=4, unique=True))
    catalog: dict[str, Any] = {
        "title": draw(texts()), "summary": draw(texts()),
        "systems": systems,
        "ranges": [],
        "envelope": {"description": draw(texts()),
                     "example": draw(st.sampled_from([
                         {"error": {"code": "$code", "message": "$message", "status": "$status"}},
                         ["$code", "$name", {"fix": "$fix"}], "$description", {"at": "2020-01-01"}])),
                     "fields": [{"name": draw(texts()), "type": "string", "description": draw(texts())}]},
        "statuses": {status: {"title": draw(texts()), "retry": draw(retries())} for status in statuses},
    }
    if draw(rarely(st.just(False), st.just(True))):
        catalog["acknowledged"] = draw(st.lists(st.fixed_dictionaries(
            {"check": st.sampled_from(["duplicate-code", "missing-guidance", "url-collision", "nope"]),
             "subject": st.sampled_from(["api:100", "api:101", "sdk:ClientError", "x"]), "reason": texts()}),
            min_size=1, max_size=2))
    files: dict[str, Any] = {"catalog.yml": catalog}
    pools: dict[str, list[Any]] = {s["id"]: [] for s in systems}
    for i, group_id in enumerate(group_ids):
        system = draw(st.sampled_from(systems))
        base = 100 * (i + 1)
        group: dict[str, Any] = {"id": group_id, "title": draw(texts())}
        if system["id"] != "api" or draw(st.booleans()):
            group["system"] = system["id"]
        if system["kind"] == "numeric" and draw(st.booleans()):
            start, end = draw(rarely(st.just((base, base + 99)), st.tuples(st.integers(0, 300), st.integers(0, 300))))
            group["span"] = {"start": start, "end": end}
            if system["id"] == "api" and draw(st.booleans()):
                catalog["ranges"].append({"start": start, "end": end, "name": draw(texts()), "group": group_id})
        if draw(st.booleans()):
            group["description"] = draw(texts())
        items = draw(st.lists(entries(system["kind"], statuses, base), max_size=5))
        for item in items:
            if item["code"] in pools[system["id"]] and draw(st.integers(0, 9)):
                item["code"] = f"{system['id']}_{len(pools[system['id']])}" if system["kind"] != "numeric" \
                    else base + 99 - len(pools[system["id"]]) % 50
            if system["kind"] == "http-status" and item.get("status") in statuses:
                item["code"] = item["status"]
            pools[system["id"]].append(item["code"])
        files[f"g{i}.yml"] = {"group": group, "entries": items,
                              "messages": draw(st.lists(messages([e["code"] for e in items], system["kind"]),
                                                        max_size=2))}
    if draw(rarely(st.just(False), st.just(True))):
        catalog["ranges"].append({"start": draw(st.integers(0, 300)), "end": draw(st.integers(0, 300)),
                                  "name": draw(texts())})
    for file, data in files.items():  # point most references at real codes of the same system
        system = data.get("group", {}).get("system", "api") if file != "catalog.yml" else "api"
        for item in data.get("entries", []):
            for key in ("see_also", "not_confused_with"):
                if key in item and pools[system]:
                    item[key] = [draw(rarely(st.sampled_from(pools[system]), st.just(ref))) for ref in item[key]]
            lifecycle = item.get("lifecycle", {})
            if "replaced_by" in lifecycle and pools[system]:
                old = lifecycle["replaced_by"]
                lifecycle["replaced_by"] = draw(rarely(st.sampled_from(pools[system]), st.just(old)))
    return files


@st.composite
def mutated(draw: st.DrawFn, data: Any) -> Any:
    """data with a few random values replaced, deleted or added."""
    for _ in range(draw(st.integers(1, 3))):
        spots = list(_spots(data))
        if not spots:
            break
        parent, key = draw(st.sampled_from(spots))
        action = draw(st.sampled_from(["replace", "delete", "extra", "wrap", "duplicate"]))
        if action == "replace":
            parent[key] = draw(scalars())
        elif action == "delete":
            del parent[key]
        elif action == "extra" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["sevrity", "colour", "code", "1", "<b>"]))] = draw(scalars())
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(parent[key])
    return data


def _spots(data: Any) -> Any:
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in list(items):
        yield data, key
        yield from _spots(value)


@st.composite
def yaml_text(draw: st.DrawFn, data: Any, corrupt: bool) -> bytes:
    """data as YAML, with the text itself corrupted when asked."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=draw(st.booleans()))
    actions = ["truncate", "insert", "tab", "dedent", "bytes", "alias", "unquote", "unquote", "huge-number"]
    action = draw(st.sampled_from(actions)) if corrupt else "none"
    at = draw(st.integers(0, len(text)))
    if action == "truncate":
        text = text[:at]
    elif action == "insert":
        text = text[:at] + draw(st.sampled_from([":", "- ", "[", "{", "}", "&a ", "*a", "!!binary ", "\t", "\n",
                                                  "? ", "'", '"', "%YAML 1.1\n", "---\n", "#", "9" * 5000 + " ",
                                                  "!!timestamp ", "!!set ", "!!python/tuple ", "<<: ",
                                                  "[" * 300, "&r [*r]"])) + text[at:]
    elif action == "tab":
        text = text.replace("  ", "\t", 1)
    elif action == "dedent":
        text = "\n".join(line[1:] if i % 3 == 0 else line for i, line in enumerate(text.splitlines()))
    elif action == "unquote":  # as people write them: dates, times and hex numbers become other types
        text = re.sub(r"'(\d{4}-\d\d-\d\d|\d+:\d\d|0x[0-9A-Fa-f]+|1e3)'", r"\1", text)
    elif action == "huge-number":
        text = re.sub(r"(:[ ]+)\d+$", lambda m: m.group(1) + "9" * 5000, text, count=1, flags=re.MULTILINE)
    elif action == "alias":
        text = "x: &x [" + ", ".join(["lol"] * 10) + "]\n" + text
    raw = text.encode("utf-8")
    if action == "bytes":
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\x00", b"\xef\xbb\xbf"])) + raw[at:]
    return raw


def render_everything(catalogs: tuple[Any, ...], health: dict[str, Any]) -> None:
    """Every page and file the build generates from the catalogs, and every catalog macro."""
    for catalog in catalogs:
        findings = health[catalog.id]
        for ref in catalog.codes:
            html_pages.code_page(catalog, ref, findings.for_ref(ref)).html()
        for group in catalog.groups:
            html_pages.table_page(catalog, group).html()
        html_pages.health_page(catalog, findings).html()
        src = f"{catalog.id}/index.md"
        markdown_pages.catalog_overview(catalog, src)
        markdown_pages.envelope(catalog, src)
        markdown_pages.retry_policy(catalog, src)
        for status in catalog.statuses:
            markdown_pages.codes_with_status(catalog, src, status)
        for system in catalog.systems:
            markdown_pages.system_table(catalog, src, system.id)
    markdown_pages.catalog_list(catalogs, "index.md")
    catalog_data.catalog_index(catalogs, "/base/")
    lookup.lookup_index(catalogs)
    for catalog in catalogs:
        for make in (o.builds() for o in outputs.replaceable_pages(catalog)):
            make(catalog)


@st.composite
def data_folders(draw: st.DrawFn) -> dict[str, dict[str, bytes]]:
    """One or two catalog folders as file name -> bytes; in some, one file is mutated or corrupted."""
    folders = {}
    for name in draw(st.lists(st.sampled_from(["example", "other"]), min_size=1, max_size=2, unique=True)):
        files = draw(catalog_folder())
        damage = draw(st.sampled_from(["none", "none", "none", "data", "data", "text", "no-catalog.yml"]))
        victim = draw(st.sampled_from(sorted(files)))
        if damage == "no-catalog.yml":
            del files["catalog.yml"]
        if damage == "data":
            files[victim] = draw(mutated(files[victim]))
        folders[name] = {
            file: draw(yaml_text(data, corrupt=damage == "text" and file == victim)) for file, data in files.items()}
    return folders


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data_folders())
def test_any_catalog_loads_lints_and_renders_or_fails_with_located_problems(folders):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        for name, files in folders.items():
            (data / name).mkdir(parents=True)
            for file, raw in files.items():
                (data / name / file).write_bytes(raw)
        try:
            catalogs = load_catalogs(data)
        except CatalogError as exc:
            assert exc.problems
            assert all(PROBLEM.match(str(p)) for p in exc.problems), str(exc)
            assert "Traceback" not in str(exc)
            event("refused")
            return
        health = lint(catalogs)
        errors = failing(health)
        if errors:  # the build stops here too (hooks.on_config), listing them
            assert all(PROBLEM.match(str(f)) for f in errors), errors
            event("lint fails")
            return
        event("loaded and rendered")
        render_everything(catalogs, health)
