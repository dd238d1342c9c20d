"""The build's MkDocs side: load and lint the catalogs, add the generated pages and files, report.

hooks.py imports this module afresh for every build and hands each event to the `Build` it
creates in `on_config`, so `mkdocs serve` runs edited code under macros/ on its next rebuild.
Everything one build needs lives on that object; what the process keeps between builds (the
staging folder, the previous dirty build's digests) lives on the session hooks.py passes in.
The one value left in `config.extra` is the catalogs, which mkdocs-macros hands to the macros.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import CATALOGS_KEY
from ..catalog.loader import ReadCache, load_catalogs
from ..catalog.model import Catalog
from ..catalog.problems import CatalogError
from ..exports import page_index
from ..lint import Health, failing, lint
from ..site import html_pages, ledger, navigation, outputs, redirects, site_collisions, urls
from . import page_objects, staging
from .dirty_rebuild import Rebuild
from .material_theme import PageShells
from .page_objects import CatalogPage, CodePage, GeneratedFile, PublishedFile, TwinCopies

log = logging.getLogger("mkdocs.hooks.catalog")

SHELL_SETTING = "code_page_shell"
STAGED_COMMANDS = frozenset({"build", "gh-deploy"})
BUILD_GC_THRESHOLD = 50_000
"""Allocations between two of Python's young-generation collections while a build runs (700 by default). A build
makes hundreds of thousands of objects that live until it ends, and each collection walks them again; in a serving
process that also holds the previous build's, that took about a fifth of a rebuild. The default comes back when the
build ends (`restore_collector`), and a serving process collects the build's garbage a moment later, while it waits
for the next edit (IDLE_COLLECT_S; a build that starts sooner puts the collection off until after it)."""
IDLE_COLLECT_S = 1.0
INDENTATION = re.compile(r"\n[ \t\n]+")
PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL)
SITE_URL_VARIABLE = "SITE_URL"
"""The environment variable mkdocs.yml reads the site's published address from."""


class Session(Protocol):
    """What the process keeps between builds (hooks.py): how it was started, the previous dirty build, the staging
    folder of the build under way."""

    command: str
    dirty: bool
    previous: dict[str, Any] | None
    stage: staging.Stage | None
    read: ReadCache | None
    pieces: dict[tuple[str, ...], str]
    code: str
    collector: tuple[int, ...]
    idle_collect: threading.Timer | None
    page_texts: dict[str, page_index.PageText]


def load_and_check(config: MkDocsConfig, cache: ReadCache | None = None,
                   ) -> tuple[tuple[Catalog, ...], dict[str, Health], list[redirects.Redirect], ledger.MovedRows]:
    """Load and validate every catalog (reading again only files not in `cache`), lint them, check the pages against
    docs/ and the ledger of published URLs; fail with every problem before anything is written."""
    data_dir = Path(config.config_file_path).parent / "data"
    if not os.environ.get(SITE_URL_VARIABLE):
        log.info("%s is not set: canonical links, the sitemap, the feeds, catalog.json, llms.txt and the OpenAPI "
                 "$refs point at %s. Set %s to the address the site is published at.", SITE_URL_VARIABLE,
                 config.site_url, SITE_URL_VARIABLE)
    try:
        catalogs = load_catalogs(data_dir, cache)
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
    docs_dir = Path(config.docs_dir)
    docs_files = [path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*")
                  if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)]
    clashes = site_collisions.collisions(catalogs, docs_files)
    if clashes:
        listing = "\n".join(f"  {problem}" for problem in clashes)
        raise Abort(f"Generated pages would replace files of docs/, nothing was built:\n{listing}")
    return catalogs, health, *_keep_published_urls(config, data_dir, catalogs)


def _keep_published_urls(config: MkDocsConfig, data_dir: Path,
                         catalogs: tuple[Catalog, ...]) -> tuple[list[redirects.Redirect], ledger.MovedRows]:
    """The redirects to write and the table rows that moved; fail before anything is written if a URL of the ledger
    would break (macros/site/ledger.py)."""
    found = ledger.guard(catalogs, data_dir, Path(config.docs_dir))
    if found.refused:
        listing = "\n".join(f"  {problem}" for problem in found.refused)
        raise Abort(f"Redirects that cannot be written, nothing was built:\n{listing}")
    if found.problems:
        listing = "\n".join(f"  {problem}" for problem in found.problems)
        raise Abort(f"Published URLs would break, nothing was built:\n{listing}")
    known, now = found.known, found.now
    if known is None:
        log.info("No ledger of published URLs yet (data/%s): no URL is guarded until `python -m macros ledger` "
                 "creates it; run it, and commit the file, when the site is first published.", ledger.LEDGER_FILE)
    fresh = ledger.new(known, now) if known is not None else []
    if fresh:
        shown = "".join(f"\n  {address}" for address in fresh[:50])
        more = f"\n  ... and {len(fresh) - 50} more" if len(fresh) > 50 else ""
        log.info("%d URL%s new to the ledger (data/%s); `python -m macros ledger` records them:%s%s", len(fresh),
                 "s are" if len(fresh) != 1 else " is", ledger.LEDGER_FILE, shown, more)
    return found.planned, found.moved


def kept(session: Session | None) -> tuple[ReadCache | None, dict[tuple[str, ...], str] | None]:
    """What a dirty rebuild keeps from the earlier builds of its process: the files their loads read and the groups
    they built, and pieces of the files for programs (outputs.Site.piece); both for as long as the code that made
    them is unchanged (hooks.py imports it again only when it was edited)."""
    if session is None or not session.dirty:
        return None, None
    if session.read is None or session.read.code != session.code:
        session.read = ReadCache(session.code)
        session.pieces = {}
    return session.read, session.pieces


class Build:
    """One build: the catalogs, their health and redirects, and what its steps hand each other."""

    def __init__(self, config: MkDocsConfig, session: Session | None = None) -> None:
        """Load and check the catalogs (nothing is built if they fail), set the nav, and stage the output."""
        if session is not None:
            session.stage = None
        self.session = session
        if session is not None:
            if session.idle_collect is not None:
                session.idle_collect.cancel()
            session.collector = session.collector or gc.get_threshold()
            gc.set_threshold(BUILD_GC_THRESHOLD, *session.collector[1:])
        read, pieces = kept(session)
        self.catalogs, self.health, self.redirects, moved = load_and_check(config, read)
        self.site = outputs.Site(self.catalogs, config.site_url, config.site_name, config.site_description or "",
                                 tuple(self.redirects), kept=pieces, moved_rows=moved,
                                 page_texts=session.page_texts if session is not None and session.dirty else {})
        self.catalog_names = {c.id: c.title for c in self.catalogs}
        self.shells: PageShells | None = None
        self.nav: Navigation | None = None
        self.page_urls: set[str] = set()
        self.clock = [0.0]
        self.rebuild = Rebuild(session, [SHELL_SETTING]) if session is not None and session.dirty else None
        config.extra[CATALOGS_KEY] = self.catalogs
        if config.nav is not None:
            written = navigation.written_pages(Path(config.docs_dir), self.catalogs)
            config.nav = navigation.catalog_nav(config.nav, self.catalogs, written)
        if session is not None and session.command in STAGED_COMMANDS and not session.dirty:
            found = staging.stage(config.site_dir, logging.getLogger("mkdocs"))
            session.stage = found
            config.site_dir = str(found.staged)
            log.info("Building into %s; the site replaces %s only if the build succeeds.", found.staged, found.output)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add each catalog's generated pages (a page object each) and every file of the registry
        (macros/site/outputs.py)."""
        generated: list[File] = []
        for catalog in self.catalogs:
            for output in outputs.replaceable_pages(catalog):
                src = output.at(catalog.id)
                if files.get_file_from_path(src) is None:
                    generated.append(GeneratedFile.generated(config, src, content=output.builds()(catalog)))
            generated.extend(page_objects.catalog_pages(catalog, self.health[catalog.id], config, self.site))
        for catalog in self.catalogs:
            generated.extend(PublishedFile.of(config, output, self.site, catalog, self.clock)
                             for output in outputs.CATALOG_FILES if output.when(catalog))
            generated.extend(PublishedFile.of(config, output, self.site, catalog, self.clock, path)
                             for output, path in outputs.former_files(catalog))
        code_pages = {urls.site_path(urls.code_src(c, ref)): (c, ref) for c in self.catalogs for ref in c.codes}
        for redirect in self.redirects:
            generated.append(GeneratedFile.generated(config, redirect.source + "index.html",
                                                     content=html_pages.redirect_page(redirect, config.site_url)))
            target = code_pages.get(redirect.target)
            if target is not None:
                generated.append(TwinCopies.of(config, redirect.source, *target, self.clock))
        generated.extend(PublishedFile.of(config, output, self.site, None, self.clock)
                         for output in outputs.SITE_OUTPUTS if not output.after_pages)
        clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri) is not None]
        if clashes:
            raise Abort("These generated pages would replace files in docs/: " + ", ".join(clashes)
                        + ". Rename the file in docs/ or the code.")
        for file in generated:
            files.append(file)
        if self.rebuild is not None:
            self.rebuild.forget_hand_written(files)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Place the code pages under their tables (out of the nav); decide what a dirty build writes again."""
        page_objects.place_code_pages(files)
        self.nav = nav
        self.page_urls = {file.url for file in files.documentation_pages()}
        if self.rebuild is not None:
            self.rebuild.decide(config, files, nav)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Give code pages their page shell (macros/mkdocs_adapter/material_theme.py)."""
        enabled = str(config.extra.get(SHELL_SETTING, True)).lower() not in {"false", "0", "no", "off"}
        self.shells = PageShells(env, enabled)
        self.shells.register()
        if self.rebuild is not None and self.nav is not None:
            self.rebuild.confirm(self.nav)
        return env

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """Give a generated page its content (a code page gets it from its template), and note the prose of every
        page that is not one code or one table for the page index."""
        if isinstance(page, CatalogPage) and not isinstance(page, CodePage):
            page.show()
        catalog_title = self.catalog_names.get(page.file.src_uri.split("/", 1)[0], "") if "/" in page.file.src_uri \
            else ""
        if catalog_title and not isinstance(page, CatalogPage):
            title = str(page.meta.get("title") or page.title or "")
            page.meta["title"] = html.escape(navigation.head_title(html.unescape(title), catalog_title))
        if page.in_page_index if isinstance(page, CatalogPage) else not (page.meta.get("search") or {}).get("exclude"):
            self.site.page_texts[page.file.url] = page_index.PageText(page.title or "", catalog_title, page.url,
                                                                 page_index.sections(page.content or ""))
        if self.rebuild is not None:
            self.rebuild.built(page)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Drop the theme's indentation outside <pre> (a fifth of a code page), and a written page's content; write
        a code page's twins."""
        if isinstance(page, CatalogPage):
            page.release()
        if isinstance(page, CodePage):
            start = time.perf_counter()
            page.write_twins(config.site_url)
            self.clock[0] += time.perf_counter() - start
        if "<pre" not in output and "<textarea" not in output:
            return INDENTATION.sub("\n", output)
        parts = PRE_BLOCK.split(output)
        parts[::2] = [INDENTATION.sub("\n", part) for part in parts[::2]]
        return "".join(parts)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Say how long the files for programs took, and finish a dirty rebuild."""
        log.info("Machine-readable files (twins, catalog.json, llms.txt, OpenAPI, constants) written in %.2f s.",
                 self.clock[0])
        if self.shells is not None:
            log.info("Code pages: %d from the page shell.", self.shells.filled)
        if self.rebuild is not None:
            self.rebuild.finish()
        if self.session is not None and self.site.kept is not None:
            self.session.pieces = self.site.pieces_used()
        self._write_page_files(config)

    def _write_page_files(self, config: MkDocsConfig) -> None:
        """Write the files made from the rendered pages (the page index), with the prose of pages no longer in the
        site dropped."""
        for url in [u for u in self.site.page_texts if u not in self.page_urls]:
            del self.site.page_texts[url]
        for output in outputs.SITE_OUTPUTS:
            if output.after_pages:
                target = Path(config.site_dir) / output.at()
                target.write_text(output.builds()(self.site), encoding="utf-8")

    def publish(self, config: MkDocsConfig) -> None:
        """Move a staged build into the output folder, after every other step of the build has written its files
        (macros/mkdocs_adapter/staging.py); a strict build that logged a warning is dropped instead, and MkDocs
        then fails it."""
        restore_collector(self.session)
        if self.session is None or self.session.stage is None:
            return
        found, self.session.stage = self.session.stage, None
        if staging.publish(found, logging.getLogger("mkdocs"), strict=bool(config.strict)):
            config.site_dir = str(found.output)


def restore_collector(session: Session | None) -> None:
    """Give Python's garbage collector back the thresholds it had before the build; in a serving process, collect what
    the build left a moment later, off the path of the next rebuild (left alone, the next build would walk it)."""
    if session is not None and session.collector:
        gc.set_threshold(*session.collector)
    if session is not None and session.command == "serve":
        session.idle_collect = threading.Timer(IDLE_COLLECT_S, gc.collect)
        session.idle_collect.daemon = True
        session.idle_collect.start()


def discard_staged(session: Session) -> None:
    """Drop what a build staged and did not publish (it failed): the output folder stays as it was; the collector gets
    its thresholds back."""
    restore_collector(session)
    found, session.stage = session.stage, None
    if found is not None:
        staging.discard(found, logging.getLogger("mkdocs"))
