"""`python -m macros new <id>`: write a commented starting catalog under data/<id>/ that builds as it is."""

from __future__ import annotations

import re
from pathlib import Path

from ..catalog.loader import load_catalogs
from ..catalog.problems import CatalogError
from ..lint import lint_catalog
from ..site.urls import RESERVED_PAGE_NAMES

CATALOG_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")

CATALOG_YML = """\
# yaml-language-server: $schema=../../macros/schema/catalog.schema.json
# The {title} error catalog. data/README.md explains every key; the build names any mistake as
# file:line: field: message. `make serve` shows the site as you edit.
title: {title_yaml}
summary: >-
  One paragraph: which API or program returns these errors, and where a reader meets them.
# source: {{title: The published reference the codes come from, url: "https://..."}}
order: 100                      # place among the catalogs in the navigation (lowest first)
systems:
  - id: api                     # the codes of the primary system live at /{id}/<code>/
    title: Error codes
    kind: string                # numeric | string | http-status | sdk-class
    primary: true
    # example: false            # no example on the code pages, or a shape of their own:
    # example: {{format: text, template: "error $code: $message"}}
# ranges:                       # the groupings the reference publishes, in its order
#   - {{start: 100, end: 199, name: Accounts, group: errors}}    # whole numbers
#   - {{prefix: "AC", name: Accounts, group: errors}}           # every code that starts with AC
#   - {{pattern: "1xx", name: Accounts, group: errors}}         # x: any one letter or digit
# range_term: {{singular: class, plural: classes}}              # what the reference calls them
envelope:                       # the JSON body of an error response; leave it out if there is none
  description: Every error is a JSON object with a machine-readable code and a message.
  example: {{error: {{code: $code, message: $message}}}}
  fields:
    - {{name: error.code, type: string, description: The code to branch on.}}
    - {{name: error.message, type: string, description: "Text for people: log it, do not parse it."}}
statuses:                       # per HTTP status, its retry rule; leave it out if the codes are not HTTP
  400: {{title: Bad Request, retry: {{retryable: "no", how: [fix-request]}}}}
  503: {{title: Service Unavailable, retry: {{retryable: "yes", how: [retry-after, backoff]}}}}
retry: {{retryable: "no", how: [fix-request]}}     # the rule of every code that has none of its own
# releases:                     # oldest first; entries say since / deprecated / removed in one of them
#   - {{version: "1.0", date: "2026-01-15", summary: First release.}}
# severity: error               # error | warning | notice | success, for every code that does not say
# optional_guidance: [causes, fixes]   # guidance you leave out on purpose: the lint stops asking for it
"""

GROUP_YML = """\
# yaml-language-server: $schema=../../macros/schema/group.schema.json
# One group: a table at /{id}/ranges/errors/. Add files like this one for more groups.
group:
  id: errors
  title: Errors
  description: Every error of the API, until you split them into groups.
entries:
  - code: invalid_request
    status: 400
    description: The request is malformed or lacks a required field.
    causes:
      - A required field is missing, or has the wrong type.
    fixes:
      - Check the request against the endpoint's schema, then send it again.
  - code: service_unavailable
    status: 503
    description: The service cannot take the request right now.
    causes:
      - The service is restarting or overloaded.
    fixes:
      - Wait as long as `Retry-After` says, then retry with backoff.
    # A code is never deleted or renamed: its URL is in error responses and tickets.
    # lifecycle: {{removed: {{version: "2.0", replaced_by: invalid_request, note: What to do now.}}}}
    # moved_from: [old_code]    # on the entry that now has the code's meaning, when it was renamed
"""


class ScaffoldError(Exception):
    """Why a catalog could not be started."""


def new_catalog(data_dir: Path, catalog_id: str, title: str | None = None) -> list[Path]:
    """Write data/<catalog_id>/ with a commented catalog.yml and one group file; the paths written."""
    if not CATALOG_ID.fullmatch(catalog_id) or catalog_id in RESERVED_PAGE_NAMES:
        raise ScaffoldError(f"{catalog_id!r} cannot be a catalog id: use lowercase letters, digits and '-' "
                            "(it is the first part of every URL of the catalog)")
    folder = data_dir / catalog_id
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists: choose another id, or edit that catalog")
    title = title or catalog_id.replace("-", " ").title()
    title_yaml = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    folder.mkdir(parents=True)
    written = []
    for name, text in (("catalog.yml", CATALOG_YML), ("errors.yml", GROUP_YML)):
        path = folder / name
        path.write_text(text.format(id=catalog_id, title=title, title_yaml=title_yaml), encoding="utf-8")
        written.append(path)
    return written


def check(data_dir: Path, catalog_id: str) -> list[str]:
    """The problems and lint errors of the new catalog: none, for what new_catalog writes."""
    try:
        catalogs = load_catalogs(data_dir)
    except CatalogError as exc:
        return [str(p) for p in exc.problems]
    catalog = next(c for c in catalogs if c.id == catalog_id)
    return [str(f) for f in lint_catalog(catalog).failing]
