"""Catalog lint: every check with a failing and a passing case, acknowledgements, the command line, the build."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, minimal_project, needs_catalog, run_build, write_catalog

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.lint import CHECKS, Health, lint, lint_catalog, ranges, run
from macros.site import outputs, urls

MORE_YML = """\
group: {id: more, title: More Errors, span: {start: 200, end: 299}}
entries:
"""


def health_of(tmp_path: Path, files: dict[str, str]) -> Health:
    return lint_catalog(load_catalogs(write_catalog(tmp_path, files))[0])


def found(tmp_path: Path, files: dict[str, str], check: str) -> list[str]:
    """The subjects of the findings of one check."""
    return [f.subject for f in health_of(tmp_path, files).findings if f.check == check]


def edit(files: dict[str, str], name: str, old: str, new: str) -> dict[str, str]:
    assert old in files[name], old
    return {**files, name: files[name].replace(old, new, 1)}


def more(*entries: str) -> str:
    return MORE_YML + "".join(f"  - {entry}\n" for entry in entries)


def declared(files: dict[str, str]) -> dict[str, str]:
    """The example with a declared range for the `more` group too."""
    return declare(files, "{start: 200, end: 299, name: More, group: more}")


def declare(files: dict[str, str], code_range: str) -> dict[str, str]:
    return edit(files, "catalog.yml", "group: things}\n", f"group: things}}\n  - {code_range}\n")


def add_thing(files: dict[str, str], entry: str) -> dict[str, str]:
    """The example with one more entry in things.yml."""
    return edit(files, "things.yml", "messages:\n", f"  - {entry}\nmessages:\n")


OUTSIDE = "{code: 250, name: Stray, status: 400, description: x, causes: [x], fixes: [x]}"


def test_the_example_catalog_is_clean_but_for_missing_guidance(tmp_path, example_files):
    findings = health_of(tmp_path, example_files).findings
    assert [(f.check, f.subject, f.severity) for f in findings] == [
        ("missing-guidance", "sdk:ClientError", "warning"), ("missing-guidance", "api:101", "warning")]


# --- one failing and one passing case per check ------------------------------------------------


def test_duplicate_code(tmp_path, example_files):
    files = declared({**example_files, "more.yml": more("{code: 100, name: OtherThing, status: 400, description: x}")})
    files = edit(files, "more.yml", "span: {start: 200, end: 299}", "span: {start: 100, end: 199}")
    files = edit(files, "catalog.yml", "{start: 200, end: 299, name: More", "{start: 300, end: 399, name: More")
    health = health_of(tmp_path, files)
    (finding,) = [f for f in health.findings if f.check == "duplicate-code"]
    assert finding.subject == "api:100" and finding.severity == "error" and finding.fails
    assert "BadThing (Things Errors, status 400" in finding.message and "OtherThing (More Errors" in finding.message
    assert health.for_ref(CodeRef("api", "100"))[0] is finding
    unique = declared({**example_files, "more.yml": more("{code: 200, description: x, status: 400}")})
    assert found(tmp_path / "ok", unique, "duplicate-code") == []


def test_code_outside_range(tmp_path, example_files):
    files = add_thing(example_files, OUTSIDE)
    assert found(tmp_path, files, "code-outside-range") == ["things:100-199"]
    assert found(tmp_path / "ok", example_files, "code-outside-range") == []


def test_codes_in_other_range(tmp_path, example_files):
    files = declared({**example_files, "more.yml": more("{code: 150, name: Stray, status: 400, description: x}")})
    assert found(tmp_path, files, "codes-in-other-range") == ["more:100-199"]
    files = declared({**example_files, "more.yml": more("{code: 250, name: Fine, status: 400, description: x}")})
    assert found(tmp_path / "ok", files, "codes-in-other-range") == []


def test_range_overlap(tmp_path, example_files):
    files = declared({**example_files, "more.yml": more("{code: 250, status: 400, description: x}")})
    overlapping = edit(files, "catalog.yml", "{start: 200, end: 299, name: More", "{start: 150, end: 299, name: More")
    assert "100-199~150-299:things~more" in found(tmp_path, overlapping, "range-overlap")
    assert found(tmp_path / "ok", files, "range-overlap") == []


def test_group_not_declared(tmp_path, example_files):
    files = {**example_files, "more.yml": more("{code: 250, status: 400, description: x}")}
    assert found(tmp_path, files, "group-not-declared") == ["more"]
    assert found(tmp_path / "ok", declared(files), "group-not-declared") == []


def test_declared_range_differs(tmp_path, example_files):
    files = edit(example_files, "things.yml", "span: {start: 100, end: 199}", "span: {start: 100, end: 149}")
    assert found(tmp_path, files, "declared-range-differs") == ["things:100-199"]
    assert found(tmp_path / "ok", example_files, "declared-range-differs") == []


def test_status_code_mismatch(tmp_path, example_files):
    group = "group: {id: http, title: HTTP, span: {start: 10000, end: 10999}, status_offset: 10000}\nentries:\n"
    good = group + "  - {code: 10400, name: BadRequest, status: 400, description: x}\n"
    bad = good + "  - {code: 10404, name: Missing, status: 400, description: x}\n"
    files = declare(example_files, "{start: 10000, end: 10999, name: HTTP, group: http}")
    assert found(tmp_path, {**files, "http.yml": bad}, "status-code-mismatch") == ["api:10404"]
    assert found(tmp_path / "ok", {**files, "http.yml": good}, "status-code-mismatch") == []


def test_name_status_mismatch(tmp_path, example_files):
    files = edit(example_files, "things.yml", "name: BadThing", "name: ThingNotFound")
    health = health_of(tmp_path, files)
    (finding,) = [f for f in health.findings if f.check == "name-status-mismatch"]
    assert finding.subject == "api:100" and finding.severity == "warning" and not finding.fails
    assert "404" in finding.notice and "400" in finding.notice
    renamed = edit(files, "things.yml", "status: 400", "status: 404")
    policy = "  404:\n    title: Not Found\n    retry: {retryable: \"no\", how: [fix-request]}\n"
    renamed = edit(renamed, "catalog.yml", "  503:", policy + "  503:")
    assert found(tmp_path / "ok", renamed, "name-status-mismatch") == []


def test_naming_convention(tmp_path, example_files):
    styled = edit(example_files, "catalog.yml", "primary: true", "primary: true, name_style: PascalCase")
    assert found(tmp_path / "ok", styled, "naming-convention") == []
    bad = edit(styled, "things.yml", "name: ThingDown", "name: THING_DOWN")
    assert found(tmp_path, bad, "naming-convention") == ["api:101:name"]


def test_retry_contradicts_status(tmp_path, example_files):
    retry = '    retry: {retryable: "yes", how: [backoff]}\n'
    files = edit(example_files, "things.yml", "    see_also: [101]\n", "    see_also: [101]\n" + retry)
    assert found(tmp_path, files, "retry-contradicts-status") == ["api:100"]
    explained = edit(files, "things.yml", retry, '    retry: {retryable: "yes", how: [backoff], note: Safe here.}\n')
    assert found(tmp_path / "ok", explained, "retry-contradicts-status") == []


def test_a_link_to_the_code_itself(tmp_path, example_files):
    files = edit(example_files, "things.yml", "    see_also: [101]\n", "    see_also: [100, 101]\n"
                 "    not_confused_with: [\"api:100\"]\n")
    assert sorted(found(tmp_path, files, "self-reference")) == ["api:100:not_confused_with", "api:100:see_also"]
    assert found(tmp_path / "ok", example_files, "self-reference") == []


def test_unknown_reference(tmp_path, example_files):
    files = edit(example_files, "things.yml", "see_also: [101]", "see_also: [102, 'sdk:Nope', 'sdk:ClientError']")
    assert found(tmp_path, files, "unknown-reference") == ["api:100:see_also:102", "api:100:see_also:sdk:Nope"]
    assert found(tmp_path / "ok", example_files, "unknown-reference") == []


def test_missing_guidance(tmp_path, example_files):
    assert "api:101" in found(tmp_path, example_files, "missing-guidance")
    assert "api:100" not in found(tmp_path / "ok", example_files, "missing-guidance")


def test_undeclared_placeholder(tmp_path, example_files):
    undeclared = edit(example_files, "things.yml", "    placeholders: {name: The name of the thing.}\n", "")
    assert found(tmp_path, undeclared, "undeclared-placeholder") == ["message:thing-name-is-bad"]
    unused = edit(example_files, "things.yml", "{name: The name of the thing.}", "{name: The name., size: Unused.}")
    health = health_of(tmp_path / "unused", unused)
    (finding,) = [f for f in health.findings if f.check == "undeclared-placeholder"]
    assert "declared but not in the message: size" in finding.message
    assert found(tmp_path / "ok", example_files, "undeclared-placeholder") == []


def test_message_ambiguous_and_listed_twice(tmp_path, example_files):
    extra = "  - code: 101\n    message: Thing foo is bad\n    cause: x\n"
    files = {**example_files, "things.yml": example_files["things.yml"] + extra}
    assert found(tmp_path, files, "message-ambiguous") == ["message:thing-foo-is-bad"]
    twice = "  - code: 101\n    message: \"Thing {name} is bad\"\n    placeholders: {name: x}\n    cause: x\n"
    files = {**example_files, "things.yml": example_files["things.yml"] + twice}
    assert found(tmp_path / "twice", files, "message-multiple-codes") == ["message:thing-name-is-bad"]
    assert found(tmp_path / "ok", example_files, "message-ambiguous") == []
    assert found(tmp_path / "ok2", example_files, "message-multiple-codes") == []


def test_data_readme_gives_the_subject_of_every_check():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    table = text.split("| Check | Subject |", 1)[1].split("\n\n", 1)[0]
    documented = {name for row in table.splitlines()[2:] for name in re.findall(r"`([a-z-]+)`", row.split("|")[1])}
    assert documented == set(CHECKS) - {"schema"}, set(CHECKS) ^ documented


@pytest.mark.parametrize("named", ["message-multiple-codes", "message-multiple-statuses"])
def test_an_acknowledgement_may_name_a_check_by_its_former_id(tmp_path, example_files, named):
    twice = "  - code: 101\n    message: \"Thing {name} is bad\"\n    placeholders: {name: x}\n    cause: x\n"
    files = {**example_files, "things.yml": example_files["things.yml"] + twice,
             "catalog.yml": example_files["catalog.yml"] + f"acknowledged:\n  - check: {named}\n"
                            "    subject: message:thing-name-is-bad\n    reason: Published so.\n"}
    health = health_of(tmp_path, files)
    (shared,) = [f for f in health.findings if f.check == "message-multiple-codes"]
    assert shared.acknowledged == "Published so." and not health.failing


def test_lifecycle_without_guidance(tmp_path, example_files):
    files = edit(example_files, "things.yml", "    description: The thing service is down.\n",
                 "    description: The thing service is down.\n    lifecycle: {deprecated: {}}\n")
    assert found(tmp_path, files, "lifecycle-without-guidance") == ["api:101"]
    noted = edit(files, "things.yml", "{deprecated: {}}", "{deprecated: {reason: Use 100.}}")
    assert found(tmp_path / "ok", noted, "lifecycle-without-guidance") == []


def test_url_collision_with_a_secondary_system(tmp_path, example_files):
    files = edit(example_files, "things.yml", "  - code: 101", "  - code: sdk")
    assert found(tmp_path, files, "url-collision") == ["api:sdk"]


def test_url_collision_by_case(tmp_path, example_files):
    files = {**example_files, "sdk.yml": example_files["sdk.yml"] + (
        "  - code: clienterror\n    description: x\n    retry: {retryable: \"no\", how: [update-client], note: x}\n")}
    assert found(tmp_path, files, "url-collision") == ["sdk:ClientError~sdk:clienterror"]
    assert found(tmp_path / "ok", example_files, "url-collision") == []


# --- acknowledgements -----------------------------------------------------------------------------


def acknowledge(files: dict[str, str], check: str, subject: str, reason: str = "Published this way.") -> dict[str, str]:
    block = f"acknowledged:\n  - check: {check}\n    subject: \"{subject}\"\n    reason: {reason}\n"
    return {**files, "catalog.yml": files["catalog.yml"] + block}


def test_acknowledged_error_stays_visible_but_no_longer_fails(tmp_path, example_files):
    files = add_thing(example_files, OUTSIDE)
    assert [f.check for f in health_of(tmp_path, files).failing] == ["code-outside-range"]
    health = health_of(tmp_path / "ack", acknowledge(files, "code-outside-range", "things:100-199"))
    (finding,) = [f for f in health.findings if f.check == "code-outside-range"]
    assert finding.acknowledged == "Published this way." and not finding.fails
    assert health.failing == ()


def test_acknowledgement_that_matches_nothing_is_reported(tmp_path, example_files):
    health = health_of(tmp_path, acknowledge(example_files, "code-outside-range", "things:100-199"))
    (stale,) = [f for f in health.findings if f.check == "stale-acknowledgement"]
    assert stale.fails and stale.file == "data/example/catalog.yml" and stale.line == 21
    assert "matches no finding" in stale.message


def test_unacknowledgeable_findings_cannot_be_acknowledged(tmp_path, example_files):
    files = edit(example_files, "things.yml", "see_also: [101]", "see_also: [102]")
    health = health_of(tmp_path, acknowledge(files, "unknown-reference", "api:100:see_also:102"))
    assert sorted(f.check for f in health.failing) == ["stale-acknowledgement", "unknown-reference"]
    assert "cannot be acknowledged" in next(f for f in health.findings if f.check == "stale-acknowledgement").message


def test_every_check_is_documented_and_every_finding_has_a_known_check():
    assert all(c.title and c.explanation and c.severity in {"error", "warning"} for c in CHECKS.values())
    shipped = lint(load_catalogs(ROOT / "data"))
    assert all(f.check in CHECKS for h in shipped.values() for f in h.findings)


# --- classes, aliases and catalogs without HTTP --------------------------------------------------------


def test_the_catalog_of_another_style_is_clean(tmp_path, classes_files):
    assert health_of(tmp_path, classes_files).findings == ()


def test_a_code_outside_its_class_and_classes_that_overlap(tmp_path, classes_files):
    stray = edit(classes_files, "class-22.yml", 'code: "2201X"', 'code: "2301X"')
    assert found(tmp_path, stray, "code-outside-range") == ["class-22:22"]
    other = edit(classes_files, "class-40.yml", 'code: "40P01"', 'code: "22P01"')
    assert found(tmp_path / "b", other, "codes-in-other-range") == ["class-40:22"]
    assert found(tmp_path / "b", other, "code-outside-range") == ["class-40:40"]
    overlapping = edit(classes_files, "catalog.yml", '{prefix: "0A", name: Feature Not Supported, group: class-0a}',
                       '{pattern: "0xxxx", name: Feature Not Supported, group: class-0a}')
    assert found(tmp_path / "c", overlapping, "range-overlap") == ["00~0xxxx:class-00~class-0a"]


def test_optional_guidance_is_declared_once_per_catalog_or_group(tmp_path, classes_files):
    required = edit(classes_files, "catalog.yml", "optional_guidance: [causes, fixes]\n", "")
    assert len(found(tmp_path, required, "missing-guidance")) == 7
    per_group = edit(required, "class-22.yml", 'title: "Class 22 — Data Exception"}',
                     'title: "Class 22 — Data Exception", optional_guidance: [causes, fixes]}')
    assert found(tmp_path / "b", per_group, "missing-guidance") == [
        "sqlstate:00000", "sqlstate:0A000", "sqlstate:40001", "sqlstate:40P01"]
    fixes_only = edit(classes_files, "catalog.yml", "optional_guidance: [causes, fixes]", "optional_guidance: [fixes]")
    assert "sqlstate:2202E" in found(tmp_path / "c", fixes_only, "missing-guidance")


def test_an_alias_that_repeats_or_takes_another_code(tmp_path, classes_files):
    repeat = edit(classes_files, "class-22.yml", "aliases: [ERRCODE_DIVISION_BY_ZERO]",
                  "aliases: [ERRCODE_DIVISION_BY_ZERO, division_by_zero]")
    assert found(tmp_path, repeat, "alias-conflict") == ["sqlstate:22012:alias:division_by_zero"]
    other = edit(classes_files, "class-22.yml", "aliases: [ERRCODE_DIVISION_BY_ZERO]",
                 'aliases: [ERRCODE_DIVISION_BY_ZERO, {code: "2202E"}]')
    assert found(tmp_path / "b", other, "alias-conflict") == ["sqlstate:22012:alias:2202E"]
    fine = edit(classes_files, "class-22.yml", "aliases: [ERRCODE_DIVISION_BY_ZERO]",
                'aliases: [ERRCODE_DIVISION_BY_ZERO, {code: "22X12", note: older code}]')
    assert found(tmp_path / "c", fine, "alias-conflict") == []


def test_a_name_used_twice_where_names_identify_errors(tmp_path, classes_files):
    twice = edit(classes_files, "class-40.yml", "name: deadlock_detected", "name: serialization_failure")
    (finding,) = [f for f in health_of(tmp_path, twice).findings if f.check == "name-reused"]
    assert finding.subject == "sqlstate:serialization_failure" and finding.severity == "warning"
    assert [r.code for r in finding.refs] == ["40001", "40P01"]
    by_alias = edit(classes_files, "class-40.yml", "aliases: [ERRCODE_T_R_DEADLOCK_DETECTED]",
                    "aliases: [ERRCODE_T_R_SERIALIZATION_FAILURE]")
    assert found(tmp_path / "b", by_alias, "name-reused") == ["sqlstate:ERRCODE_T_R_SERIALIZATION_FAILURE"]
    not_identifiers = edit(twice, "catalog.yml", "    unique_names: true\n", "")
    assert found(tmp_path / "c", not_identifiers, "name-reused") == []


def test_an_example_that_needs_a_status_the_entries_lack_is_reported(tmp_path, example_files):
    files = edit(example_files, "catalog.yml", "kind: sdk-class, example: false}", "kind: sdk-class}")
    (finding,) = [f for f in health_of(tmp_path, files).findings if f.check == "example-needs-status"]
    assert finding.subject == "sdk:example" and [r.code for r in finding.refs] == ["ClientError"]
    no_status = edit(files, "catalog.yml", "example: {error: {code: $code, message: $message, status: $status}}",
                     "example: {error: {code: $code, message: $message}}")
    assert found(tmp_path / "b", no_status, "example-needs-status") == []


# --- the shipped catalogs ----------------------------------------------------------------------------


def test_no_catalog_under_data_fails_the_lint(catalogs):
    health = lint(catalogs)
    assert [f for h in health.values() for f in h.failing] == []


@needs_catalog("composio")
def test_composio_flags_every_published_inconsistency(catalogs):
    composio = lint_catalog(next(c for c in catalogs if c.id == "composio"))
    flagged = {ref.code for f in composio.findings for ref in f.refs}
    for code in ["10503", "1800", "1804", "300", "304", "400", "402", "500", "503", "1141", "1146", "3850", "3851",
                 "10424", "10502", "103", "1001", "1602", "1142"]:
        assert code in flagged, code
    assert {f.check for f in composio.findings} >= {
        "duplicate-code", "code-outside-range", "codes-in-other-range", "range-overlap", "group-not-declared",
        "status-code-mismatch", "name-status-mismatch", "naming-convention"}
    assert all(f.acknowledged for f in composio.findings)


# --- command line ---------------------------------------------------------------------------------------


def test_cli_prints_findings_and_exits_non_zero_on_errors(tmp_path, example_files):
    files = add_thing(example_files, OUTSIDE)
    lines: list[str] = []
    assert run(write_catalog(tmp_path, files), out=lines.append) == 1
    assert lines[0].startswith("data/example/things.yml:17: error: [code-outside-range] Things Errors gives")
    assert lines[0].endswith("(subject: things:100-199)")
    assert lines[-1] == "1 error, 2 warnings, 0 acknowledged."


def test_cli_exits_zero_on_warnings_and_hides_acknowledged_unless_asked(tmp_path, example_files):
    files = acknowledge(example_files, "missing-guidance", "api:101", "Nothing more is known.")
    data = write_catalog(tmp_path, files)
    lines: list[str] = []
    assert run(data, out=lines.append) == 0
    assert lines == ["data/example/sdk.yml:6: warning: [missing-guidance] ClientError has no causes and no fixes. "
                     "Write what a support engineer would tell the developer who got it. (subject: sdk:ClientError)",
                     "0 errors, 1 warning, 1 acknowledged."]
    everything: list[str] = []
    run(data, show_acknowledged=True, out=everything.append)
    assert any("(acknowledged: Nothing more is known.)" in line for line in everything)


def test_cli_json_format(tmp_path, example_files):
    files = edit(example_files, "things.yml", "see_also: [101]", "see_also: [102]")
    printed: list[str] = []
    assert run(write_catalog(tmp_path, files), "json", out=printed.append) == 1
    report = json.loads(printed[0])
    assert report["errors"] == 1 and report["warnings"] == 2
    broken = next(f for f in report["findings"] if f["check"] == "unknown-reference")
    assert broken == {"catalog": "example", "check": "unknown-reference", "severity": "error",
                      "subject": "api:100:see_also:102", "file": "data/example/things.yml", "line": 6,
                      "message": broken["message"], "notice": "", "refs": ["api:100"], "groups": ["things"],
                      "acknowledged": None}


def test_cli_reports_schema_problems_in_the_same_format(tmp_path, example_files):
    files = edit(example_files, "things.yml", "status: 400", "status: four")
    lines: list[str] = []
    assert run(write_catalog(tmp_path, files), out=lines.append) == 1
    assert lines[0].startswith("data/example/things.yml:8: error: [schema] entries[0].status: 'four' is not of type")


def test_cli_as_a_module_and_as_the_pre_commit_hook(tmp_path, example_files):
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "catalog-lint"]
    assert hook["pass_filenames"] is False and "data/" in hook["files"]
    command = [sys.executable if part.endswith("python") else part for part in shlex.split(hook["entry"])]
    good = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert good.returncode == 0 and good.stdout.strip().endswith("acknowledged."), good.stdout + good.stderr
    data = write_catalog(tmp_path / "project", add_thing(example_files, OUTSIDE))
    bad = subprocess.run([*command[:-1], str(data)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "[code-outside-range]" in bad.stdout and "Traceback" not in bad.stderr


# --- the build ---------------------------------------------------------------------------------------------


def test_build_fails_on_an_unacknowledged_lint_error_and_writes_nothing(tmp_path, example_files):
    project = minimal_project(tmp_path)
    write_catalog(project, add_thing(example_files, OUTSIDE))
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "Catalog lint failed with 1 error, nothing was built" in output
    assert "data/example/things.yml:17: error: [code-outside-range]" in output
    assert not (tmp_path / "site").exists()


def test_every_finding_is_on_its_health_page_and_its_code_pages(built_site, catalogs):
    site, _ = built_site
    for catalog in catalogs:
        result = lint_catalog(catalog)
        page = (site / outputs.HEALTH.at(catalog.id).removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        if not result.findings:
            assert "No findings" in page
        for finding in result.findings:
            assert f'id="{finding.check}"' in page
            for ref in finding.refs:
                html = (site / urls.code_url(catalog, ref).strip("/") / "index.html").read_text(encoding="utf-8")
                if finding.check == "duplicate-code":
                    assert "The catalog lists code" in html
                elif finding.notice:
                    assert 'href="../health/#' + finding.check + '"' in html or \
                        'href="../../health/#' + finding.check + '"' in html, (ref, finding.check)


@needs_catalog("composio")
def test_composio_health_page_links_findings_to_codes_and_rows(built_site):
    site, _ = built_site
    page = (site / "composio" / "health" / "index.html").read_text(encoding="utf-8")
    for check in ("duplicate-code", "code-outside-range", "group-not-declared", "status-code-mismatch"):
        assert f'id="{check}"' in page
    assert 'href="../300/"' in page and 'href="../ranges/auth-config/#300"' in page
    assert "Acknowledged: Published with this code and this status; kept as published." in page


def test_a_catalog_of_many_groups_is_told_what_they_cost(tmp_path, example_files):
    limit = ranges.MANY_GROUPS
    groups = {f"g{i}.yml": f"group: {{id: g{i}, title: G{i}, system: sdk}}\nentries:\n"
                           f"  - {{code: E{i}, description: x, retry: {{retryable: 'no', how: [fix-request]}}}}\n"
              for i in range(limit - 2)}  # with the example's two groups, exactly the limit
    assert found(tmp_path / "at", {**example_files, **groups}, "many-groups") == []
    groups["last.yml"] = groups["g0.yml"].replace("g0", "last").replace("E0", "E-last")
    (finding,) = [f for f in health_of(tmp_path / "past", {**example_files, **groups}).findings
                  if f.check == "many-groups"]
    assert finding.severity == "warning" and finding.file.endswith("example/catalog.yml") and finding.line == 1
    assert f"the catalog has {limit + 1} groups (more than {limit})" in finding.message
