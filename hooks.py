"""MkDocs build hooks: load the catalogs once, generate the code and table pages, write catalog.json."""

from __future__ import annotations

import json
import logging
import re
import sys
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import MethodType
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import (  # noqa: E402
    CATALOGS_KEY,
    HEALTH_KEY,
    lookup,
    navigation,
    render,
    urls,
)
from macros.fast_pages import Anchors, Converter, Unsupported, resolver, search_view  # noqa: E402
from macros.lint import Health, failing, lint  # noqa: E402
from macros.loader import load_catalogs  # noqa: E402
from macros.model import Catalog  # noqa: E402
from macros.page_shell import TEMPLATE as SHELL_TEMPLATE  # noqa: E402
from macros.page_shell import PageShells  # noqa: E402
from macros.problems import CatalogError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.catalog")

FAST_PAGES_SETTING = "fast_code_pages"
CONVERTER_KEY = "_code_page_converter"
FAST_COUNTS_KEY = "_fast_code_page_counts"
PARKED_KEY = "_parked_code_page_content"
SHELLS_KEY = "_code_page_shells"
INDENTATION = re.compile(r"\n[ \t\n]+")
PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL)
INDEX_FILE = "catalog.json"
LOOKUP_INDEX_FILE = "lookup-index.json"


class FastPageFile(File):
    """A generated page written in the Markdown subset of macros/fast_pages.py (a table or health page)."""


class CodePageFile(FastPageFile):
    """A generated code page whose Markdown is rendered when MkDocs reads it, not held from on_files on."""

    source: Callable[[], str]

    @property
    def content_string(self) -> str:
        """The page's Markdown, rendered now."""
        return self.source()

    @property
    def content_bytes(self) -> bytes:
        """The page's Markdown as UTF-8."""
        return self.source().encode("utf-8")


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
    fast = str(config.extra.get(FAST_PAGES_SETTING, True)).lower() not in {"false", "0", "no", "off"}
    config.extra[CONVERTER_KEY] = Converter(config.markdown_extensions, config.mdx_configs) if fast else None
    config.extra[FAST_COUNTS_KEY] = {"fast": 0, "plain": 0}
    config.extra[PARKED_KEY] = {}
    config.extra[SHELLS_KEY] = None
    if config.nav is not None:
        written = navigation.written_pages(Path(config.docs_dir), catalogs)
        config.nav = navigation.catalog_nav(config.nav, catalogs, written)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add one generated page per code, one table page per group, and the lookup index."""
    catalogs = _catalogs(config)
    generated: list[File] = []
    for catalog in catalogs:
        for src, make in render.catalog_pages(catalog).items():
            if files.get_file_from_path(src) is None:
                generated.append(FastPageFile.generated(config, src, content=make()))
        for group in catalog.groups:
            generated.append(FastPageFile.generated(
                config, urls.group_src(catalog.id, group.id),
                content=render.render_group_page(catalog, group)))
        health = _health(config)[catalog.id]
        generated.append(FastPageFile.generated(config, urls.health_src(catalog.id),
                                                content=render.render_health_page(catalog, health)))
        for ref in catalog.codes:
            page = CodePageFile.generated(config, urls.code_src(catalog, ref), content="",
                                          inclusion=InclusionLevel.NOT_IN_NAV)
            page.source = partial(render.render_code_page, catalog, ref, health.for_ref(ref))
            generated.append(page)
    # ASCII-only JSON: the browser decodes it as one-byte text (at 50,000 codes 4 ms instead of 14).
    generated.append(File.generated(
        config, LOOKUP_INDEX_FILE,
        content=json.dumps(lookup.lookup_index(catalogs), separators=(",", ":"))))
    clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri) is not None]
    if clashes:
        raise Abort("These generated pages would replace files in docs/: " + ", ".join(clashes)
                    + ". Rename the file in docs/ or the code.")
    for file in generated:
        files.append(file)
    return files


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Send generated pages down the fast path (macros/fast_pages.py) unless it is switched off."""
    if config.extra[CONVERTER_KEY] is not None and isinstance(page.file, FastPageFile):
        page.render = MethodType(_render_fast, page)  # type: ignore[method-assign]
    return page


def _render_fast(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page.render without Python-Markdown, for the Markdown subset generated pages use; the usual way otherwise."""
    if isinstance(page.file, CodePageFile):
        page.meta["template"] = SHELL_TEMPLATE

    def url_of(src: str) -> str | None:
        target = files.get_file_from_path(src)
        return None if target is None else target.url_relative_to(page.file)

    try:
        rendered = config.extra[CONVERTER_KEY].convert(page.markdown, resolver(page.file.src_uri, url_of))
    except Unsupported as exc:
        log.debug("%s: %s; rendered by Python-Markdown", page.file.src_uri, exc)
        config.extra[FAST_COUNTS_KEY]["plain"] += 1
        Page.render(page, config, files)
        return
    config.extra[FAST_COUNTS_KEY]["fast"] += 1
    page.content = rendered.html
    page.toc = get_toc(rendered.toc_tokens)
    page._title_from_render = rendered.title
    page.present_anchor_ids = Anchors(rendered.anchors)  # type: ignore[assignment]
    page.links_to_anchors = {
        files.get_file_from_path(src): anchors for src, anchors in rendered.links_to_anchors.items()}


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """With the fast path on, render code pages from a page shell and index a lighter view of them for search."""
    if config.extra[CONVERTER_KEY] is None:
        return env
    shells = PageShells(env)
    shells.register()
    config.extra[SHELLS_KEY] = shells
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if index is not None:
        index.add_entry_from_context = partial(_index_search_view, index.add_entry_from_context)
    return env


def _index_search_view(add_entry: Callable[[Page], None], page: Page) -> None:
    """Material's search indexing, given a code page's search view (macros/fast_pages.search_view)."""
    if not isinstance(page.file, CodePageFile):
        add_entry(page)
        return
    content = page.content
    page.content = search_view(content)
    try:
        add_entry(page)
    finally:
        page.content = content


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Park a code page's HTML, compressed, until its template is rendered, and drop its Markdown.

    MkDocs converts every page before it renders any template, so at 50,000 codes it held
    every page's Markdown and HTML at once; parked, a code page costs a fifth of that.
    """
    if not isinstance(page.file, CodePageFile):
        return html
    config.extra[PARKED_KEY][page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    page.markdown = None
    return ""


@event_priority(100)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Unpark a code page's HTML just before its template (and the search index) reads it."""
    parked = config.extra[PARKED_KEY].pop(page.file.src_uri, None)
    if parked is not None:
        page.content = zlib.decompress(parked).decode("utf-8")
    return context


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop the theme's indentation outside <pre> (a fifth of a code page), and a written code page's HTML and toc."""
    if isinstance(page.file, CodePageFile):
        page.content = ""
        page.toc = get_toc([])
    if "<pre" not in output and "<textarea" not in output:
        return INDENTATION.sub("\n", output)
    parts = PRE_BLOCK.split(output)
    parts[::2] = [INDENTATION.sub("\n", part) for part in parts[::2]]
    return "".join(parts)


@event_priority(100)
def on_post_build(config: MkDocsConfig) -> None:
    """Write site/catalog.json, the deep-link contract.

    Before the search plugin writes its index, and streamed: at 10,000 codes the build's
    peak memory was this file's text held on top of what the search index left behind.
    """
    base = urlsplit(config.site_url or "/").path or "/"
    index = render.catalog_index(_catalogs(config), base)
    with (Path(config.site_dir) / INDEX_FILE).open("w", encoding="utf-8") as out:
        json.dump(index, out, indent=1, ensure_ascii=False)
        out.write("\n")
    if config.extra[CONVERTER_KEY] is not None:
        counts = config.extra[FAST_COUNTS_KEY]
        shells = config.extra[SHELLS_KEY]
        log.info("Generated pages: %d by the fast path, %d by Python-Markdown; code pages: %d from the page shell.",
                 counts["fast"], counts["plain"], shells.filled if shells else 0)
