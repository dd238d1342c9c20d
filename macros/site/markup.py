"""Catalog text as HTML: escaped, with `backticks` as code; and as plain text for titles and descriptions."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_SPACES = re.compile(r"\s+")


def inline(value: object) -> Markup:
    """Catalog text as HTML: escaped, whitespace folded, `backticks` shown as code."""
    raw = " ".join(str(value).split())
    if "`" not in raw:
        return escape(raw)
    parts = raw.split("`")
    if len(parts) % 2 == 0:
        return escape(raw)
    return Markup("").join(
        Markup("<code>%s</code>") % part if i % 2 else escape(part) for i, part in enumerate(parts))


def literal(value: object, lang: str | None = None) -> Markup:
    """A literal (a code, a message string) as code; line breaks show as spaces. `lang`: the language it is in, when
    not the page's (a translated message), so that a screen reader reads it in that language."""
    text = _SPACES.sub(" ", str(value)).strip()
    if lang:
        return Markup('<code lang="%s">%s</code>') % (lang, text)
    return Markup("<code>%s</code>") % text


def plain(value: object) -> str:
    """Catalog text for a title or a description: backticks dropped, whitespace folded."""
    return " ".join(str(value).replace("`", "").split())
