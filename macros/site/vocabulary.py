"""The words the site uses for the catalogs' enumerations: retry verdicts and steps, severities, lifecycle states,
the names of languages."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

RETRYABLE_LABELS = {"yes": "Yes", "no": "No", "conditional": "Conditional", "n/a": "Not applicable"}
HOW_LABELS = {
    "backoff": "retry with exponential backoff and jitter",
    "retry-after": "wait as long as the `Retry-After` header says before retrying",
    "check-before-retry": "check whether the call went through before retrying it (it may not be safe to repeat)",
    "fix-request": "change the request before sending it again",
    "fix-credentials": "fix the credentials (the API key, password or session) before trying again",
    "wait-for-user": "wait until the end user has acted, then retry",
    "contact-support": "contact support with the `request_id`",
    "update-client": "fix or upgrade the client code",
    "retry-transaction": "roll back and run the whole transaction again from its start",
    "reconnect": "open a new connection, then run the work again",
    "fix-program": "fix the program (the statement, the code or the call) before running it again",
    "fix-data": "correct the data (or the rule it breaks) before running it again",
    "fix-configuration": "fix the configuration (of the server, the client or the environment) first",
    "contact-administrator": "an administrator has to act first (free resources, change a setting, restart a service)",
    "not-an-error": "nothing failed, so there is nothing to retry",
}
HOW_TAILS = (" before running it again", " before sending it again", " before trying again", " before retrying",
             " first")
"""Endings that several steps share: steps with the same ending are said once, joined by "or"."""


def how_sentence(how: tuple[str, ...] | list[str]) -> str:
    """The retry steps as one sentence, without its capital or full stop: steps that end the same way share the
    ending ("fix the program or correct the data before running it again"), the others are joined by semicolons."""
    said: list[tuple[str, list[str]]] = []
    for step in how:
        label = HOW_LABELS[step]
        tail = next((t for t in HOW_TAILS if label.endswith(t)), "")
        if said and tail and said[-1][0] == tail:
            said[-1][1].append(label.removesuffix(tail))
        else:
            said.append((tail, [label.removesuffix(tail) if tail else label]))
    return "; ".join(" or ".join(heads) + tail for tail, heads in said)


SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "notice": "Notice", "success": "Success"}
LIFECYCLE_LABELS = {"active": "Active", "deprecated": "Deprecated", "removed": "Removed"}
RETRY_BADGES = {"yes": "Retryable", "no": "Not retryable", "conditional": "Retry with care"}
"""The lookup's badge for a retry verdict (a verdict of n/a gets none)."""


def language_name(tag: str) -> str | None:
    """The English name of a BCP 47 language tag (`German`, `Portuguese (Brazil)`) from the Unicode CLDR data that
    Babel carries, or None when it has none for the tag."""
    return _language_name(tag)


@cache
def _language_name(tag: str) -> str | None:
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return None
    if locale.language != tag.split("-")[0].lower():
        return None  # Babel reads `und` (undetermined) as the likeliest language, English: no name is better
    return locale.get_display_name("en") or None


def translation_label(tag: str) -> str:
    """What the lookup says of a match in a translation: `German translation`, or `de-XX translation`."""
    return f"{language_name(tag) or tag} translation"
