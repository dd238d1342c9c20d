"""Run every check on a catalog and apply its acknowledgements."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from ..catalog.model import Catalog
from . import entries, messages, ranges
from .findings import CHECKS, RENAMED_CHECKS, Finding, Health, finding

CHECK_FUNCTIONS: tuple[Callable[[Catalog], Iterable[Finding]], ...] = (
    entries.check_duplicate_codes, ranges.check_code_outside_range, ranges.check_codes_in_other_range,
    ranges.check_range_overlap, ranges.check_group_not_declared, ranges.check_declared_range_differs,
    ranges.check_many_groups,
    entries.check_status_code_mismatch, entries.check_name_status, entries.check_naming_convention,
    entries.check_retry_reason, entries.check_references, entries.check_guidance, messages.check_placeholders,
    messages.check_messages, entries.check_lifecycle, entries.check_urls, entries.check_aliases,
    entries.check_names_reused, entries.check_examples, entries.check_line_formats,
)


def _acknowledge(catalog: Catalog, findings: list[Finding]) -> list[Finding]:
    acks = {(RENAMED_CHECKS.get(a.check, a.check), a.subject): a for a in catalog.acknowledgements}
    used: set[tuple[str, str]] = set()
    out = []
    for found in findings:
        ack = acks.get((found.check, found.subject))
        if ack is not None and CHECKS[found.check].acknowledgeable:
            used.add((ack.check, ack.subject))
            found = replace(found, acknowledged=ack.reason)
        out.append(found)
    for ack in acks.values():
        if (ack.check, ack.subject) not in used:
            why = ("cannot be acknowledged: fix it" if ack.check in CHECKS and not CHECKS[ack.check].acknowledgeable
                   else "matches no finding")
            out.append(finding(
                "stale-acknowledgement", f"{ack.check}:{ack.subject}", ack.location,
                f"the acknowledgement of [{ack.check}] subject {ack.subject!r} {why}. Remove it, or "
                "copy check and subject exactly as the lint prints them."))
    return out


def lint_catalog(catalog: Catalog) -> Health:
    """Run every check on one catalog and apply its acknowledgements."""
    findings = [found for check in CHECK_FUNCTIONS for found in check(catalog)]
    return Health.of(catalog.id, _acknowledge(catalog, findings))


def lint(catalogs: Iterable[Catalog]) -> dict[str, Health]:
    """The health of every catalog, by catalog id."""
    return {catalog.id: lint_catalog(catalog) for catalog in catalogs}


def failing(health: Mapping[str, Health]) -> list[Finding]:
    """Every finding that fails the build, across catalogs."""
    return [f for h in health.values() for f in h.failing]


# --- command line -----------------------------------------------------------------------------
