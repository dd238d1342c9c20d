"""A JSON template laid out once: its `json.dumps(indent=2)` text with slots where its placeholders go.

Filling the slots gives, byte for byte, what laying out the filled-in template gives, at a
fraction of the cost: a build shows every entry's example several times (its page, its
twins, catalog.json), and the pure-Python encoder that `indent` needs dominates that work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

SLOT = "\ue000"
_SLOTS = re.compile(f'"{SLOT}([0-9]+){SLOT}"|{SLOT}([0-9]+){SLOT}')


@dataclass(frozen=True)
class Layout:
    """The laid-out text between the slots, and for each slot its placeholder and whether it is a whole value."""

    pieces: tuple[str, ...]
    slots: tuple[tuple[str, bool], ...]

    def render(self, values: Mapping[str, Any]) -> str:
        """The text with every slot filled: a whole value as JSON, a placeholder inside a string as its text."""
        out = [self.pieces[0]]
        for (name, whole), piece in zip(self.slots, self.pieces[1:], strict=True):
            value = values.get(name)
            out.append(json.dumps(value, ensure_ascii=False) if whole
                       else encode_basestring("" if value is None else str(value))[1:-1])
            out.append(piece)
        return "".join(out)


def layout(template: Any, placeholder: re.Pattern[str]) -> Layout | None:
    """The template laid out with slots, or None when its own text holds the slot character."""
    found: list[tuple[str, bool]] = []
    clash = False

    def slot(name: str, whole: bool) -> str:
        found.append((name, whole))
        return f"{SLOT}{len(found) - 1}{SLOT}"

    def walk(node: Any) -> Any:
        nonlocal clash
        if isinstance(node, dict):
            clash |= any(isinstance(key, str) and SLOT in key for key in node)
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value) for value in node]
        if isinstance(node, str):
            clash |= SLOT in node
            whole = placeholder.fullmatch(node)
            return slot(whole.group(1), True) if whole else placeholder.sub(lambda m: slot(m.group(1), False), node)
        return node

    text = json.dumps(walk(template), indent=2, ensure_ascii=False)
    if clash:
        return None
    parts = _SLOTS.split(text)
    pieces = tuple(parts[0::3])
    order = [int(whole or inner) for whole, inner in zip(parts[1::3], parts[2::3], strict=True)]
    return Layout(pieces, tuple(found[i] for i in order))
