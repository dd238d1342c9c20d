"""Reproducible builds: what gets installed is pinned, hashed and locked, and ProperDocs builds the same site.

* The locks (``requirements.lock`` for the build, ``requirements-dev.lock`` for the tests, which holds the
  build lock) pin every package exactly, transitive ones included, each with its sha256 hashes, and name no
  index or URL; they are exactly the dependency closure of the hand-edited ``requirements*.txt``, and the
  environment the tests run in is the one they pin.
* The Makefile and every CI job install from a lock with ``pip install --require-hashes``, and a changed lock
  installs again.
* ProperDocs, the maintained fork of MkDocs 1.x, builds the real site strictly with the same mkdocs.yml,
  hooks, macros plugin and Material theme, and its site is MkDocs' file for file, byte for byte, but for the
  generator tag.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
BUILD_LOCK = "requirements.lock"
DEV_LOCK = "requirements-dev.lock"
LOCKS = (BUILD_LOCK, DEV_LOCK)
# Each hand-edited input and the locks that must hold it.
INPUTS = {"requirements.txt": (BUILD_LOCK, DEV_LOCK), "requirements-dev.txt": (DEV_LOCK,)}
# The input each lock is compiled from.
LOCK_INPUT = {BUILD_LOCK: "requirements.txt", DEV_LOCK: "requirements-dev.txt"}
BUILD_STAMP = "$(VENV)/.stamp-build"
TEST_STAMP = "$(VENV)/.stamp-test"
STAMPS = {BUILD_STAMP: BUILD_LOCK, TEST_STAMP: DEV_LOCK}
"""Each venv stamp and the lock it installs: `make serve` needs the build's alone, the tests the rest."""
WORKFLOWS_DIR = ROOT / ".github" / "workflows"

PIN = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)"
    r"(?P<hashes>(?:\s+--hash=sha256:[0-9a-f]{64})+)"
)
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


# --------------------------------------------------------------------------
# The locks
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pin:
    """One package of a lock: its name, its one version, its hashes."""

    name: str
    version: str
    hashes: frozenset[str]


def logical_lines(path: Path) -> list[tuple[int, str]]:
    """The lines of a requirements file with continuations joined and comments dropped, by first line number."""
    lines: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not current:
            start = number
        if text.endswith("\\"):
            current.append(text[:-1].strip())
            continue
        current.append(text.strip())
        line = " ".join(part for part in current if part)
        current = []
        if line:
            lines.append((start, line))
    assert not current, f"{path.name} ends in a line continuation"
    return lines


def read_lock(name: str) -> dict[str, Pin]:
    """The pins of a lock, by canonical package name."""
    pins: dict[str, Pin] = {}
    for number, line in logical_lines(ROOT / name):
        match = PIN.fullmatch(line)
        assert match, f"{name}:{number} is not `name==version --hash=sha256:...`: {line[:120]}"
        key = canonicalize_name(match["name"])
        assert key not in pins, f"{name}:{number} pins {key} a second time"
        pins[key] = Pin(key, match["version"], frozenset(re.findall(r"sha256:[0-9a-f]{64}", match["hashes"])))
    return pins


def read_inputs(name: str) -> list[Requirement]:
    """The requirements a hand-edited requirements file states, following its `-r` includes."""
    found: list[Requirement] = []
    for number, line in logical_lines(ROOT / name):
        if line.startswith(("-r ", "--requirement ")):
            found.extend(read_inputs(line.split(None, 1)[1]))
            continue
        assert not line.startswith("-"), f"{name}:{number}: an input states packages, no pip options: {line}"
        found.append(Requirement(line))
    return found


def closure(requirements: list[Requirement]) -> set[str]:
    """Every package the requirements need on this Python, from the installed packages' metadata."""
    extras_of: dict[str, set[str]] = {}
    todo = list(requirements)
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        if name in extras_of and set(req.extras) <= extras_of[name]:
            continue
        extras = extras_of.setdefault(name, set())
        extras |= set(req.extras)
        for text in importlib.metadata.requires(name) or []:
            dep = Requirement(text)
            if dep.marker is None or any(dep.marker.evaluate({"extra": e}) for e in {"", *extras}):
                todo.append(Requirement(str(dep).split(";")[0]))
    return set(extras_of)


def test_the_locks_exist_and_are_not_empty() -> None:
    for name in LOCKS:
        assert (ROOT / name).is_file(), f"{name} is missing: run `make lock`"
        assert read_lock(name), f"{name} pins nothing"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_line_of_a_lock_pins_one_version_with_hashes(lock: str) -> None:
    for pin in read_lock(lock).values():
        assert pin.hashes, f"{lock}: {pin.name} has no sha256 hash"


@pytest.mark.parametrize("lock", LOCKS)
def test_a_lock_names_no_index_url_or_other_source(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert "://" not in text, f"{lock} names a URL"
    for number, line in logical_lines(ROOT / lock):
        assert not line.startswith("-"), f"{lock}:{number} is a pip option, not a pin: {line}"
        assert " @ " not in line, f"{lock}:{number} installs from a direct reference: {line}"


@pytest.mark.parametrize("lock", LOCKS)
def test_a_lock_says_it_was_compiled_by_make_lock_with_python_3_11(lock: str) -> None:
    header = (ROOT / lock).read_text(encoding="utf-8").split("\n\n")[0][:600]
    assert "with Python 3.11" in header, f"{lock} was not compiled with Python 3.11, as CI runs:\n{header}"
    assert "make lock" in header, f"{lock} was not written by `make lock`:\n{header}"


@pytest.mark.parametrize("source", sorted(INPUTS))
def test_every_direct_dependency_is_in_its_locks_at_a_version_it_allows(source: str) -> None:
    for lock in INPUTS[source]:
        pins = read_lock(lock)
        for req in read_inputs(source):
            pin = pins.get(canonicalize_name(req.name))
            assert pin is not None, f"{req.name} ({source}) is not in {lock}: run `make lock`"
            assert req.specifier.contains(pin.version, prereleases=True), (
                f"{lock} pins {pin.name}=={pin.version}, which {source} does not allow ({req}): run `make lock`"
            )


def test_the_dev_lock_holds_the_build_lock_pin_for_pin() -> None:
    dev = read_lock(DEV_LOCK)
    for pin in read_lock(BUILD_LOCK).values():
        assert dev.get(pin.name) == pin, f"{DEV_LOCK} and {BUILD_LOCK} differ on {pin.name}: run `make lock`"


def test_the_tests_run_in_exactly_what_the_dev_lock_pins() -> None:
    wrong = {}
    for pin in read_lock(DEV_LOCK).values():
        try:
            installed = importlib.metadata.version(pin.name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != pin.version:
            wrong[pin.name] = (pin.version, installed)
    assert not wrong, f"installed packages differ from {DEV_LOCK} (locked, installed): {wrong}; run `make test`"


@pytest.mark.parametrize("lock", LOCKS)
def test_a_lock_is_exactly_the_dependency_closure_of_its_input(lock: str) -> None:
    locked = set(read_lock(lock))
    needed = closure(read_inputs(LOCK_INPUT[lock]))
    assert not needed - locked, f"{lock} lacks packages its input needs: {sorted(needed - locked)}"
    assert not locked - needed, f"{lock} pins packages nothing needs any more: {sorted(locked - needed)}"


# --------------------------------------------------------------------------
# The Makefile
# --------------------------------------------------------------------------


def makefile() -> tuple[dict[str, str], dict[str, tuple[list[str], list[str]]]]:
    """The Makefile's variables and its rules (target -> prerequisites, recipe commands), unexpanded."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    variables: dict[str, str] = {}
    rules: dict[str, tuple[list[str], list[str]]] = {}
    target = None
    for line in text.splitlines():
        if line.startswith("\t"):
            if target is not None:
                rules[target][1].append(line.strip())
            continue
        target = None
        if not line.strip() or line.startswith("#"):
            continue
        variable = re.fullmatch(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::=|\?=|=)\s*(.*)", line)
        if variable:
            variables[variable[1]] = variable[2].strip()
            continue
        rule = re.fullmatch(r"([^:#=]+?):(?!=)(.*)", line)
        if rule:
            prerequisites = rule[2].replace("|", " ").split()
            for name in rule[1].split():
                target = name
                rules[name] = (prerequisites, [])
    return variables, rules


def expand(text: str, variables: dict[str, str]) -> str:
    """Text with the Makefile's $(NAME) references replaced, and $$ turned into $."""
    for _ in range(10):
        text = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", lambda m: variables.get(m[1], m[0]), text)
    return text.replace("$$", "$")


def pip_installs(command: str) -> list[str]:
    """The `pip install` commands in a shell command line."""
    return [part.strip() for part in re.split(r"&&|\|\||;|\n", command) if re.search(r"\bpip install\b", part)]


def install_arguments(command: str) -> tuple[set[str], list[str], list[str]]:
    """A `pip install` command's options, its `-r` files and its other arguments."""
    words = command.split("pip install", 1)[1].split()
    options: set[str] = set()
    files: list[str] = []
    others: list[str] = []
    while words:
        word = words.pop(0)
        if word in ("-r", "--requirement"):
            files.append(words.pop(0))
        elif word.startswith("-"):
            options.add(word)
        else:
            others.append(word)
    return options, files, others


def assert_installs_a_lock_with_hashes(command: str, where: str) -> None:
    """The command installs lock files only, with --require-hashes."""
    options, files, others = install_arguments(command)
    assert files, f"{where}: `{command}` installs no lock"
    assert "--require-hashes" in options, f"{where}: `{command}` does not check hashes (--require-hashes)"
    for name in files:
        assert name in LOCKS, f"{where}: `{command}` installs {name}, not a lock ({', '.join(LOCKS)})"
    assert not others, f"{where}: `{command}` also installs {others}, which no lock pins"


def test_the_makefile_installs_each_lock_with_hashes() -> None:
    variables, rules = makefile()
    for stamp, lock in STAMPS.items():
        assert stamp in rules, f"the Makefile has no rule for {stamp}"
        installs = [c for line in rules[stamp][1] for c in pip_installs(expand(line, variables))]
        assert installs, f"{stamp}'s recipe installs nothing"
        for command in installs:
            assert_installs_a_lock_with_hashes(command, "Makefile")
        assert any(install_arguments(c)[1] == [lock] for c in installs), f"{stamp} does not install {lock}"
        assert not any("--upgrade" in install_arguments(c)[0] for c in installs), f"{stamp} upgrades past the lock"


def test_a_changed_lock_installs_again() -> None:
    _, rules = makefile()
    for stamp, lock in STAMPS.items():
        assert lock in rules[stamp][0], f"{stamp} does not depend on {lock}: a changed lock would not install"
    assert BUILD_STAMP in rules[TEST_STAMP][0], "the test tools are installed without the build's packages"
    for target in ("serve", "build"):
        assert BUILD_STAMP in rules[target][0], f"`make {target}` does not set up the venv from the build's lock"
        assert TEST_STAMP not in rules[target][0], f"`make {target}` installs the test tools it does not need"
    for target in ("test", "lint"):
        assert TEST_STAMP in rules[target][0], f"`make {target}` does not set up the venv from the dev lock"


def test_every_other_pip_install_in_the_makefile_pins_what_it_installs() -> None:
    variables, rules = makefile()
    for target, (_, recipe) in rules.items():
        for command in (c for line in recipe for c in pip_installs(expand(line, variables))):
            _, files, others = install_arguments(command)
            if files:
                assert_installs_a_lock_with_hashes(command, f"make {target}")
            else:
                assert others and all("==" in a for a in others), f"make {target}: `{command}` is not pinned"


def test_make_lock_compiles_both_locks_with_hashes_and_no_index_url() -> None:
    variables, rules = makefile()
    assert "lock" in rules, "the Makefile has no `lock` target"
    recipe = expand(" ".join(rules["lock"][1]), variables)
    compiles = [c for c in re.split(r"&&", recipe) if "pip-compile" in c]
    assert len(compiles) == 2, recipe
    for command in compiles:
        for flag in ("--generate-hashes", "--no-emit-index-url", "--no-emit-find-links", "--strip-extras"):
            assert flag in command.split(), f"`make lock` compiles without {flag}: {command}"
    build, dev = (c.split() for c in compiles)
    assert build[-3:] == ["-o", BUILD_LOCK, "requirements.txt"], build
    assert dev[-3:] == ["-o", DEV_LOCK, "requirements-dev.txt"], dev
    assert "-c" in dev and dev[dev.index("-c") + 1] == BUILD_LOCK, "the dev lock must hold the build lock's pins"
    assert "pip-tools==" in recipe, "`make lock` does not pin pip-tools"


# --------------------------------------------------------------------------
# CI
# --------------------------------------------------------------------------


def load_workflow(path: Path) -> dict[str, Any]:
    """A workflow file read with PyYAML, with the `on` key YAML 1.1 reads as True put back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    if True in data:
        data["on"] = data.pop(True)
    return data


WORKFLOWS = {p.name: load_workflow(p) for p in sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])}
JOBS = [(f"{name}:{job_id}", job) for name, wf in WORKFLOWS.items() for job_id, job in (wf.get("jobs") or {}).items()]


def run_scripts(job: dict[str, Any]) -> list[str]:
    """The `run` scripts of a job's steps, in order."""
    return [str(step["run"]) for step in job.get("steps") or [] if "run" in step]


def test_there_are_ci_jobs() -> None:
    assert JOBS, f"no workflow jobs in {WORKFLOWS_DIR}"


@pytest.mark.parametrize("where,job", JOBS, ids=[where for where, _ in JOBS])
def test_every_ci_job_installs_from_a_lock_with_hashes(where: str, job: dict[str, Any]) -> None:
    scripts = run_scripts(job)
    if not scripts:
        return  # runs actions only (the Pages deploy): no Python
    installs = [c for script in scripts for c in pip_installs(script)]
    if any(re.search(r"\bmake test\b", script) for script in scripts):
        assert not installs, f"{where} runs `make test`, which installs the lock itself"
        return
    assert installs, f"{where} runs Python without installing a lock"
    for command in installs:
        assert_installs_a_lock_with_hashes(command, where)
    assert pip_installs(scripts[0]), f"{where}: its first step must install the lock, before anything runs"


@pytest.mark.parametrize("where,job", JOBS, ids=[where for where, _ in JOBS])
def test_ci_caches_are_keyed_on_the_locks(where: str, job: dict[str, Any]) -> None:
    for step in job.get("steps") or []:
        action = str(step.get("uses", "")).split("@")[0]
        settings = step.get("with") or {}
        if action == "actions/setup-python" and settings.get("cache") == "pip":
            paths = str(settings.get("cache-dependency-path", ""))
            assert paths and all(p.strip().endswith(".lock") for p in paths.split()), (
                f"{where}: the pip cache must be keyed on the locks, not {paths!r}"
            )
        if action == "actions/cache" and "pip" in str(settings.get("path", "")):
            assert ".lock" in str(settings.get("key", "")) and "requirements*.txt" not in str(settings["key"]), (
                f"{where}: the pip cache key must hash the locks: {settings.get('key')}"
            )


def test_a_ci_job_builds_the_site_with_properdocs_strictly_from_a_lock() -> None:
    found = [(where, job) for where, job in JOBS if any("properdocs build --strict" in s for s in run_scripts(job))]
    assert found, "no CI job runs `properdocs build --strict`"
    for where, job in found:
        installed = [f for script in run_scripts(job) for c in pip_installs(script) for f in install_arguments(c)[1]]
        assert any("properdocs" in read_lock(lock) for lock in installed), (
            f"{where}: no lock it installs pins ProperDocs"
        )


# --------------------------------------------------------------------------
# ProperDocs builds the same site as MkDocs
# --------------------------------------------------------------------------


def generator(html: bytes) -> str:
    """The content of a page's generator meta tag."""
    match = GENERATOR_TAG.search(html)
    assert match, "no generator meta tag"
    return match[0].decode()


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    pins = read_lock(BUILD_LOCK)
    assert "properdocs" in pins and "mkdocs" in pins, f"{BUILD_LOCK} must install both generators"
    # Both at once (two cores), from the same sources, with one build date, so even the sitemap matches.
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:8000/", "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1767225600"}
    sites = {name: tmp_path / name for name in ("mkdocs", "properdocs")}
    logs = {name: tmp_path / f"{name}.log" for name in sites}
    processes = {}
    for name, site in sites.items():
        with logs[name].open("w", encoding="utf-8") as log:
            processes[name] = subprocess.Popen(
                [sys.executable, "-m", name, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
    for name, process in processes.items():
        code = process.wait(timeout=300)
        assert code == 0, f"{name} build --strict failed:\n{logs[name].read_text(encoding='utf-8')[-4000:]}"
    properdocs_log = logs["properdocs"].read_text(encoding="utf-8")
    assert "WARNING" not in properdocs_log, properdocs_log[-4000:]

    files = {name: sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for name, site in sites.items()}
    assert files["mkdocs"] == files["properdocs"], (
        f"only MkDocs wrote {sorted(set(files['mkdocs']) - set(files['properdocs']))[:20]}, "
        f"only ProperDocs wrote {sorted(set(files['properdocs']) - set(files['mkdocs']))[:20]}"
    )
    assert len(files["mkdocs"]) > 100, f"the site has only {len(files['mkdocs'])} files"

    different = []
    pages = 0
    for relative in files["mkdocs"]:
        ours, theirs = ((sites[name] / relative).read_bytes() for name in ("mkdocs", "properdocs"))
        if relative.suffix == ".html" and GENERATOR_TAG.search(ours):
            pages += 1
            assert generator(ours) == f'<meta name="generator" content="mkdocs-{pins["mkdocs"].version}, ' \
                                      f'mkdocs-material-{pins["mkdocs-material"].version}">', relative
            assert generator(theirs) == f'<meta name="generator" content="mkdocs-ProperDocs ' \
                                        f'{pins["properdocs"].version}, ' \
                                        f'mkdocs-material-{pins["mkdocs-material"].version}">', relative
            ours, theirs = GENERATOR_TAG.sub(b"", ours), GENERATOR_TAG.sub(b"", theirs)
        if ours != theirs:
            different.append(str(relative))
    assert pages > 100, f"only {pages} pages carry a generator tag"
    assert not different, f"{len(different)} files differ between MkDocs and ProperDocs: {different[:20]}"
