"""Checks of entries: repeated codes and names, statuses, naming, retry, links, guidance, lifecycle, URLs, examples."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..catalog import line_formats
from ..catalog.model import Catalog, CodeRef, ErrorEntry, Group
from ..site import urls
from ..site.examples import example_for
from .findings import Finding, finding, subject
from .messages import template_pattern

NAME_STATUSES: tuple[tuple[re.Pattern[str], frozenset[int], str], ...] = tuple(
    (re.compile(pattern), frozenset(statuses), meaning) for pattern, statuses, meaning in (
        (r"notfound|notexist|doesnotexist|missing$", {404}, "not found"),
        (r"unauthori[sz]ed|unauthenticated", {401}, "not authenticated"),
        (r"forbidden|permissiondenied|accessdenied", {403}, "forbidden"),
        (r"alreadyexists|conflict|duplicate", {409}, "a conflict"),
        (r"ratelimit|toomanyrequests|throttl", {429}, "rate limiting"),
        (r"^gone$|gone$", {410}, "gone"),
        (r"notimplemented", {501}, "not implemented"),
        (r"serviceunavailable|unreachable", {502, 503, 504}, "a service that cannot be reached"),
        (r"timeout|timedout", {408, 504}, "a timeout"),
        (r"^badrequest$", {400}, "a bad request"),
        (r"^internalservererror$|^internalerror$", {500}, "an internal server error"),
        (r"validation", {400, 422}, "invalid input"),
    )
)

STYLES = {
    "PascalCase": re.compile(r"[A-Z][a-zA-Z0-9]*"),
    "camelCase": re.compile(r"[a-z][a-zA-Z0-9]*"),
    "snake_case": re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*"),
    "UPPER_SNAKE_CASE": re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*"),
}


def _numeric_entries(group: Group) -> list[ErrorEntry]:
    return [e for e in group.entries if e.numeric_code is not None]


def check_duplicate_codes(catalog: Catalog) -> Iterator[Finding]:
    """The same code twice in one code system."""
    for ref, entries in catalog.codes.items():
        if len(entries) < 2:
            continue
        listed = "; ".join(
            f"{e.name or e.code} ({catalog.group(e.group).title}, status "
            f"{e.status if e.status is not None else 'none'}, {e.location.file}:{e.location.line})" for e in entries)
        yield finding(
            "duplicate-code", subject(ref), entries[1].location,
            f"code {catalog.ref_label(ref)} is listed {len(entries)} times: {listed}. Give each error its "
            "own code, or acknowledge it if the API really returns the same code for both.",
            notice=f"The catalog uses code {catalog.ref_label(ref)} for {len(entries)} different errors: "
                   + ", ".join(f"{e.name or e.code} ({e.status if e.status is not None else 'no status'})"
                               for e in entries) + ". Tell them apart by the status and the message.",
            refs=[ref], groups=dict.fromkeys(e.group for e in entries))


def check_status_code_mismatch(catalog: Catalog) -> Iterator[Finding]:
    """Codes whose number encodes another status than the one they come with."""
    for group in catalog.groups:
        kind = catalog.system(group.system).kind
        offset = 0 if kind == "http-status" else group.status_offset
        if offset is None:
            continue
        for entry in _numeric_entries(group):
            implied = (entry.numeric_code or 0) - offset
            if entry.status is not None and implied != entry.status:
                rule = "the code is the status" if kind == "http-status" else f"code = {offset} + status"
                yield finding(
                    "status-code-mismatch", subject(entry.ref), entry.location,
                    f"code {entry.code} implies status {implied} ({rule}), but {entry.name or entry.code} "
                    f"comes with {entry.status}. Correct the code or the status.",
                    notice=f"The number {entry.code} suggests HTTP status {implied}, but this error is "
                           f"returned with {entry.status}.",
                    refs=[entry.ref], groups=[group.id])


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def check_name_status(catalog: Catalog) -> Iterator[Finding]:
    """Names that say one thing while the status says another."""
    for entry in catalog.entries:
        if entry.status is None:
            continue
        key = _words(entry.name or entry.code)
        for pattern, statuses, meaning in NAME_STATUSES:
            if pattern.search(key) and entry.status not in statuses:
                expected = " or ".join(str(s) for s in sorted(statuses))
                yield finding(
                    "name-status-mismatch", subject(entry.ref), entry.location,
                    f"{entry.name or entry.code} says {meaning} ({expected}), but comes with status "
                    f"{entry.status}. Clients that branch on the status will misread it.",
                    notice=f"The name {entry.name or entry.code} suggests {meaning} (HTTP {expected}), "
                           f"but the API returns it with status {entry.status}.",
                    refs=[entry.ref], groups=[entry.group])
                break


def check_naming_convention(catalog: Catalog) -> Iterator[Finding]:
    """Names and string codes that break their system's declared convention."""
    for entry in catalog.entries:
        system = catalog.system(entry.system)
        checks = [("name", entry.name, system.name_style)]
        if entry.numeric_code is None:
            checks.append(("code", entry.code, system.code_style))
        for what, value, style in checks:
            if value and style and not STYLES[style].fullmatch(value):
                yield finding(
                    "naming-convention", f"{subject(entry.ref)}:{what}", entry.location,
                    f"the {what} {value} breaks the {style} convention of {system.title}.",
                    notice=f"The {what} {value} does not follow the catalog's {style} convention.",
                    refs=[entry.ref], groups=[entry.group])


def check_retry_reason(catalog: Catalog) -> Iterator[Finding]:
    """Retry verdicts that differ from their status's policy without a stated reason."""
    for entry in catalog.entries:
        own = entry.own_retry
        policy = catalog.statuses.get(entry.status) if entry.status is not None else None
        if own is None or policy is None or own.note:
            continue
        if own.retryable != policy.retry.retryable:
            yield finding(
                "retry-contradicts-status", subject(entry.ref), entry.location,
                f"{entry.code} is retryable={own.retryable}, but status {entry.status} is "
                f"retryable={policy.retry.retryable}; add `retry.note` saying why.",
                refs=[entry.ref], groups=[entry.group])


def check_references(catalog: Catalog) -> Iterator[Finding]:
    """Related and not-to-be-confused-with links to codes that do not exist, or to the entry's own code (replacements:
    macros/site/history.py)."""
    for entry in catalog.entries:
        links = [("see_also", r) for r in entry.see_also]
        links += [("not_confused_with", r) for r in entry.not_confused_with]
        links += [(f"facts.{fact.id}", CodeRef(fact.system, value))
                  for fact, value in catalog.fact_values(entry) if fact.system]
        for name, ref in links:
            if ref == entry.ref:
                yield finding(
                    "self-reference", f"{subject(entry.ref)}:{name}", entry.location,
                    f"{entry.code}.{name} names {entry.code} itself: link to another code, or remove the link.",
                    refs=[entry.ref], groups=[entry.group])
            elif not catalog.entries_for(ref):
                target = ref.code if ref.system == entry.system else f"{ref.system}:{ref.code}"
                yield finding(
                    "unknown-reference", f"{subject(entry.ref)}:{name}:{target}", entry.location,
                    f"{entry.code}.{name} links to {target}, which is not a code of this catalog. "
                    + ("Correct the value, or the code system the fact names in catalog.yml."
                       if name.startswith("facts.") else
                       "Correct the code, or write it as <system>:<code> for another code system."),
                    refs=[entry.ref], groups=[entry.group])


def check_guidance(catalog: Catalog) -> Iterator[Finding]:
    """Entries without causes or without a fix, unless the catalog or the group declares that guidance optional."""
    for entry in catalog.entries:
        optional = catalog.optional_guidance | catalog.group(entry.group).optional_guidance
        missing = [what for what, items in (("causes", entry.causes), ("fixes", entry.fixes))
                   if not items and what not in optional]
        if missing:
            yield finding(
                "missing-guidance", subject(entry.ref), entry.location,
                f"{entry.code} has no {' and no '.join(missing)}. Write what a support engineer would "
                "tell the developer who got it.", refs=[entry.ref], groups=[entry.group])


def check_lifecycle(catalog: Catalog) -> Iterator[Finding]:
    """Deprecated or removed codes that say neither what replaces them nor what to do."""
    for entry in catalog.entries:
        life = entry.lifecycle
        if life.state != "active" and life.replaced_by is None and not life.note:
            yield finding(
                "lifecycle-without-guidance", subject(entry.ref), entry.location,
                f"{entry.code} is {life.state} but says neither what to use instead nor what to do: give "
                + ("`lifecycle.removed` a `replaced_by` or a `note`." if life.removed
                   else "`lifecycle.deprecated` a `use_instead` or a `reason`."),
                refs=[entry.ref], groups=[entry.group])


def check_urls(catalog: Catalog) -> Iterator[Finding]:
    """Codes whose pages would share a URL, with each other or with a page the site already has."""
    secondary = {s.id for s in catalog.systems if not s.primary}
    pages: dict[str, list[CodeRef]] = defaultdict(list)
    for ref in catalog.codes:
        pages[urls.code_url(catalog, ref).lower()].append(ref)
        entry = catalog.entries_for(ref)[0]
        if catalog.system(ref.system).primary and ref.code in secondary:
            yield finding(
                "url-collision", subject(ref), entry.location,
                f"code {ref.code!r} would take the URL /{catalog.id}/{ref.code}/, where the pages of code "
                f"system {ref.code!r} live; rename it or move it to another code system.", refs=[ref],
                groups=[entry.group])
    for url, refs in pages.items():
        if len(refs) > 1:
            first = catalog.entries_for(refs[1])[0]
            yield finding(
                "url-collision", "~".join(subject(r) for r in refs), first.location,
                f"codes {', '.join(r.code for r in refs)} differ only in case, so their pages ({url}) "
                "collide on case-insensitive file systems and servers. Rename one of them.",
                refs=refs, groups=[first.group])


def check_aliases(catalog: Catalog) -> Iterator[Finding]:
    """Alias codes that are another entry's code, or aliases that repeat the entry's own name or code."""
    for entry in catalog.entries:
        seen = {entry.code, entry.name}
        for alias in entry.aliases:
            if alias.text in seen:
                yield finding(
                    "alias-conflict", f"{subject(entry.ref)}:alias:{alias.text}", entry.location,
                    f"{entry.code} lists {alias.text!r} as an alias, but it is already its code, name or "
                    "another alias. Remove the repeat.", refs=[entry.ref], groups=[entry.group])
            elif alias.code is not None and catalog.entries_for(CodeRef(entry.system, alias.code)):
                yield finding(
                    "alias-conflict", f"{subject(entry.ref)}:alias:{alias.text}", entry.location,
                    f"{entry.code} lists code {alias.code} as an alias, but {alias.code} is the code of another "
                    "entry, so a lookup of it could not tell which error is meant. If both are one error, merge "
                    "the entries; if not, drop the alias.",
                    refs=[entry.ref, CodeRef(entry.system, alias.code)], groups=[entry.group])
            seen.add(alias.text)


def check_names_reused(catalog: Catalog) -> Iterator[Finding]:
    """One name (or alias name) used by more than one code, in a code system whose names identify errors."""
    by_name: dict[tuple[str, str], dict[CodeRef, ErrorEntry]] = defaultdict(dict)
    for entry in catalog.entries:
        if not catalog.system(entry.system).unique_names:
            continue
        for name in dict.fromkeys(n for n in (entry.name, *entry.alias_names) if n):
            by_name[(entry.system, name)].setdefault(entry.ref, entry)
    for (system, name), owners in by_name.items():
        if len(owners) < 2:
            continue
        entries = list(owners.values())
        codes = ", ".join(catalog.ref_label(e.ref) for e in entries)
        yield finding(
            "name-reused", f"{system}:{name}", entries[1].location,
            f"the name {name} is used by {len(entries)} codes ({codes}), so a program or reader that goes by the "
            "name cannot tell which one is meant. Give each error its own name, or acknowledge it if the "
            "catalog publishes it this way.",
            notice=f"The name {name} is also used by {'another code' if len(entries) == 2 else 'other codes'}: "
                   f"{codes}.",
            refs=[e.ref for e in entries], groups=dict.fromkeys(e.group for e in entries))


def check_examples(catalog: Catalog) -> Iterator[Finding]:
    """Groups whose entries cannot show their system's example, because the example needs an HTTP status."""
    for group in catalog.groups:
        example = catalog.system(group.system).example
        if example is None or not group.example or "status" not in example.placeholders:
            continue
        missing = [e for e in group.entries if example_for(catalog, e) is None]
        if missing:
            yield finding(
                "example-needs-status", f"{group.id}:example", missing[0].location,
                f"{len(missing)} entries of {group.title} have no HTTP status, but the example format of "
                f"{catalog.system(group.system).title} uses $status, so their pages show no example. Give the "
                "code system an `example` format of its own, or set `example: false` on the group or system.",
                refs=[e.ref for e in missing], groups=[group.id])


def _names(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def check_line_formats(catalog: Catalog) -> Iterator[Finding]:
    """Line formats whose example the pattern does not read, or whose example names no error of the catalog."""
    ids = [s.id for s in catalog.systems]
    codes = {(e.system, e.code.lower()) for e in catalog.entries}
    names = {_names(n) for e in catalog.entries for n in (e.name, *e.alias_names) if n}
    texts = {m.text.lower() for m in catalog.messages} | {
        text.lower() for e in catalog.entries for text in (e.description, e.example_message) if text}
    for system in catalog.systems:
        for item in system.line_formats:
            if item.example is None:
                continue
            parts = line_formats.match_line(item.compiled, item.example)
            subject = f"{system.id}:{item.pattern}"
            if parts is None:
                yield finding("line-format-example", subject, item.location,
                              f"the pattern {item.pattern!r} does not read its example {item.example!r}: "
                              "correct one of them, so that the lookup reads such lines")
                continue
            known = any(
                (part == "code" and (system.id, value.lower()) in codes)
                or (part in ids and (part, value.lower()) in codes)
                or (part == "name" and _names(value) in names)
                or (part == "message" and (value.lower() in texts or _template_fits(catalog, value)))
                for part, value in parts.items())
            if not known:
                yield finding("line-format-example", subject, item.location,
                              f"the example {item.example!r} names no error of {catalog.title}: "
                              f"it reads {parts}; use a line of one of the catalog's own errors")


def _template_fits(catalog: Catalog, text: str) -> bool:
    return any((pattern := template_pattern(m.text)) is not None and pattern.fullmatch(text) for m in catalog.messages)
