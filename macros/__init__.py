"""mkdocs-macros module: registers the catalog macros used by the prose pages."""

from __future__ import annotations

from typing import Any

from .catalog.model import Catalog
from .site import markdown_pages

CATALOGS_KEY = "error_catalogs"
HEALTH_KEY = "error_catalog_health"


def define_env(env: Any) -> None:
    """Register the macros; the catalogs were loaded once by the build hook (hooks.py)."""

    def catalog(catalog_id: str) -> Catalog:
        catalogs: tuple[Catalog, ...] = env.variables[CATALOGS_KEY]
        for item in catalogs:
            if item.id == catalog_id:
                return item
        known = ", ".join(c.id for c in catalogs)
        raise ValueError(f"unknown catalog {catalog_id!r} (catalogs: {known})")

    def src() -> str:
        return env.page.file.src_uri

    @env.macro
    def catalog_overview(catalog_id: str) -> str:
        return markdown_pages.catalog_overview(catalog(catalog_id), src())

    @env.macro
    def envelope(catalog_id: str) -> str:
        return markdown_pages.envelope(catalog(catalog_id), src())

    @env.macro
    def retry_policy(catalog_id: str) -> str:
        return markdown_pages.retry_policy(catalog(catalog_id), src())

    @env.macro
    def codes_with_status(catalog_id: str, status: int) -> str:
        return markdown_pages.codes_with_status(catalog(catalog_id), src(), status)

    @env.macro
    def system_table(catalog_id: str, system_id: str) -> str:
        return markdown_pages.system_table(catalog(catalog_id), src(), system_id)

    @env.macro
    def catalog_list() -> str:
        return markdown_pages.catalog_list(env.variables[CATALOGS_KEY], src())

    @env.macro
    def latest_releases() -> str:
        return markdown_pages.latest_releases(env.variables[CATALOGS_KEY], src())

    @env.macro
    def url_scheme() -> str:
        return markdown_pages.url_scheme(env.variables[CATALOGS_KEY], src())

    @env.macro
    def paste_guide() -> str:
        return markdown_pages.paste_guide(env.variables[CATALOGS_KEY], src())
