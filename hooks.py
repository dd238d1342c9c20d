"""MkDocs build hooks: load the catalogs once, generate the code and table pages, write catalog.json."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import CATALOGS_KEY, HEALTH_KEY, lookup, render  # noqa: E402
from macros.catalog import Catalog, CatalogError, load_catalogs  # noqa: E402
from macros.lint import Health, failing, lint  # noqa: E402

log = logging.getLogger("mkdocs.hooks.catalog")

INDEX_FILE = "catalog.json"
LOOKUP_INDEX_FILE = "lookup-index.json"
RETRY_PAGE = "{catalog}/retries.md"


def _catalogs(config: MkDocsConfig) -> tuple[Catalog, ...]:
    return config.extra[CATALOGS_KEY]


def _health(config: MkDocsConfig) -> dict[str, Health]:
    return config.extra[HEALTH_KEY]


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate every catalog before anything is built; fail with every problem."""
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        catalogs = load_catalogs(data_dir)
    except CatalogError as exc:
        raise Abort(f"Catalog validation failed, nothing was built.\n{exc}") from None
    health = lint(catalogs)
    errors = failing(health)
    if errors:
        listing = "\n".join(f"  {finding}" for finding in errors)
        raise Abort(f"Catalog lint failed with {len(errors)} error{'s' if len(errors) != 1 else ''}, nothing was "
                    f"built (acknowledge a published inconsistency under `acknowledged` in catalog.yml):\n{listing}")
    warnings = sum(1 for h in health.values() for f in h.findings if not f.fails and not f.acknowledged)
    if warnings:
        log.info("Catalog lint: %d warning%s; see each catalog's health page or run "
                 "`python -m macros.lint data`.", warnings, "s" if warnings != 1 else "")
    config.extra[CATALOGS_KEY] = catalogs
    config.extra[HEALTH_KEY] = health
    if config.nav is not None:
        config.nav = _with_group_pages(config.nav, catalogs)
    return config


def _with_group_pages(nav: list[Any], catalogs: tuple[Catalog, ...]) -> list[Any]:
    """Insert each catalog's table pages after its index page in the nav."""
    by_index = {f"{c.id}/index.md": c for c in catalogs}
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            item = {title: _section(children, by_index) for title, children in item.items()}
        out.append(item)
    return out


def _section(children: Any, by_index: dict[str, Catalog]) -> Any:
    if not isinstance(children, list):
        return children
    out: list[Any] = []
    for child in children:
        out.append(child)
        target = child if isinstance(child, str) else next(iter(child.values()), None)
        catalog = by_index.get(target) if isinstance(target, str) else None
        if catalog is not None:
            heading = "Code ranges" if catalog.ranges else "Error tables"
            out.append({heading: [{g.title: catalog.group_src(g.id)} for g in catalog.groups]})
            out.append({"Catalog health": catalog.health_src})
    return out


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add one generated page per code, one table page per group, and the lookup index."""
    catalogs = _catalogs(config)
    generated: list[File] = []
    for catalog in catalogs:
        for group in catalog.groups:
            generated.append(File.generated(
                config, catalog.group_src(group.id),
                content=render.render_group_page(catalog, group)))
        health = _health(config)[catalog.id]
        generated.append(File.generated(config, catalog.health_src,
                                        content=render.render_health_page(catalog, health)))
        for ref in catalog.codes:
            generated.append(File.generated(
                config, catalog.page_src(ref),
                content=render.render_code_page(catalog, ref, health.for_ref(ref)),
                inclusion=InclusionLevel.NOT_IN_NAV))
    retry_pages = {
        c.id: RETRY_PAGE.format(catalog=c.id).removesuffix(".md") + "/"
        for c in catalogs if files.get_file_from_path(RETRY_PAGE.format(catalog=c.id)) is not None
    }
    generated.append(File.generated(
        config, LOOKUP_INDEX_FILE,
        content=json.dumps(lookup.lookup_index(catalogs, retry_pages), ensure_ascii=False, separators=(",", ":"))))
    clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri) is not None]
    if clashes:
        raise Abort("These generated pages would replace files in docs/: " + ", ".join(clashes)
                    + ". Rename the file in docs/ or the code.")
    for file in generated:
        files.append(file)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """Write site/catalog.json, the deep-link contract."""
    base = urlsplit(config.site_url or "/").path or "/"
    index = render.catalog_index(_catalogs(config), base)
    path = Path(config.site_dir) / INDEX_FILE
    path.write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
