"""The site's URL scheme: where code pages live, how anchors are named, how a source path becomes a URL.

Source paths are relative to docs/ (`composio/1806.md`); site paths are what MkDocs makes of
them with directory URLs, relative to the site root (`composio/1806/`); URLs are site paths with
a leading slash. Every other page and file is declared in macros/site/outputs.py, which this module
builds on; templates, the lookup index and catalog.json get their paths from these two.
"""

from __future__ import annotations

import functools
import re

from . import outputs
from ..catalog.model import Catalog, CodeRef, ErrorEntry, ErrorMessage

RESERVED_PAGE_NAMES = outputs.reserved_names()
"""Names a catalog, code system, group or code cannot take, in any case: the site's own pages and files take them."""
CODE_PLACEHOLDER = "{code}"


def code_src(catalog: Catalog, ref: CodeRef) -> str:
    """A code's generated page: `<catalog>/<code>.md`, or `<catalog>/<system>/<code>.md` for a secondary system."""
    return code_src_template(catalog, ref.system).replace(CODE_PLACEHOLDER, ref.code)


def code_src_template(catalog: Catalog, system_id: str) -> str:
    """The source path of a code page of a system, with `{code}` for the code."""
    return _template(catalog.id, None if catalog.system(system_id).primary else system_id)


@functools.lru_cache(maxsize=1024)
def _template(catalog_id: str, secondary_system: str | None) -> str:
    return code_src_in(catalog_id, secondary_system, CODE_PLACEHOLDER)


def code_src_in(catalog_id: str, secondary_system: str | None, code: str) -> str:
    """A code page's source path from ids alone (for addresses of the past): None for the primary system."""
    page = outputs.CODE_PAGE.at(catalog_id)
    if secondary_system is not None:
        page = page.replace(CODE_PLACEHOLDER, f"{secondary_system}/{CODE_PLACEHOLDER}")
    return page.replace(CODE_PLACEHOLDER, code)


def generated_srcs(catalog: Catalog) -> list[str]:
    """Every page the build makes for a catalog, as source paths (a page in docs/ may take one's place)."""
    return outputs.page_sources(catalog, (code_src(catalog, ref) for ref in catalog.codes))


def reserved(name: str) -> bool:
    """Whether a catalog, code system, group or code may not take this name (any case): the site uses it."""
    return name.lower() in RESERVED_PAGE_NAMES


def absolute(site_url: str | None, url: str) -> str:
    """A site URL (`/composio/1806/`) as an absolute one, under the site's URL when it has one."""
    return (site_url.rstrip("/") if site_url else "") + url


def split_url(address: str) -> tuple[str, str | None]:
    """`/a/b/#frag` -> (`a/b/`, `frag`): the site path of a URL and its fragment."""
    path, _, fragment = address.partition("#")
    return path.removeprefix("/"), fragment or None


site_path = outputs.site_path


def url(src: str, anchor: str | None = None) -> str:
    """The absolute URL path of a docs/ page, with an optional fragment."""
    return "/" + site_path(src) + (f"#{anchor}" if anchor else "")


def code_path_template(catalog: Catalog, system_id: str) -> str:
    """The site path of a code page of a system, with `{code}` for the code (for the lookup index)."""
    return site_path(code_src_template(catalog, system_id))


def code_url(catalog: Catalog, ref: CodeRef) -> str:
    """The URL of a code's page."""
    return url(code_src(catalog, ref))


def entry_anchor(catalog: Catalog, entry: ErrorEntry) -> str | None:
    """The fragment that picks one entry on its code's page: only where the code has several entries."""
    return None if len(catalog.entries_for(entry.ref)) == 1 else entry.anchor


def entry_url(catalog: Catalog, entry: ErrorEntry) -> str:
    """The deep link to one entry: its code page, with a fragment where the page lists several."""
    return url(code_src(catalog, entry.ref), entry_anchor(catalog, entry))


def message_url(catalog: Catalog, message: ErrorMessage) -> str:
    """The deep link to one exact message string on its code's page."""
    return url(code_src(catalog, message.ref), message.anchor)


def slug(text: str) -> str:
    """A fragment id made of text: lowercase letters, digits and '-', at most 60 characters."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-") or "message"


def twin_anchor(code: str, name: str | None, group: str) -> str:
    """The anchor of an entry on the page of a code listed more than once: `<code>-<name>`."""
    return f"{code}-{slug(name or group)}"


def release_anchor(version: str) -> str:
    """The anchor of a release on its catalog's changes page: `release-2-0`."""
    return "release-" + (re.sub(r"[^a-z0-9]+", "-", version.lower()).strip("-") or "0")


def status_anchor(status: int) -> str:
    """The anchor of a status's row in the retry policy table."""
    return f"status-{status}"
