"""Shared fixtures: small catalogs on disk, one strict build of the real site, a static server."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pages_server import PagesHandler, PagesServer
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.catalog.loader import load_catalogs  # noqa: E402
from macros.catalog.model import Catalog  # noqa: E402

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


CLASSES_CATALOG_YML = """\
title: Database codes
summary: Five-character codes a database server reports, grouped into classes by their first two characters.
range_term: {singular: class, plural: classes}
systems:
  - id: sqlstate
    title: SQLSTATE codes
    kind: string
    primary: true
    unique_names: true
    alias_label: C macro
    example:
      format: text
      description: As the command-line client prints it in verbose mode.
      template: "$SEVERITY:  $code: $message"
ranges:
  - {prefix: "00", name: Successful Completion, group: class-00}
  - {prefix: "0A", name: Feature Not Supported, group: class-0a}
  - {prefix: "22", name: Data Exception, group: class-22}
  - {prefix: "40", name: Transaction Rollback, group: class-40}
severity: error
optional_guidance: [causes, fixes]
retry: {retryable: "no", how: [fix-program], note: Change the statement or the program first.}
"""

CLASS_00_YML = """\
group:
  id: class-00
  title: "Class 00 — Successful Completion"
  severity: success
  example: false
  retry: {retryable: "n/a", how: [not-an-error]}
entries:
  - {code: "00000", name: successful_completion, aliases: [ERRCODE_SUCCESSFUL_COMPLETION], description: It worked.}
"""

CLASS_0A_YML = """\
group: {id: class-0a, title: "Class 0A — Feature Not Supported"}
entries:
  - code: "0A000"
    name: feature_not_supported
    aliases: [ERRCODE_FEATURE_NOT_SUPPORTED]
    description: The server does not support what was asked.
"""

CLASS_22_YML = """\
group: {id: class-22, title: "Class 22 — Data Exception"}
entries:
  - code: "22012"
    name: division_by_zero
    aliases: [ERRCODE_DIVISION_BY_ZERO]
    description: A number was divided by zero.
    causes: [A divisor column holds zero in some row.]
    fixes: ["Guard the division with `NULLIF(divisor, 0)`."]
    example_message: division by zero
  - code: "2202E"
    name: array_subscript_error
    aliases: [ERRCODE_ARRAY_SUBSCRIPT_ERROR, {name: ERRCODE_ARRAY_ELEMENT_ERROR, note: second macro for the same code}]
    description: An array subscript is out of range.
  - code: "2201X"
    name: invalid_row_count_in_result_offset_clause
    aliases: [ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE]
    description: The OFFSET clause got a bad row count.
  - code: "22P06"
    name: nonstandard_use_of_escape_character
    aliases: [ERRCODE_NONSTANDARD_USE_OF_ESCAPE_CHARACTER]
    severity: warning
    description: A backslash escape appeared in an ordinary string literal.
"""

CLASS_40_YML = """\
group:
  id: class-40
  title: "Class 40 — Transaction Rollback"
  retry: {retryable: "yes", how: [retry-transaction], note: Another transaction got in the way; run yours again.}
entries:
  - code: "40001"
    name: serialization_failure
    aliases: [ERRCODE_T_R_SERIALIZATION_FAILURE]
    description: The transaction could not be serialized with concurrent ones.
    see_also: ["40P01"]
  - code: "40P01"
    name: deadlock_detected
    aliases: [ERRCODE_T_R_DEADLOCK_DETECTED]
    description: Two transactions waited on each other.
    example_message: deadlock detected
"""

TRANSLATED_CLASS_22_YML = CLASS_22_YML + """\
  - code: "22P02"
    name: invalid_text_representation
    aliases: [ERRCODE_INVALID_TEXT_REPRESENTATION]
    description: A value could not be read as its type.
messages:
  # Each translation is the msgstr of the message in PostgreSQL's src/backend/po/<language>.po.
  - code: "22012"
    message: division by zero
    cause: A number was divided by zero.
    translations: {de: Division durch Null, fr: division par zéro, ja: 0 による除算が行われました}
  - code: "22P02"
    message: 'invalid input syntax for type {type}: "{value}"'
    placeholders: {type: The type the value was read as., value: The value as it was written.}
    cause: A text could not be read as a value of its type.
    translations:
      de: "ungültige Eingabesyntax für Typ {type}: »{value}«"
      fr: "syntaxe en entrée invalide pour le type {type} : « {value} »"
      ja: '"{type}"型の入力構文が不正です: "{value}"'
"""
"""Class 22 with messages that carry real translations: an exact one and a template whose placeholders move."""


def write_catalog(root: Path, files: dict[str, str], name: str = "example") -> Path:
    """Write a catalog folder under root/data and return the data folder."""
    folder = root / "data" / name
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        (folder / file_name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "data"


def copy_project(tmp_path: Path) -> Path:
    """A copy of the project (config, hooks, macros, docs) without its data, under tmp_path/project. The macros keep
    their compiled modules (valid for the copy: copytree keeps each source's time stamp), which spares every build of
    the copy compiling them again."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks.py"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "macros", project / "macros")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("__pycache__"))
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


TSC = ROOT / "tests" / "typescript" / "node_modules" / ".bin" / "tsc"


def tsc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the TypeScript compiler that `make test` installs (tests/typescript)."""
    assert TSC.exists(), "tests/typescript/node_modules is missing: run `make test`, which installs TypeScript"
    return subprocess.run([str(TSC), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


EXAMPLE_CATALOGS = ("composio", "agents-api", "codespar", "postgresql", "sqlite")
"""The example catalogs the repository ships. A test about them by name asks its questions of them alone where it
can, and otherwise says what it assumes of the other catalogs (`assume`)."""


def assume(catalogs: Sequence[Catalog], owners: Sequence[str], *, codes: Sequence[str] = (),
           messages: Sequence[str] = (), numbers: Sequence[str] = (), statuses: Sequence[int] = ()) -> None:
    """Skip a test about example catalogs when another catalog in data/ breaks what it assumes, naming it: that no
    catalog but `owners` has one of these codes or messages, a range holding one of these numbers, or retry guidance
    for one of these HTTP statuses."""
    for catalog in catalogs:
        if catalog.id in owners:
            continue
        held = {ref.code for ref in catalog.codes}
        found = [c for c in codes if c in held] + [m for m in messages if any(x.text == m for x in catalog.messages)]
        found += [n for n in numbers if n in held or any(n in r.span for r in catalog.ranges)]
        found += [str(s) for s in statuses if s in catalog.statuses]
        if found:
            pytest.skip(f"assumes that no catalog but {', '.join(owners)} has {', '.join(found)}; {catalog.id} does")


def needs_catalog(*ids: str) -> pytest.MarkDecorator:
    """Mark a test about shipped example catalogs by name: it skips when one of them is not under data/."""
    missing = [i for i in ids if not (ROOT / "data" / i / "catalog.yml").is_file()]
    return pytest.mark.skipif(bool(missing), reason=f"about the example catalog(s) {', '.join(missing)}, "
                                                    "which data/ does not hold")


FACTS_CATALOG_YML = """\
title: Result codes
summary: Numeric result codes of an embedded database; an extended code refines a primary one.
systems:
  - id: result
    title: Result codes
    kind: numeric
    primary: true
    example:
      format: text
      description: A result code with the primary code it refines.
      template: "$name ($code, primary $primary_code): $message"
facts:
  - id: primary_code
    label: Primary code
    kind: code
    system: result
    column: true
    lookup: true
    description: The primary result code an extended code refines.
  - {id: code_type, label: Type, kind: enum, values: [primary, extended], column: true}
  - {id: reference, label: Reference, kind: url, column: true}
severity: error
optional_guidance: [causes, fixes]
retry: {retryable: "no", how: [fix-program]}
"""

FACTS_BUSY_YML = """\
group:
  id: busy
  title: Busy
  retry: {retryable: "yes", how: [backoff], note: "Wait for the other connection, then try again."}
entries:
  - code: 5
    name: SQLITE_BUSY
    facts: {code_type: primary, reference: "https://www.sqlite.org/rescode.html#busy"}
    example_message: database is locked
  - code: 261
    name: SQLITE_BUSY_RECOVERY
    facts: {primary_code: 5, code_type: extended}
  - code: 517
    name: SQLITE_BUSY_SNAPSHOT
    description: A read transaction's snapshot is too old to be upgraded to a write.
    facts: {primary_code: "5", code_type: extended, reference: "https://www.sqlite.org/rescode.html#busy_snapshot"}
"""

MYSQL_CATALOG_YML = """\
title: Server errors
summary: Numeric server errors, each with the SQLSTATE a client reads beside it.
systems:
  - id: server
    title: Server error numbers
    kind: numeric
    primary: true
    example:
      format: text
      description: As the command-line client prints it.
      template: "ERROR $code ($sqlstate): $message"
facts:
  - {id: sqlstate, label: SQLSTATE, kind: code, column: true, lookup: true}
severity: error
optional_guidance: [causes, fixes]
retry: {retryable: "no", how: [fix-program]}
"""

MYSQL_ERRORS_YML = """\
group: {id: errors, title: Server errors}
entries:
  - {code: 1048, name: ER_BAD_NULL_ERROR, facts: {sqlstate: "23000"}}
  - {code: 1062, name: ER_DUP_ENTRY, facts: {sqlstate: "23000"}}
  - {code: 1213, name: ER_LOCK_DEADLOCK, facts: {sqlstate: "40001"},
     example_message: Deadlock found when trying to get lock; try restarting transaction}
messages:
  - code: 1048
    message: "Column '{column}' cannot be null"
    placeholders: {column: The column.}
  - code: 1062
    message: "Duplicate entry '{value}' for key '{key}'"
    placeholders: {value: The value., key: The unique index.}
"""


@pytest.fixture
def facts_files() -> dict[str, str]:
    """A catalog that declares facts of every kind: a code that links to another entry, an enum and a URL."""
    return {"catalog.yml": FACTS_CATALOG_YML, "busy.yml": FACTS_BUSY_YML}


@pytest.fixture
def facts_catalog(tmp_path: Path, facts_files: dict[str, str]) -> Catalog:
    """The catalog with facts, loaded (as data/rc)."""
    return load_catalogs(write_catalog(tmp_path / "facts", facts_files, "rc"))[0]


@pytest.fixture
def mysql_files() -> dict[str, str]:
    """A catalog whose errors share a SQLSTATE, a code-kind fact the lookup searches."""
    return {"catalog.yml": MYSQL_CATALOG_YML, "errors.yml": MYSQL_ERRORS_YML}


@pytest.fixture
def classes_files() -> dict[str, str]:
    """A catalog of another style: string codes in classes by prefix, aliases, severities, no HTTP at all."""
    return {"catalog.yml": CLASSES_CATALOG_YML, "class-00.yml": CLASS_00_YML, "class-0a.yml": CLASS_0A_YML,
            "class-22.yml": CLASS_22_YML, "class-40.yml": CLASS_40_YML}


@pytest.fixture
def classes(tmp_path: Path, classes_files: dict[str, str]) -> Catalog:
    """The catalog of another style, loaded (as data/db)."""
    return load_catalogs(write_catalog(tmp_path / "classes", classes_files, "db"))[0]


@pytest.fixture
def translated_files(classes_files: dict[str, str]) -> dict[str, str]:
    """The catalog of classes whose class 22 has messages translated into German, French and Japanese."""
    return {**classes_files, "class-22.yml": TRANSLATED_CLASS_22_YML}


@pytest.fixture
def translated(tmp_path: Path, translated_files: dict[str, str]) -> Catalog:
    """The catalog of classes with translated messages, loaded (as data/db)."""
    return load_catalogs(write_catalog(tmp_path / "translated", translated_files, "db"))[0]


RELEASED_THINGS_YML = """\
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
    lifecycle:
      since: "1.0"
      changed: [{version: "2.0", note: Now returned with status 400 instead of 422.}]
  - code: 101
    name: ThingDown
    status: 503
    description: The thing service is down.
    lifecycle:
      since: "1.0"
      deprecated: {version: "2.0", reason: The service no longer goes down on its own., use_instead: 100}
  - code: 102
    name: ThingLost
    status: 400
    description: The thing is lost.
    lifecycle: {since: "2.0"}
    moved_from: [199]
messages:
  - code: 100
    message: "Thing {name} is bad"
    placeholders: {name: The name of the thing.}
    cause: The named thing failed validation.
    removed: {version: "2.0", note: The API now names the field instead.}
"""


@pytest.fixture
def released_files() -> dict[str, str]:
    """The small catalog after two releases: codes introduced, changed, deprecated, added, moved and removed."""
    releases = ('releases:\n  - {version: "1.0", date: "2026-01-10", summary: First release.}\n'
                '  - {version: "2.0", date: "2026-06-01", summary: "Things <b>&</b> the SDK, reworked."}\nsystems:\n')
    sdk = SDK_YML.replace(
        "    retry:", '    lifecycle: {removed: {version: "2.0", replaced_by: "api:100", note: Read the API error.}}\n'
                     "    retry:")
    return {"catalog.yml": CATALOG_YML.replace("systems:\n", releases, 1), "things.yml": RELEASED_THINGS_YML,
            "sdk.yml": sdk}


@pytest.fixture
def released_catalog(tmp_path: Path, released_files: dict[str, str]) -> Catalog:
    """The small catalog after two releases, loaded (as data/example)."""
    return load_catalogs(write_catalog(tmp_path / "released", released_files))[0]


@pytest.fixture
def twice_files(example_files: dict[str, str]) -> dict[str, str]:
    """The small catalog's files with code 100 listed twice (BadThing, and OtherThing in another group)."""
    more = "group: {id: more, title: Zoo Errors, span: {start: 100, end: 199}}\nentries:\n" \
           "  - {code: 100, name: OtherThing, status: 503, description: Another meaning.}\n"
    return {**example_files, "more.yml": more}


@pytest.fixture
def catalog_twice(tmp_path: Path, twice_files: dict[str, str]) -> Catalog:
    """The small catalog with code 100 listed twice (BadThing, and OtherThing in another group), loaded."""
    return load_catalogs(write_catalog(tmp_path / "twice", twice_files))[0]


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
    server = PagesServer(("127.0.0.1", 0), handler)
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
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context and page per test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


BUILD_MODULES = {
    "test_bench_build.py", "test_bench_guard.py", "test_bench_serve.py", "test_material_theme.py",
    "test_mkdocs_rebuild.py", "test_mutations.py", "test_published_urls.py", "test_reproducible.py", "test_site.py",
    "test_staging.py", "test_client_code.py", "test_workflows.py", "test_synthetic.py", "test_scaffold.py",
}
"""Modules whose tests run builds, `mkdocs serve`, node or tsc: the build tier."""


BROWSER_GROUPS = dict.fromkeys(["test_browser_accessibility.py", "test_browser_filters.py",
                                "test_browser_fact_filters.py", "test_browser_catalog_styles.py"], "browser-2")
"""The browser tests run in two groups of about the same length, one per xdist worker, each with its chromium: one
group alone made its worker run a minute longer than the other."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier (unit, build, browser), and keep each group of browser tests on one xdist worker
    (BROWSER_GROUPS), so that each worker launches one chromium. `pytest -m unit` runs the fast tier alone.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.path.name.startswith("test_browser") or {"browser", "page", "light_page"} & fixtures:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group(BROWSER_GROUPS.get(item.path.name, "browser")))
        elif item.path.name in BUILD_MODULES or {"built_site", "site_server"} & fixtures:
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)
    # The browser tests first (each worker takes a group), the builds next, the many short unit tests last: they
    # fill in whichever worker is free, so both finish at about the same time.
    tier = {"browser": 0, "build": 1, "unit": 2}
    items.sort(key=lambda item: next(tier[m.name] for m in item.iter_markers() if m.name in tier))
