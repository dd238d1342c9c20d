"""Write a buildable copy of the site with a large synthetic error catalog added to data/."""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.catalog.loader import load_catalogs  # noqa: E402
from macros.lint import lint  # noqa: E402
from macros.site import urls  # noqa: E402

CATALOG_ID = "synthetic"
STRING_SYSTEM = "gateway"
STRING_SHARE = 0.05
PER_RANGE = 90
RANGE_WIDTH = 100
FIRST_RANGE = 20000
UNDECLARED_SLOT = 5
SHORT_RANGES: tuple[tuple[int, int, str, tuple[int, ...]], ...] = (
    (100, 199, "Legacy Core", (100, 101, 102, 103, 104, 180)),
    (1800, 1899, "Legacy Actions", tuple(range(1800, 1810))),
    (4200, 4299, "Legacy Jobs", tuple(range(4200, 4205))),
)
MARKER = "synthetic.json"
COPIED = ("mkdocs.yml", "hooks.py", "macros", "docs")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")
CATALOG_SCHEMA = "# yaml-language-server: $schema=../../macros/schema/catalog.schema.json\n"
GROUP_SCHEMA = "# yaml-language-server: $schema=../../macros/schema/group.schema.json\n"

NOUNS = (
    "Widget", "Invoice", "Webhook", "Session", "Token", "Bucket", "Ledger", "Payout", "Tenant",
    "Report", "Export", "Import", "Schedule", "Pipeline", "Cluster", "Node", "Volume", "Snapshot",
    "Queue", "Topic", "Channel", "Device", "Sensor", "Firmware", "Model", "Dataset", "Notebook",
    "Workspace", "Member", "Invite", "Role", "Policy", "Secret", "Certificate", "Domain", "Record",
    "Zone", "Route", "Gateway", "Listener", "Function", "Job", "Batch", "Artifact", "Package",
    "Registry", "Mirror", "Index", "Shard", "Replica", "Backup", "Migration", "Template", "Form",
    "Survey", "Cart", "Order", "Refund", "Coupon", "Subscription", "Plan", "Seat", "License",
    "Attachment",
)
ASPECTS = (
    "Quota", "Limit", "Lock", "Version", "Schema", "Owner", "Region", "State", "Config", "Signature",
    "Payload", "Header", "Cursor", "Filter", "Field", "Reference", "Label", "Size", "Retention",
    "Checksum", "Permission", "Binding",
)
SUFFIXES = (
    "", " for this project", " during a batch call", " on the current plan",
    " in the selected region", " for the calling workspace", " while syncing",
)
SERVICES = (
    "Billing", "Storage", "Compute", "Identity", "Messaging", "Analytics", "Search", "Payments",
    "Scheduling", "Networking", "Devices", "Inventory", "Orders", "Notifications", "Audit",
    "Reporting", "Imports", "Exports", "Workflows", "Registry", "Secrets", "Domains", "Teams",
    "Licensing", "Backups", "Pipelines", "Models", "Datasets", "Forms", "Checkout",
)


@dataclass(frozen=True)
class Condition:
    """An error condition: the last word of a name, its status and its prose templates."""

    word: str
    status: int
    description: str
    causes: tuple[str, ...]
    fixes: tuple[str, ...]


CONDITIONS = (
    Condition("Exceeded", 429, "The {n} {a} was exceeded",
              ("Too many {n} requests were sent in the current window.",
               "Several clients share the same {n} {a} and used it up.",
               "A retry loop sent the same {n} call again without waiting."),
              ("Wait for the time in `Retry-After`, then retry with backoff.",
               "Spread {n} calls over time or ask for a higher {a}.")),
    Condition("RateLimited", 429, "Rate limit reached for {n} {a} requests",
              ("The per-key rate limit for {n} calls was reached.",
               "A burst of {n} {a} updates arrived at once.",
               "Background jobs and user traffic share one rate limit."),
              ("Honour `Retry-After` and back off exponentially with jitter.",
               "Batch {n} {a} updates instead of sending them one by one.")),
    Condition("NotFound", 404, "No {n} {a} matches the given identifier",
              ("The {n} was deleted or never existed.",
               "The identifier belongs to another workspace.",
               "The identifier was copied with a typo."),
              ("List the {n} objects and copy the exact identifier.",
               "Check that the API key belongs to the right workspace.")),
    Condition("Missing", 400, "The request has no {n} {a} where one is required",
              ("The `{lower_a}` field was left out of the {n} request.",
               "An older client version does not send the {n} {a}.",
               "The field was sent under a misspelled key."),
              ("Add the {n} {a} to the request body.",
               "Upgrade the client library to a version that sends it.")),
    Condition("Invalid", 400, "The {n} {a} in the request is not valid",
              ("The {n} {a} has the wrong type or format.",
               "The value is outside the range the {n} endpoint accepts.",
               "The value was valid in an older API version only."),
              ("Compare the {n} {a} with the endpoint's schema.",
               "Read `message` for the rule that failed and correct the value.")),
    Condition("Malformed", 400, "The {n} {a} could not be parsed",
              ("The {n} {a} is not valid JSON.",
               "The body was truncated by a proxy.",
               "The encoding of the {n} {a} is not UTF-8."),
              ("Validate the {n} {a} before sending it.",
               "Send the body as UTF-8 JSON with the right `Content-Type`.")),
    Condition("Conflict", 409, "The {n} {a} conflicts with the current state",
              ("Another request changed the {n} at the same time.",
               "The {n} is in a state that does not allow this change.",
               "Two clients hold different copies of the {n} {a}."),
              ("Fetch the {n} again and apply the change to the fresh copy.",
               "Serialize writes to the same {n}.")),
    Condition("Duplicate", 409, "Another {n} {a} with the same value already exists",
              ("The {n} was created by an earlier attempt of the same call.",
               "Another {n} already uses this {a}.",
               "An import sent the same row twice."),
              ("Look up the existing {n} and reuse it.",
               "Send an idempotency key so retries do not create duplicates.")),
    Condition("Stale", 409, "The {n} {a} changed since it was last read",
              ("The `If-Match` version of the {n} is out of date.",
               "A background job updated the {n} {a}.",
               "The client cached the {n} for too long."),
              ("Read the {n} again and retry with its current version.",
               "Shorten the client cache for {n} objects.")),
    Condition("Expired", 410, "The {n} {a} has expired and can no longer be used",
              ("The {n} {a} outlived its retention period.",
               "The link to the {n} was older than its lifetime.",
               "The {n} was archived by an administrator."),
              ("Create a new {n} and use its identifier.",
               "Refresh {n} links before they expire.")),
    Condition("Forbidden", 403, "The caller may not change the {n} {a}",
              ("The API key lacks the scope for {n} writes.",
               "The {n} belongs to a workspace the key cannot see.",
               "An organization policy blocks changes to the {n} {a}."),
              ("Use a key with the {n} write scope.",
               "Ask a workspace owner to grant access to the {n}.")),
    Condition("Unauthorized", 401, "The credentials are not valid for the {n} {a}",
              ("The API key was revoked or rotated.",
               "The `Authorization` header is missing from the {n} call.",
               "A test key was used against the live {n} service."),
              ("Send a current API key in the `Authorization` header.",
               "Check which environment the {n} client is configured for.")),
    Condition("Rejected", 422, "The {n} {a} was understood but rejected",
              ("The {n} is not in a state that accepts this {a}.",
               "A business rule of the {n} service refused the change.",
               "The end user has not finished setting up the {n}."),
              ("Bring the {n} into the required state, then send the request again.",
               "Show the message to the end user and let them complete the {n}.")),
    Condition("Unavailable", 503, "The {n} {a} service is temporarily unavailable",
              ("The {n} service is restarting or overloaded.",
               "A maintenance window is in progress for {n} {a} storage.",
               "A dependency of the {n} service is down."),
              ("Retry with exponential backoff and jitter.",
               "Check the status page before raising a ticket.")),
    Condition("Timeout", 504, "Timed out waiting for the {n} {a} to respond",
              ("The {n} backend took longer than the gateway allows.",
               "A large {n} {a} made the call slow.",
               "The network between regions dropped packets."),
              ("Check whether the {n} change went through before retrying it.",
               "Split large {n} requests into smaller ones.")),
    Condition("Unreachable", 502, "The upstream holding the {n} {a} is unreachable",
              ("The upstream {n} provider returned an invalid response.",
               "A DNS or TLS problem hid the upstream {n} service.",
               "The upstream {n} provider is having an outage."),
              ("Retry with backoff; the request was not rejected for good.",
               "Contact support with the `request_id` if it persists.")),
    Condition("Corrupted", 500, "The stored {n} {a} is corrupted",
              ("A write to the {n} {a} was interrupted.",
               "A migration left the {n} {a} in a broken state.",
               "A checksum check on the {n} failed."),
              ("Contact support with the `request_id` and the {n} identifier.",
               "Restore the {n} from a backup if one exists.")),
    Condition("Failed", 500, "Processing the {n} {a} failed unexpectedly",
              ("An unexpected error happened in the {n} service.",
               "A worker crashed while handling the {n} {a}.",
               "The {n} job ran out of memory."),
              ("Retry with exponential backoff and jitter.",
               "Contact support with the `request_id` if it keeps failing.")),
    Condition("Locked", 409, "The {n} {a} is locked by another operation",
              ("Another request holds the lock on the {n}.",
               "A long export keeps the {n} {a} locked.",
               "A crashed client left its lock on the {n} behind."),
              ("Wait for the other operation to finish, then retry.",
               "Release stale {n} locks from the dashboard.")),
    Condition("TooLarge", 413, "The {n} {a} is larger than the allowed size",
              ("The {n} {a} is over the size limit of the endpoint.",
               "Attachments were inlined into the {n} body.",
               "A list in the {n} {a} was not paginated."),
              ("Shrink the {n} {a} or upload it in parts.",
               "Paginate long lists instead of sending them at once.")),
)

STATUSES: dict[int, tuple[str, str, list[str], str]] = {
    400: ("Bad Request", "no", ["fix-request"], "The request is wrong as sent; correct it before sending it again."),
    401: ("Unauthorized", "no", ["fix-credentials"], "Fix the API key before sending the request again."),
    403: ("Forbidden", "no", ["fix-credentials"], "Use a key that is allowed to do this."),
    404: ("Not Found", "no", ["fix-request"], "Look up the right identifier first."),
    409: ("Conflict", "conditional", ["fix-request", "check-before-retry"],
          "Fetch the current state, then decide whether to send the request again."),
    410: ("Gone", "no", ["fix-request"], "The resource is gone for good; create a new one."),
    413: ("Content Too Large", "no", ["fix-request"], "Send a smaller request."),
    422: ("Unprocessable Entity", "conditional", ["wait-for-user", "fix-request"],
          "Retry only once the resource is in the required state."),
    429: ("Too Many Requests", "yes", ["retry-after", "backoff"],
          "Wait as long as `Retry-After` says, then retry with backoff."),
    500: ("Internal Server Error", "yes", ["backoff", "contact-support"],
          "Retry a few times with backoff; contact support if it persists."),
    502: ("Bad Gateway", "yes", ["backoff"], "Retry with exponential backoff and jitter."),
    503: ("Service Unavailable", "yes", ["backoff", "retry-after"],
          "Retry with backoff, honouring `Retry-After` when it is sent."),
    504: ("Gateway Timeout", "conditional", ["check-before-retry", "backoff"],
          "The outcome is unknown; check before retrying calls that change data."),
}
LAYERS = ("edge", "service", "storage")
FACTS: list[dict[str, Any]] = [
    {"id": "upstream_code", "label": "Upstream code", "kind": "code", "column": True, "lookup": True,
     "description": "The code of the upstream system the error comes from; about a hundred errors share each."},
    {"id": "layer", "label": "Layer", "kind": "enum", "values": list(LAYERS), "column": True},
    {"id": "runbook", "label": "Runbook", "kind": "url"},
]
"""Facts every numeric entry gives (the runbook, one in three), so the benchmarks measure them."""
TRANSLATED = {"de": "Fehler:", "fr": "Erreur :", "ja": "エラー:"}
"""Each message's translations: its text after the word for error, placeholders kept."""
OWN_RETRY: dict[str, Any] = {
    "retryable": "conditional",
    "how": ["check-before-retry", "backoff"],
    "note": "The call may have partly run; confirm its effect before sending it again.",
}
ENVELOPE: dict[str, Any] = {
    "description": "Every error is a JSON object with one `error` member holding the code, name, message and status.",
    "example": {"error": {"code": "$code", "name": "$name", "message": "$message", "status": "$status",
                          "request_id": "req_5f2c9a"}},
    "fields": [
        {"name": "error.code", "type": "integer or string", "description": "The error code. Branch on this value."},
        {"name": "error.name", "type": "string", "description": "The name of the code."},
        {"name": "error.message", "type": "string", "description": "Text for people; do not branch on it."},
        {"name": "error.status", "type": "integer", "description": "The HTTP status, repeated in the body."},
        {"name": "error.request_id", "type": "string", "description": "Quote it when you contact support."},
    ],
}
INDEX_MD = """\
---
title: Synthetic error reference
description: A generated catalog for load tests of the site's search and lookup.
---

# Synthetic error reference

A generated catalog: numeric codes in declared ranges of {width}, a few short legacy codes,
and a second code system of string codes. It exists to measure how the site copes with
{codes} codes.

{{{{ catalog_overview('{catalog}') }}}}
"""


@dataclass
class _Entry:
    code: int | str
    name: str | None
    condition: Condition
    noun: str
    aspect: str
    description: str
    data: dict[str, Any] = field(default_factory=dict)


class _Words:
    """Hands out unique (noun, aspect, condition) triples in a seeded random order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.triples = [(n, a, c) for n in NOUNS for a in ASPECTS for c in CONDITIONS]
        rng.shuffle(self.triples)
        self.used = 0

    def next(self) -> tuple[str, str, Condition, int]:
        triple = self.triples[self.used % len(self.triples)]
        round_ = self.used // len(self.triples)
        self.used += 1
        return (*triple, round_)


def _lower(word: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r" \1", word).lower()


def _snake(word: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", word).lower()


def _slug(text: str) -> str:
    """A group id made of a name, kept off the names the site reserves for itself (`Search` -> `search-group`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug + "-group" if urls.reserved(slug) else slug


def _fill(template: str, noun: str, aspect: str) -> str:
    return template.format(n=_lower(noun), a=_lower(aspect), lower_a=_snake(aspect))


def _description(rng: random.Random, cond: Condition, noun: str, aspect: str, round_: int) -> str:
    base = _fill(cond.description, noun, aspect)
    tag = f" (v{round_ + 1})" if round_ else ""
    options = [s for s in SUFFIXES if 40 <= len(base + s + tag) <= 70] or [""]
    return base + rng.choice(options) + tag


def _entry(rng: random.Random, words: _Words, code: int | str, named: bool = True) -> _Entry:
    noun, aspect, cond, round_ = words.next()
    name = f"{noun}{aspect}{cond.word}" + (f"V{round_ + 1}" if round_ else "")
    description = _description(rng, cond, noun, aspect, round_)
    causes = [_fill(c, noun, aspect) for c in rng.sample(cond.causes, rng.choice((2, 3)))]
    fixes = [_fill(f, noun, aspect) for f in cond.fixes]
    data: dict[str, Any] = {"code": code}
    if named:
        data["name"] = name
    data.update(status=cond.status, description=description, causes=causes, fixes=fixes)
    if rng.random() < 0.05:
        data["retry"] = dict(OWN_RETRY)
    if cond.status == 429 and rng.random() < 0.5:
        data["headers"] = [{"name": "Retry-After", "description": "Seconds to wait before the next call."}]
    if isinstance(code, int):
        data["facts"] = _facts(code)
    return _Entry(code, name if named else None, cond, noun, aspect, description, data)


def _facts(code: int) -> dict[str, str]:
    """A numeric entry's values of the catalog's FACTS, from its code alone (the random draws stay as they were):
    an upstream code that about 100 entries share, a layer, and for one entry in three a runbook."""
    values = {"upstream_code": f"U{code % 97:02d}{code % 7}", "layer": LAYERS[code % len(LAYERS)]}
    if code % 3 == 0:
        values["runbook"] = f"https://runbooks.example/errors/{code}"
    return values


def _messages(rng: random.Random, entries: list[_Entry]) -> list[dict[str, Any]]:
    out = []
    for entry in rng.sample(entries, min(2, len(entries))):
        placeholder = f"{_snake(entry.noun)}_id"
        text = f"{entry.noun} {_lower(entry.aspect)} {_lower(entry.condition.word)}: {{{placeholder}}}"
        out.append({"code": entry.code, "message": text,
                    "placeholders": {placeholder: f"The id of the {_lower(entry.noun)} concerned."},
                    "cause": f"The {_lower(entry.noun)} named in the message hit this error.",
                    "translations": {tag: f"{word} {text}" for tag, word in TRANSLATED.items()}})
    return out


def _group_doc(group: dict[str, Any], entries: list[_Entry], messages: list[dict[str, Any]]) -> str:
    body: dict[str, Any] = {"group": group, "entries": [e.data for e in entries]}
    if messages:
        body["messages"] = messages
    return GROUP_SCHEMA + yaml.dump(body, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=110)


def _range_names(count: int) -> list[str]:
    names = []
    for i in range(count):
        service = SERVICES[i % len(SERVICES)]
        names.append(service if i < len(SERVICES) else f"{service} {i // len(SERVICES) + 1}")
    return names


def _write_catalog(folder: Path, codes: int, seed: int) -> None:
    if codes < 100:
        raise ValueError("the synthetic catalog needs at least 100 codes")
    rng = random.Random(seed)
    words = _Words(rng)
    n_string = max(1, round(codes * STRING_SHARE))
    n_short = sum(len(r[3]) for r in SHORT_RANGES)
    n_long = codes - n_string - n_short - 2
    n_ranges = -(-n_long // PER_RANGE)
    folder.mkdir(parents=True)
    ranges: list[dict[str, Any]] = []
    files: dict[str, str] = {}

    for start, end, name, numbers in SHORT_RANGES:
        gid = _slug(name)
        ranges.append({"start": start, "end": end, "name": name, "group": gid})
        entries = [_entry(rng, words, n) for n in numbers]
        group = {"id": gid, "title": f"{name} errors", "span": {"start": start, "end": end}}
        files[gid] = _group_doc(group, entries, _messages(rng, entries))

    long_groups: list[tuple[dict[str, Any], list[_Entry]]] = []
    slot, left = 0, n_long
    for name in _range_names(n_ranges):
        if slot == UNDECLARED_SLOT:
            slot += 1
        start = FIRST_RANGE + slot * RANGE_WIDTH
        end = start + RANGE_WIDTH - 1
        take = min(PER_RANGE, left)
        left -= take
        offsets = sorted(rng.sample(range(RANGE_WIDTH), take))
        entries = [_entry(rng, words, start + o) for o in offsets]
        for prev, entry in pairwise(entries):
            if rng.random() < 0.2:
                entry.data["see_also"] = [prev.code]
        gid = _slug(name)
        ranges.append({"start": start, "end": end, "name": name, "group": gid})
        group = {"id": gid, "title": f"{name} errors", "span": {"start": start, "end": end}}
        long_groups.append((group, entries))
        slot += 1

    outside = FIRST_RANGE + UNDECLARED_SLOT * RANGE_WIDTH + 50
    long_groups[min(UNDECLARED_SLOT - 1, len(long_groups) - 1)][1].append(_entry(rng, words, outside))
    duplicate = long_groups[0][1][0].code
    long_groups[-1][1].append(_entry(rng, words, duplicate))
    for group, entries in long_groups:
        files[group["id"]] = _group_doc(group, entries, _messages(rng, entries))

    seen: set[str] = set()
    string_entries = []
    while len(string_entries) < n_string:
        entry = _entry(rng, words, "", named=False)
        code = f"gw.{_snake(entry.noun)}_{_snake(entry.condition.word)}"
        code = code if code not in seen else f"{code}_{_snake(entry.aspect)}"
        if code in seen:
            continue
        seen.add(code)
        entry.code = entry.data["code"] = code
        entry.data["description"] = "Gateway: " + entry.description[0].lower() + entry.description[1:]
        string_entries.append(entry)
    group = {"id": STRING_SYSTEM, "title": "Gateway error codes", "system": STRING_SYSTEM,
             "description": "String codes the edge gateway returns before a request reaches a service."}
    files[STRING_SYSTEM] = _group_doc(group, string_entries, [])

    catalog = {
        "title": "Synthetic",
        "summary": f"A generated catalog of {codes} error codes for load tests of the search and the lookup.",
        "source": {"title": "Generated by tests/benchmarks/synthetic.py"},
        "order": 90,
        "systems": [
            {"id": "api", "title": "Synthetic API codes", "kind": "numeric", "primary": True},
            {"id": STRING_SYSTEM, "title": "Gateway codes", "kind": "string", "example": True},
        ],
        "ranges": ranges,
        "facts": FACTS,
        "envelope": ENVELOPE,
        "statuses": {
            status: {"title": title, "retry": {"retryable": retryable, "how": how, "note": note}}
            for status, (title, retryable, how, note) in STATUSES.items()
        },
    }
    (folder / "catalog.yml").write_text(
        CATALOG_SCHEMA + yaml.dump(catalog, Dumper=yaml.CSafeDumper, sort_keys=False, width=110),
        encoding="utf-8")
    for gid, text in files.items():
        (folder / f"{gid}.yml").write_text(text, encoding="utf-8")


def _with_nav_entry(mkdocs_yml: str) -> str:
    lines = mkdocs_yml.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    end = next((i for i in range(start + 1, len(lines))
                if lines[i] and not lines[i].startswith((" ", "#"))), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    entry = ["  - Synthetic:", f"      - {CATALOG_ID}/index.md"]
    return "\n".join([*lines[:end], *entry, *lines[end:]]) + "\n"


def write_sources(out: Path, codes: int) -> None:
    """Copy the site's code (mkdocs.yml, hooks.py, macros/, docs/) into out, with the synthetic section added."""
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src, dst = ROOT / name, out / name
        if dst.is_dir():
            shutil.rmtree(dst)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=IGNORE)
        else:
            shutil.copy2(src, dst)
    config = out / "mkdocs.yml"
    config.write_text(_with_nav_entry(config.read_text(encoding="utf-8")), encoding="utf-8")
    index = out / "docs" / CATALOG_ID / "index.md"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(INDEX_MD.format(width=RANGE_WIDTH, codes=codes, catalog=CATALOG_ID), encoding="utf-8")


def _alone(out: Path) -> None:
    """Drop every catalog's pages but the synthetic one's from docs/ and from the nav (each catalog of data/ is a
    top-level section of the nav that leads to `<id>/index.md`)."""
    others = [p.name for p in (ROOT / "data").iterdir() if (p / "catalog.yml").is_file() and p.name != CATALOG_ID]
    for catalog in others:
        if (out / "docs" / catalog).is_dir():
            shutil.rmtree(out / "docs" / catalog)
    config = out / "mkdocs.yml"
    head, _, nav = config.read_text(encoding="utf-8").partition("\nnav:\n")
    blocks = re.split(r"\n(?=  - )", nav.rstrip("\n"))
    kept = [b for b in blocks if not any(f" {catalog}/index.md" in b for catalog in others)]
    config.write_text(head + "\nnav:\n" + "\n".join(kept) + "\n", encoding="utf-8")


def write_project(out: Path, codes: int, seed: int = 1, examples: bool = True) -> Path:
    """Write a complete buildable project with a synthetic catalog of `codes` codes into out; return out. With
    `examples`, the catalogs of data/ and the pages of docs/ come along; without, the synthetic catalog is alone, under
    a one-page site (a quicker build for tests of the build's machinery)."""
    out = Path(out)
    write_sources(out, codes)
    if not examples:
        _alone(out)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir()
    for folder in sorted(p for p in (ROOT / "data").iterdir() if p.is_dir() and p.name != CATALOG_ID and examples):
        shutil.copytree(folder, data / folder.name, ignore=IGNORE)
    _write_catalog(data / CATALOG_ID, codes, seed)
    acknowledge_failing(data, CATALOG_ID, "A deliberate flaw of the synthetic catalog.")
    (out / MARKER).write_text(json.dumps({"codes": codes, "seed": seed}) + "\n", encoding="utf-8")
    return out


def acknowledge_failing(data: Path, catalog_id: str, reason: str) -> None:
    """Acknowledge, in its catalog.yml, every lint error a generated catalog has on purpose (a duplicate code, a code
    outside its range, a shared message)."""
    health = lint(c for c in load_catalogs(data) if c.id == catalog_id)[catalog_id]
    acknowledged = [{"check": f.check, "subject": f.subject, "reason": reason} for f in health.failing]
    if acknowledged:
        with (data / catalog_id / "catalog.yml").open("a", encoding="utf-8") as out:
            out.write(yaml.dump({"acknowledged": acknowledged}, Dumper=yaml.CSafeDumper, sort_keys=False))


def edit_entry(out: Path, description: str, group: str | None = None) -> int | str:
    """Give the first entry of a synthetic group file (by default the middle one) a new description, saved the way
    editors save (a new file renamed over the old one); return the entry's code."""
    folder = Path(out) / "data" / CATALOG_ID
    files = sorted(p for p in folder.glob("*.yml") if p.name != "catalog.yml")
    path = folder / f"{group}.yml" if group else files[len(files) // 2]
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    doc = yaml.load(body, Loader=yaml.CSafeLoader)
    entry = doc["entries"][0]
    entry["description"] = description
    text = header + "\n" + yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=110)
    saved = Path(out) / f".{path.name}.saving"
    saved.write_text(text, encoding="utf-8")
    os.replace(saved, path)
    return entry["code"]


def written_codes(out: Path) -> int | None:
    """The number of codes write_project wrote into out, when it did."""
    marker = Path(out) / MARKER
    return json.loads(marker.read_text(encoding="utf-8"))["codes"] if marker.is_file() else None


def main(argv: list[str] | None = None) -> int:
    """Command line: write a synthetic project."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--codes", type=int, default=10_000, help="codes in the synthetic catalog")
    parser.add_argument("--out", type=Path, required=True, help="project folder to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = write_project(args.out, args.codes, args.seed)
    print(f"wrote {out} ({args.codes} synthetic codes); build it with: "
          f"cd {out} && NO_MKDOCS_2_WARNING=1 mkdocs build --strict -d site")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
