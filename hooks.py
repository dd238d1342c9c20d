"""MkDocs hooks: every build imports the site's build code (macros/mkdocs_adapter/build.py) afresh and hands its events
to the `Build` object that code makes for the build.

MkDocs loads this file once per process, so under `mkdocs serve` a module imported here would
keep its first version until the server restarts. Instead, `on_config` forgets the `macros`
package and imports it again when one of its files changed since the previous build: that is
the one place where edited code is reloaded. The one state kept here is SESSION, what the
process remembers between builds: how it was started, the code's stamp, the previous dirty
build (`mkdocs serve --dirty`, macros/mkdocs_adapter/dirty_rebuild.py) and what its load read,
the staging folder of the build under way, which `on_build_error` and `on_shutdown` can reach,
and the build under way; `on_startup` resets it.

Event priorities: `on_config` runs first (100), before the macros plugin reads the package;
`on_page_context` runs before Material's search plugin indexes the page (100 against its 0),
so that generated pages have their content by then (macros/mkdocs_adapter/material_theme.py); `on_post_page`
runs last (-100); `on_post_build` reports on the files for programs (MkDocs wrote them with the
other files, macros/site/outputs.py) before the search plugin writes its index (100), and then, last
of all (-100), moves the build from its staging folder into the output folder
(macros/mkdocs_adapter/staging.py): `mkdocs build` writes into a folder beside the output, and a build that
fails anywhere leaves the output as it was.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent
PACKAGE = "macros"
BUILD = "macros.mkdocs_adapter.build"


@dataclass
class Session:
    """What the process keeps between builds (see macros/mkdocs_adapter/build.py: Session)."""

    command: str = ""
    dirty: bool = False
    previous: dict[str, Any] | None = None
    stage: Any = None
    build: Any = None
    read: Any = None
    pieces: dict[str, Any] = field(default_factory=dict)
    page_texts: dict[str, Any] = field(default_factory=dict)
    code: str = ""
    collector: tuple[int, ...] = ()
    idle_collect: Any = None


SESSION = Session()


def _build() -> Any:
    return SESSION.build


def on_startup(command: str, dirty: bool) -> None:
    """Start the process's session: whether it builds dirty, nothing remembered yet."""
    global SESSION
    SESSION = Session(command=command, dirty=dirty)


def _code_stamp() -> str:
    """The names, times and sizes of the build code's files: the stamp changes when the code is edited."""
    found = []
    for folder, dirs, names in os.walk(ROOT / PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            stat = os.stat(os.path.join(folder, name))
            found.append((folder, name, stat.st_mtime_ns, stat.st_size))
    return hashlib.blake2b(repr(found).encode("utf-8"), digest_size=16).hexdigest()


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Import the build code afresh if it was edited since the last build, then load and check the catalogs."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    stamp = _code_stamp()
    if stamp != SESSION.code:
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        SESSION.code = stamp
    SESSION.build = None
    SESSION.build = importlib.import_module(BUILD).Build(config, SESSION)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the lookup index."""
    return _build().on_files(files, config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Place the code pages under their tables; keep the nav for a dirty rebuild."""
    return _build().on_nav(nav, config, files)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Set up the code pages' template."""
    return _build().on_env(env, config, files)


@event_priority(100)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give a generated page its content before the search index reads it."""
    return _build().on_page_context(context, page, config, nav)


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Trim the written page."""
    return _build().on_post_page(output, page, config)


@event_priority(100)
def _write_data(config: MkDocsConfig) -> None:
    """Report on catalog.json and the other files for programs."""
    _build().on_post_build(config)


@event_priority(-100)
def _publish(config: MkDocsConfig) -> None:
    """Move the staged build into the output folder, once every plugin has written its files."""
    _build().publish(config)


on_post_build = CombinedEvent(_write_data, _publish)


def _discard_staged() -> None:
    build = sys.modules.get(BUILD)
    if build is not None:
        build.discard_staged(SESSION)


def on_build_error(error: Exception) -> None:
    """Drop what a failed build staged, so the output folder stays as it was."""
    _discard_staged()


def on_shutdown() -> None:
    """Drop what a build staged but never published: one stopped by `sys.exit` (the macros plugin's way to fail)
    reports no build error."""
    _discard_staged()
