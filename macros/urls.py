"""The site's URL scheme, defined once: where every catalog page lives and how its anchors are named.

Source paths are relative to docs/ (`composio/1806.md`); site paths are what MkDocs makes of
them with directory URLs, relative to the site root (`composio/1806/`); URLs are site paths with
a leading slash. Templates, the lookup index and catalog.json get their paths from here; nothing
else builds one.
"""

from __future__ import annotations

import re

from .model import Catalog, CodeRef, ErrorEntry, ErrorMessage

RESERVED_PAGE_NAMES = frozenset({
    "index", "index.md", "index.html", "index.json", "readme", "readme.md", "ranges", "assets", "search", "health",
    "changes", "changes.md", "changes.xml", "changes.json", "retries", "error-format", "downloads", "catalog.json",
    "catalog.schema.json", "openapi.json", "llms.txt", "llms-full.txt", "lookup-index.json", "sitemap.xml",
    "404.html"})
"""Names a catalog, code system, group or code cannot take, in any case: the site's own pages and files take them."""
CODE_PLACEHOLDER = "{code}"


def overview_src(catalog_id: str) -> str:
    """The catalog's overview page: `<catalog>/index.md`."""
    return f"{catalog_id}/index.md"


def error_format_src(catalog_id: str) -> str:
    """The page on the catalog's error format."""
    return f"{catalog_id}/error-format.md"


def retry_src(catalog_id: str) -> str:
    """The catalog's retry guidance page."""
    return f"{catalog_id}/retries.md"


def health_src(catalog_id: str) -> str:
    """The catalog's generated health page."""
    return f"{catalog_id}/health.md"


def changes_src(catalog_id: str) -> str:
    """The catalog's changes page, by release (only for a catalog that lists releases)."""
    return f"{catalog_id}/changes.md"


def changes_feed_path(catalog_id: str) -> str:
    """The site path of the catalog's Atom feed of releases."""
    return f"{catalog_id}/changes.xml"


def changes_json_path(catalog_id: str) -> str:
    """The site path of the catalog's releases and their changes as JSON."""
    return f"{catalog_id}/changes.json"


def group_src(catalog_id: str, group_id: str) -> str:
    """A group's generated table page: `<catalog>/ranges/<group>.md`."""
    return f"{catalog_id}/ranges/{group_id}.md"


def code_src(catalog: Catalog, ref: CodeRef) -> str:
    """A code's generated page: `<catalog>/<code>.md`, or `<catalog>/<system>/<code>.md` for a secondary system."""
    return code_src_template(catalog, ref.system).replace(CODE_PLACEHOLDER, ref.code)


def code_src_template(catalog: Catalog, system_id: str) -> str:
    """The source path of a code page of a system, with `{code}` for the code."""
    return code_src_in(catalog.id, None if catalog.system(system_id).primary else system_id, CODE_PLACEHOLDER)


def code_src_in(catalog_id: str, secondary_system: str | None, code: str) -> str:
    """A code page's source path from ids alone (for addresses of the past): None for the primary system."""
    if secondary_system is None:
        return f"{catalog_id}/{code}.md"
    return f"{catalog_id}/{secondary_system}/{code}.md"


def generated_srcs(catalog: Catalog) -> list[str]:
    """Every page the build makes for a catalog, as source paths (a page in docs/ may take one's place)."""
    return [overview_src(catalog.id), error_format_src(catalog.id), retry_src(catalog.id), health_src(catalog.id),
            downloads_src(catalog.id), *([changes_src(catalog.id)] if catalog.releases else []),
            *(group_src(catalog.id, g.id) for g in catalog.groups),
            *(code_src(catalog, ref) for ref in catalog.codes)]


def catalog_slice_path(catalog_id: str) -> str:
    """The site path of the catalog's slice of catalog.json."""
    return f"{catalog_id}/catalog.json"


def llms_full_path(catalog_id: str) -> str:
    """The site path of the catalog's complete listing for language models."""
    return f"{catalog_id}/llms-full.txt"


def openapi_path(catalog_id: str) -> str:
    """The site path of the catalog's OpenAPI document (its error envelope, codes and responses)."""
    return f"{catalog_id}/openapi.json"


def downloads_src(catalog_id: str) -> str:
    """The page on the catalog's files for programs: `<catalog>/downloads/index.md`."""
    return f"{catalog_id}/downloads/index.md"


def client_code_path(catalog_id: str, language: str) -> str:
    """The site path of the catalog's constants for clients in a language (`py`, `ts`): `downloads/errors.py`."""
    return f"{catalog_id}/downloads/errors.{language}"


CLIENT_LANGUAGES = ("py", "ts")


def reserved(name: str) -> bool:
    """Whether a catalog, code system, group or code may not take this name (any case): the site uses it."""
    return name.lower() in RESERVED_PAGE_NAMES


def generated_data_paths(catalog: Catalog) -> list[str]:
    """The site paths of the data files the build writes for a catalog beside its pages."""
    changes = [changes_feed_path(catalog.id), changes_json_path(catalog.id)] if catalog.releases else []
    return [catalog_slice_path(catalog.id), llms_full_path(catalog.id), openapi_path(catalog.id),
            *(client_code_path(catalog.id, language) for language in CLIENT_LANGUAGES), *changes]


def split_url(address: str) -> tuple[str, str | None]:
    """`/a/b/#frag` -> (`a/b/`, `frag`): the site path of a URL and its fragment."""
    path, _, fragment = address.partition("#")
    return path.removeprefix("/"), fragment or None


def site_path(src: str) -> str:
    """The site path of a docs/ page: `composio/1806.md` -> `composio/1806/`, `composio/index.md` -> `composio/`."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


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
