"""Checks of message strings: undeclared placeholders, one message under two codes, templates that overlap."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..catalog.model import Catalog
from .findings import Finding, finding


def check_placeholders(catalog: Catalog) -> Iterator[Finding]:
    """Message templates whose placeholders are not declared, or declared but unused."""
    for message in catalog.messages:
        used = set(message.placeholders)
        declared = set(message.declared_placeholders)
        problems = []
        if used - declared:
            problems.append(f"undeclared {', '.join('{' + p + '}' for p in sorted(used - declared))}: "
                            "add them under `placeholders` with what the API puts there")
        if declared - used:
            problems.append(f"declared but not in the message: {', '.join(sorted(declared - used))}")
        if problems:
            yield finding(
                "undeclared-placeholder", f"message:{message.anchor}", message.location,
                f"message {message.text!r}: {'; '.join(problems)}.",
                refs=[message.ref], groups=[message.group])


def template_pattern(text: str) -> re.Pattern[str] | None:
    """A message template as an expression that its filled-in instances match; None for a message without one."""
    parts = re.split(r"\{[A-Za-z_][A-Za-z0-9_]*\}", text)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S) if len(parts) > 1 else None


def check_messages(catalog: Catalog) -> Iterator[Finding]:
    """Message strings listed twice, or that another message's template also matches."""
    by_text: dict[str, list] = defaultdict(list)
    for message in catalog.messages:
        by_text[message.text].append(message)
    for text, messages in by_text.items():
        owners = {(m.ref, catalog.entries_for(m.ref)[0].status) for m in messages}
        if len(owners) > 1:
            listed = ", ".join(f"{m.code} ({m.location.file}:{m.location.line})" for m in messages)
            yield finding(
                "message-multiple-codes", f"message:{messages[0].anchor}", messages[1].location,
                f"message {text!r} is listed under {listed}. One message string should identify one error.",
                refs=[m.ref for m in messages], groups=dict.fromkeys(m.group for m in messages))
    templates = [(m, template_pattern(m.text)) for m in catalog.messages]
    for message in catalog.messages:
        for other, pattern in templates:
            if other is message or pattern is None or not pattern.fullmatch(message.text):
                continue
            yield finding(
                "message-ambiguous", f"message:{message.anchor}", message.location,
                f"message {message.text!r} is also an instance of the template {other.text!r}, so a "
                "client matching messages cannot tell them apart. Make the exact message more specific, "
                "or say on both entries which one applies.",
                notice=f"The message {message.text!r} also fits the template {other.text!r}.",
                refs=dict.fromkeys([message.ref, other.ref]), groups=dict.fromkeys([message.group, other.group]))
