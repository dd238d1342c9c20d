"""Dirty rebuilds (`mkdocs serve --dirty`, what `make serve` runs): write again only what changed.

MkDocs' dirty build skips every page whose File says it is not modified, which on its own would
leave generated pages stale and hand-written pages untitled. So, within one serving process:

- every hand-written page is built again (its macros read the catalogs): its previous output is
  removed before MkDocs asks whether it changed;
- a generated page is written again unless the digest of what it reads (macros/site/page_inputs.py)
  and the site's signature (the nav, the configuration, the theme's, the build code's and docs/'
  files, the libraries' versions) are the ones of the previous build of the same process, and its
  previous output is still there (when the signature differs, every page is written). This is
  decided once the nav is made, before MkDocs reads the pages, so that the pages kept are not
  even read; a generated page has its title from the start, and if a hand-written page's title,
  only known once it is read, differs from the previous build's (a macro in its heading), every
  generated page is written after all;
- outputs of pages and files that no longer exist (a code, a catalog, a page of docs/) are
  removed, and the page index keeps the prose of every page not rebuilt (build.py).

The previous build's signature and digests live on the session that hooks.py keeps for the
process (reset by `on_startup`); they are recorded only once a build has written everything.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..exports import twins
from .page_objects import CatalogPage, CodePage, GeneratedFile, TwinCopies

if TYPE_CHECKING:
    from .build import Session

log = logging.getLogger("mkdocs.hooks.catalog")

MKDOCS_DIRTY_WARNING = "A 'dirty' build is being performed"
LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "markdown", "pymdown-extensions",
             "pygments", "jinja2")


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(MKDOCS_DIRTY_WARNING)


def replace_dirty_warning() -> None:
    """Silence MkDocs' warning that a dirty build leaves navigation and links stale (this build does not), once per
    process, so that a strict dirty build can pass."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(getattr(f, "__name__", None) == _drop_dirty_warning.__name__ for f in logger.filters):
        logger.addFilter(_drop_dirty_warning)


def _tree(root: Path) -> Iterable[tuple[str, int, int]]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(names):
            stat = os.stat(os.path.join(folder, name))
            yield os.path.relpath(os.path.join(folder, name), root), stat.st_mtime_ns, stat.st_size


def _nav(items: Iterable[Any]) -> Iterable[tuple[str, str | None, str | None]]:
    for item in items:
        yield type(item).__name__, item.title, getattr(item, "url", None)
        yield from _nav(item.children or ())


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _twins(output: str) -> tuple[str, ...]:
    folder = os.path.dirname(output)
    return (os.path.join(folder, twins.JSON_NAME), os.path.join(folder, twins.MARKDOWN_NAME))


def site_signature(config: MkDocsConfig, nav: Navigation, settings: Iterable[str], code: str) -> str:
    """What every generated page's output depends on besides its own content (hand-written pages' titles aside);
    `code` is the stamp of the build code's files that hooks.py takes."""
    digest = hashlib.blake2b(digest_size=16)
    parts: list[object] = [[_version(name) for name in LIBRARIES], config.site_url, code,
                           {name: config.extra.get(name) for name in settings}, list(_nav(nav.items))]
    if config.config_file_path:
        parts.append(Path(config.config_file_path).read_bytes())
    trees = [Path(config.docs_dir), *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
    parts.extend(list(_tree(tree)) for tree in trees)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
    return digest.hexdigest()


class Rebuild:
    """One dirty build: which generated pages it writes again, and what the next one compares with."""

    def __init__(self, session: Session, settings: Iterable[str]) -> None:
        self._session = session
        self._settings = tuple(settings)
        self._signature = ""
        self._digests: dict[str, str] = {}
        self._outputs: set[str] = set()
        self._titles: list[tuple[str, str | None, str | None]] = []
        self._generated: list[GeneratedFile] = []
        replace_dirty_warning()

    def forget_hand_written(self, files: Files) -> None:
        """Remove the previous output of every hand-written page, so that MkDocs builds it again."""
        for file in files.documentation_pages():
            if not isinstance(file, GeneratedFile) and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)

    def decide(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Mark every generated page whose previous output is still right as unchanged, before MkDocs reads the
        pages."""
        self._signature = site_signature(config, nav, self._settings, self._session.code)
        previous = self._session.previous
        same_site = previous is not None and previous["signature"] == self._signature
        self._outputs = {f.abs_dest_path for f in files.documentation_pages()}
        self._outputs |= {twin for f in files.documentation_pages() if isinstance(f.page, CodePage)
                          for twin in _twins(f.abs_dest_path)}
        for file in files:
            if not (file.is_documentation_page() and isinstance(file.page, CatalogPage)):
                written = _twins(file.abs_dest_path) if isinstance(file, TwinCopies) else (file.abs_dest_path,)
                self._outputs.update(written)
                self._digests.update(dict.fromkeys(written, "written every build"))
        generated = self._generated = [f for f in files.documentation_pages()
                                       if isinstance(f, GeneratedFile) and isinstance(f.page, CatalogPage)]
        kept = 0
        if same_site:
            for file in generated:
                assert isinstance(file.page, CatalogPage)
                digest = self._digests[file.abs_dest_path] = file.page.digest()
                file.unchanged = previous["digests"].get(file.abs_dest_path) == digest and os.path.isfile(
                    file.abs_dest_path)
                kept += file.unchanged
        log.info("Dirty build: every hand-written page and %d of %d catalog pages written again%s.",
                 len(generated) - kept, len(generated),
                 "" if same_site or previous is None else " (the site around them changed)")

    def confirm(self, nav: Navigation) -> None:
        """Once every page is read: if a title in the nav differs from the previous build's, write every page."""
        self._titles = list(_nav(nav.items))
        previous = self._session.previous
        kept = any(f.unchanged for f in self._generated)
        if previous is not None and previous.get("titles") != self._titles and kept:
            for file in self._generated:
                file.unchanged = False
            log.info("Dirty build: a title in the nav changed, so every catalog page is written again.")

    def built(self, page: Page) -> None:
        """Note a page this build writes (a catalog page with its content, whose digest it records if not yet done)."""
        if isinstance(page, CatalogPage) and page.file.abs_dest_path not in self._digests:
            self._digests[page.file.abs_dest_path] = page.digest()
        if isinstance(page, CodePage):
            for twin in _twins(page.file.abs_dest_path):
                self._digests[twin] = self._digests[page.file.abs_dest_path]

    def finish(self) -> None:
        """Remove the outputs of pages that are gone, remember what this build wrote."""
        previous = self._session.previous
        if previous is not None:
            for path in previous["digests"].keys() - self._outputs:
                if os.path.isfile(path):
                    os.remove(path)
                    try:
                        os.rmdir(os.path.dirname(path))
                    except OSError:
                        pass
        self._session.previous = {"signature": self._signature, "digests": self._digests, "titles": self._titles}
