"""Shared fixtures: small catalogs on disk, one strict build of the real site, a static server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pages_server import PagesHandler
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.loader import load_catalogs  # noqa: E402
from macros.model import Catalog  # noqa: E402

CATALOG_YML = """\
title: Example
summary: An example API.
systems:
  - {id: api, title: API codes, kind: numeric, primary: true}
  - {id: sdk, title: SDK classes, kind: sdk-class, example: false}
ranges:
  - {start: 100, end: 199, name: Things, group: things}
envelope:
  description: An error object.
  example: {error: {code: $code, message: $message, status: $status}}
  fields:
    - {name: error.code, type: integer, description: The code.}
statuses:
  400:
    title: Bad Request
    retry: {retryable: "no", how: [fix-request]}
  503:
    title: Service Unavailable
    retry: {retryable: "yes", how: [retry-after, backoff]}
"""

THINGS_YML = """\
group:
  id: things
  title: Things Errors
  span: {start: 100, end: 199}
entries:
  - code: 100
    name: BadThing
    status: 400
    description: The thing is bad.
    causes: [A bad thing was sent.]
    fixes: [Send a good thing.]
    see_also: [101]
  - code: 101
    name: ThingDown
    status: 503
    description: The thing service is down.
messages:
  - code: 100
    message: "Thing {name} is bad"
    placeholders: {name: The name of the thing.}
    cause: The named thing failed validation.
"""

SDK_YML = """\
group:
  id: sdk
  title: SDK errors
  system: sdk
entries:
  - code: ClientError
    description: The client failed.
    retry: {retryable: "no", how: [update-client], note: Fix the client.}
"""


def write_catalog(root: Path, files: dict[str, str], name: str = "example") -> Path:
    """Write a catalog folder under root/data and return the data folder."""
    folder = root / "data" / name
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        (folder / file_name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "data"


def copy_project(tmp_path: Path) -> Path:
    """A copy of the project (config, hooks, macros, docs) without its data, under tmp_path/project."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("macros", "docs"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def minimal_project(tmp_path: Path, home: str = "# Home\n", nav: str = "") -> Path:
    """The real hooks, macros and theme with a one-page docs folder and the given nav (none by default)."""
    project = copy_project(tmp_path)
    shutil.rmtree(project / "docs")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(home)
    config = (project / "mkdocs.yml").read_text().split("\nnav:\n")[0]
    (project / "mkdocs.yml").write_text(config + "\n" + (f"nav:\n{nav}" if nav else ""))
    return project


@pytest.fixture
def example_files() -> dict[str, str]:
    """A small valid catalog, as file name -> YAML text."""
    return {"catalog.yml": CATALOG_YML, "things.yml": THINGS_YML, "sdk.yml": SDK_YML}


def run_build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` for the project in config_dir."""
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:8000/", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_dir / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False, timeout=600,
    )


@pytest.fixture(scope="session")
def catalogs() -> tuple[Catalog, ...]:
    """Every catalog under data/, whatever they are."""
    return load_catalogs(ROOT / "data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site built once with --strict: (site folder, build log)."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site_server(built_site: tuple[Path, str]) -> Iterator[str]:
    """Serve the built site on a free loopback port; yields its base URL."""
    handler = functools.partial(PagesHandler, directory=str(built_site[0]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by Playwright, shared by every browser test."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page per test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
