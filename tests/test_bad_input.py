"""Bad input never breaks the build in an unclear way, and hostile text never becomes markup.

tests/fixtures/broken/<case>/ holds one broken catalog folder per case (installed as
data/example/) and expected.txt, the substrings (one per line) the error output must contain.
The loader reports most cases; the rest are lint findings that fail the build.
"""

from __future__ import annotations

import html.parser
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from conftest import CATALOG_YML, ROOT, copy_project, minimal_project, run_build, tsc, write_catalog
from openapi_spec_validator import validate as validate_openapi

from macros.catalog.loader import load_catalogs
from macros.catalog.model import CodeRef
from macros.catalog.problems import MAX_SHOWN, CatalogError, Problem
from macros.catalog.schema import MAX_UNKNOWN_KEYS
from macros.lint import failing, lint
from macros.site import html_pages

BROKEN = Path(__file__).parent / "fixtures" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
REQUIRED_CASES = {
    "yaml-syntax-error", "tab-indentation", "wrong-type", "unknown-key", "missing-required-field",
    "empty-file", "only-a-comment", "non-utf8", "code-dot-dot-slash", "code-with-slash", "code-dot-dot",
    "range-start-after-end", "alias-bomb", "duplicate-key", "top-level-list", "no-catalog-yml",
    "huge-integer", "float-for-integer",
}
BUILD_CASES = ["tab-indentation", "alias-bomb", "huge-integer", "duplicate-code"]
PROBLEM = re.compile(r"^\S+\.ya?ml:\d+: ")
TRACEBACK = re.compile(r"Traceback|File \"[^\"]+\", line \d+")


def install(root: Path, case: str) -> Path:
    """Copy a broken case to root/data/example; return the data folder."""
    shutil.copytree(BROKEN / case, root / "data" / "example", ignore=shutil.ignore_patterns("expected.txt"))
    return root / "data"


def expected(case: str) -> list[str]:
    lines = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def report(data: Path) -> str:
    """What the loader says about the catalogs, or else the lint's build-failing findings."""
    try:
        catalogs = load_catalogs(data)
    except CatalogError as exc:
        assert exc.problems
        assert all(PROBLEM.match(str(p)) for p in exc.problems), exc
        return str(exc)
    findings = failing(lint(catalogs))
    assert findings, "the case loads and lints clean"
    assert all(PROBLEM.match(str(f)) for f in findings)
    return "\n".join(str(f) for f in findings)


def test_every_required_case_is_there():
    assert REQUIRED_CASES <= set(CASES)
    for case in CASES:
        wanted = expected(case)
        assert wanted, case
        assert all(PROBLEM.match(line) for line in wanted), case


@pytest.mark.parametrize("case", CASES)
def test_broken_case_gets_a_clear_message(tmp_path, case):
    output = report(install(tmp_path, case))
    for wanted in expected(case):
        assert wanted in output, output
    assert not TRACEBACK.search(output)
    assert len(output) < 5000, "the message repeats the broken input instead of pointing at it"


@pytest.mark.parametrize("case", BUILD_CASES)
def test_broken_case_fails_the_build_cleanly(tmp_path, case):
    project = minimal_project(tmp_path)
    install(project, case)
    site = tmp_path / "site"
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "nothing was built" in output, output
    for wanted in expected(case):
        assert wanted in output, output
    assert "Traceback" not in output
    assert not site.exists()


# --- size and depth --------------------------------------------------------------------------


def big_things(count: int) -> str:
    lines = ["group:", "  id: things", "  title: Things Errors", f"  span: {{start: 100000, end: {99999 + count}}}",
             "entries:"]
    for code in range(100000, 100000 + count):
        lines += [f"  - code: {code}", f"    name: Thing{code}", "    status: 400",
                  f"    description: Thing {code} is bad."]
    return "\n".join(lines) + "\n"


def test_a_legitimately_large_group_file_loads(tmp_path, example_files):
    # 25,000 entries are 225,000 YAML values, more than the old limit on all values (200,000):
    # the file is big, not hostile, so it loads. Only values repeated through aliases are limited.
    count = 25_000
    example_files["catalog.yml"] = CATALOG_YML.replace(
        "{start: 100, end: 199, name: Things, group: things}", f"{{start: 100000, end: {99999 + count}, "
                                                              "name: Things, group: things}")
    example_files["things.yml"] = big_things(count)
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    assert len(catalog.group("things").entries) == count
    last = catalog.entries_for(CodeRef("api", str(99999 + count)))[0]
    assert last.location.line == 5 + 4 * (count - 1) + 1
    assert failing(lint([catalog])) == []


def test_aliases_that_a_large_file_uses_on_purpose_load(tmp_path, example_files):
    # 1,999 entries repeat one 60-step fix list through an alias: 122,000 repeated values, more
    # than the fixed allowance of 100,000. The allowance grows with the file's size, so this
    # loads; only a small file that expands into a huge one (an alias bomb) is refused.
    fixes = "".join(f"      - Step {i} of the shared fix.\n" for i in range(60))
    entries = "".join(f"  - {{code: {code}, name: Thing{code}, status: 400, description: Thing {code} is bad, "
                      f"causes: [A bad thing was sent.], fixes: *fixes}}\n" for code in range(100001, 102000))
    example_files["catalog.yml"] = CATALOG_YML.replace("{start: 100, end: 199,", "{start: 100000, end: 101999,")
    example_files["things.yml"] = (
        "group: {id: things, title: Things Errors, span: {start: 100000, end: 101999}}\n"
        "entries:\n  - code: 100000\n    status: 400\n    description: Thing 100000 is bad.\n"
        f"    causes: [A bad thing was sent.]\n    fixes: &fixes\n{fixes}{entries}")
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    entries = catalog.group("things").entries
    assert len(entries) == 2000 and all(len(e.fixes) == 60 for e in entries)


def test_nesting_deeper_than_the_c_parser_can_take_is_refused_without_a_crash(tmp_path, example_files):
    # libyaml's composer recurses in C: 200,000 levels overflow its stack and kill the process,
    # so the reader refuses deep nesting before composing. Run in a child process so that a
    # regression fails this test instead of the whole run.
    depth = 200_000
    example_files["things.yml"] = "group: " + "[" * depth + "]" * depth + "\n"
    data = write_catalog(tmp_path, example_files)
    code = textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from macros.catalog.loader import load_catalogs
        from macros.catalog.problems import CatalogError
        try:
            load_catalogs({str(data)!r})
        except CatalogError as exc:
            print(exc)
        """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "data/example/things.yml:1: nested more than 100 levels deep" in result.stdout


def test_a_code_too_long_for_a_file_name_is_refused(tmp_path, example_files):
    example_files["sdk.yml"] = example_files["sdk.yml"].replace("code: ClientError", "code: " + "E" * 300)
    with pytest.raises(CatalogError) as info:
        load_catalogs(write_catalog(tmp_path, example_files))
    assert "data/example/sdk.yml:6: entries[0].code: " in str(info.value)


def test_a_float_where_an_integer_belongs_is_refused(tmp_path, example_files):
    example_files["things.yml"] = example_files["things.yml"].replace("status: 400", "status: 400.0")
    with pytest.raises(CatalogError) as info:
        load_catalogs(write_catalog(tmp_path, example_files))
    assert "data/example/things.yml:8: entries[0].status: " in str(info.value)


def test_unquoted_dates_and_times_stay_the_text_they_are_written_as(tmp_path, example_files):
    # YAML 1.1 reads 2020-01-01 as a date; the catalog has no dates, and a date in the envelope
    # example would reach json.dumps on every code page. It stays text.
    example_files["catalog.yml"] = example_files["catalog.yml"].replace(
        "example: {error: {code: $code", "example: {at: 2020-01-01 10:00:00, error: {code: $code")
    example_files["things.yml"] = example_files["things.yml"].replace("name: BadThing", "name: 2020-01-01")
    (catalog,) = load_catalogs(write_catalog(tmp_path, example_files))
    assert catalog.envelope.example["at"] == "2020-01-01 10:00:00"
    assert catalog.entries_for(CodeRef("api", "100"))[0].name == "2020-01-01"
    page = html_pages.code_page(catalog, CodeRef("api", "100"))
    assert "&#34;at&#34;: &#34;2020-01-01 10:00:00&#34;" in page.html(False)


# --- hostile text ------------------------------------------------------------------------------


PAYLOAD = ("<script>alert(1)</script> <img src=x onerror=alert(1)> calc={{ 7*7 }} {% raw %} "
           "[link](javascript:alert(1)) ` a|b | <a href=\"javascript:alert(1)\">x</a> "
           "{: onclick=\"alert(1)\" } &lt;b&gt; <!-- ]]> ![i](javascript:alert(1)) "
           "\"><svg onload=alert(1)> </textarea>\n\n# injected heading\n\n| x | y |\n|---|---|\n!!! note\n")

# Names are at most 200 characters: the same attacks, shorter.
NAME_PAYLOAD = ("<script>alert(1)</script> calc={{ 7*7 }} [link](javascript:alert(1)) ` a|b "
                "\"><svg onload=alert(1)>\n\n# injected heading\n\n| x | y |\n")
NAME_FIELDS = {"things.entries[0].name", "things.entries[0].aliases[1].name", "things.entries[1].name",
               "sdk.entries[0].name"}


def payload_of(field: str) -> str:
    """The payload a field of the hostile catalog carries."""
    return NAME_PAYLOAD if field in NAME_FIELDS else PAYLOAD

# Fields no page shows (the lint reads placeholder descriptions; system descriptions are unused).
NOT_SHOWN = {"systems[0].description", "systems[1].description", "things.messages[0].placeholders.name"}
# Fields shown only inside the example response, as JSON strings.
SHOWN_AS_JSON = {"envelope.example.error.hint", "things.entries[0].example_message"}
# Fields shown only on the group pages, after the nav (see test_hostile_group_titles_stay_text_in_the_nav).
SHOWN_AFTER_THE_NAV_ONLY = {"things.group.description", "sdk.group.description"}


def hostile_catalog() -> tuple[dict[str, str], dict[str, str]]:
    """A valid catalog with PAYLOAD, tagged, in every free-text field: the files, and each field's tag."""
    tags: dict[str, str] = {}

    def h(field: str, extra: str = "") -> str:
        tags[field] = f"T{len(tags) + 1:02d}"
        return f"{tags[field]}: {payload_of(field)}{extra}"

    catalog = {
        "title": h("title"), "summary": h("summary"),
        "source": {"title": h("source.title"), "url": "javascript:alert(1)"},
        "systems": [
            {"id": "api", "title": h("systems[0].title"), "kind": "numeric", "primary": True,
             "description": h("systems[0].description"), "alias_label": "<svg onload=alert(1)>"},
            {"id": "sdk", "title": h("systems[1].title"), "kind": "sdk-class",
             "example": {"format": "text", "template": h("systems[1].example.template", " $code $message"),
                         "description": h("systems[1].example.description")},
             "description": h("systems[1].description")}],
        "range_term": {"singular": "<b onclick=alert(1)>c</b>", "plural": "<img src=x onerror=alert(1)>"},
        "ranges": [{"start": 100, "end": 199, "name": h("ranges[0].name"), "group": "things"}],
        "envelope": {
            "description": h("envelope.description"),
            "example": {"error": {"code": "$code", "message": "$message", "hint": h("envelope.example.error.hint")}},
            "fields": [{"name": h("envelope.fields[0].name"), "type": h("envelope.fields[0].type"),
                        "description": h("envelope.fields[0].description")}]},
        "statuses": {
            400: {"title": h("statuses.400.title"),
                  "retry": {"retryable": "no", "how": ["fix-request"], "note": h("statuses.400.retry.note")}},
            503: {"title": h("statuses.503.title"), "retry": {"retryable": "yes", "how": ["backoff"]}}},
        "acknowledged": [{"check": "missing-guidance", "subject": "api:101", "reason": h("acknowledged[0].reason")}],
        "releases": [{"version": "1.0", "date": "2026-01-01", "summary": h("releases[0].summary")}],
    }
    e = "things.entries[0]."
    things = {
        "group": {"id": "things", "title": h("things.group.title"), "span": {"start": 100, "end": 199},
                  "description": h("things.group.description")},
        "entries": [
            {"code": 100, "name": h(e + "name"), "status": 400, "description": h(e + "description"),
             "aliases": [h(e + "aliases[0]"), {"name": h(e + "aliases[1].name"), "note": h(e + "aliases[1].note")},
                         {"code": "OLD100", "note": h(e + "aliases[2].note")}],
             "scope": h(e + "scope"), "causes": [h(e + "causes[0]"), h(e + "causes[1]")],
             "fixes": [h(e + "fixes[0]"), h(e + "fixes[1]")],
             "retry": {"retryable": "conditional", "how": ["check-before-retry"], "note": h(e + "retry.note")},
             "headers": [{"name": h(e + "headers[0].name"), "description": h(e + "headers[0].description")}],
             "fields": [{"name": h(e + "fields[0].name"), "description": h(e + "fields[0].description")}],
             "see_also": [101], "not_confused_with": ["sdk:ClientError"],
             "lifecycle": {"deprecated": {"version": "1.0", "use_instead": 101,
                                          "reason": h(e + "lifecycle.deprecated.reason")},
                           "changed": [{"version": "1.0", "note": h(e + "lifecycle.changed[0].note")}]},
             "example_message": h(e + "example_message")},
            {"code": 101, "name": h("things.entries[1].name"), "status": 503,
             "description": h("things.entries[1].description")},
        ],
        "messages": [{"code": 100, "message": h("things.messages[0].message", " {name}"),
                      "cause": h("things.messages[0].cause"), "fixes": [h("things.messages[0].fixes[0]")],
                      "placeholders": {"name": h("things.messages[0].placeholders.name")},
                      "removed": {"version": "1.0", "note": h("things.messages[0].removed.note")},
                      "translations": {"de": h("things.messages[0].translations.de", " {name}")}}],
    }
    e = "sdk.entries[0]."
    sdk = {
        "group": {"id": "sdk", "title": h("sdk.group.title"), "system": "sdk",
                  "description": h("sdk.group.description")},
        "entries": [{"code": "ClientError", "name": h(e + "name"), "description": h(e + "description"),
                     "causes": [h(e + "causes[0]")], "fixes": [h(e + "fixes[0]")],
                     "retry": {"retryable": "no", "how": ["update-client"], "note": h(e + "retry.note")}}],
    }
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)  # noqa: E731
    return {"catalog.yml": dump(catalog), "things.yml": dump(things), "sdk.yml": dump(sdk)}, tags


def shown(pages: dict[str, _Page], tags: dict[str, str], fields: Iterable[str]) -> list[str]:
    """The fields whose tagged payload some page shows verbatim (as JSON, for the example response)."""
    everything = "\n".join(" ".join("".join(page.text).split()) for page in pages.values())
    out = []
    for field in fields:
        text = f"{tags[field]}: {payload_of(field)}"
        text = json.dumps(text, ensure_ascii=False) if field in SHOWN_AS_JSON else text
        if " ".join(text.split()) in everything:
            out.append(field)
    return out


class _Page(html.parser.HTMLParser):
    """The visible text of a page and everything in it that would run script (in the nav or elsewhere)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.live: list[str] = []
        self.live_in_nav: list[str] = []
        self.in_script = False
        self.nav_depth = 0
        self.heading: list[str] | None = None
        self.headings: list[str] = []

    def found(self, what: str) -> None:
        (self.live_in_nav if self.nav_depth else self.live).append(what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        self.nav_depth += tag == "nav"
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = []
        for name, value in attrs:
            if name.startswith("on"):
                self.found(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value and \
                    re.sub(r"\s", "", value).lower().startswith("javascript:"):
                self.found(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        self.nav_depth -= tag == "nav" and self.nav_depth > 0
        if re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.in_script:
            if "alert(" in data:
                self.found(f"<script>{data[:80]}")
        else:
            self.text.append(data)
            if self.heading is not None:
                self.heading.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The hostile catalog built strictly with every catalog macro on a page: (site, build log, pages, tags)."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp_path)
    shutil.rmtree(project / "docs")
    docs = project / "docs"
    (docs / "example").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n{{ catalog_list() }}\n\n{{ latest_releases() }}\n")
    (docs / "example" / "index.md").write_text("# Example\n\n{{ catalog_overview('example') }}\n")
    (docs / "example" / "format.md").write_text(
        "# Format\n\n{{ envelope('example') }}\n\n## Retries\n\n{{ retry_policy('example') }}\n\n"
        "## 400\n\n{{ codes_with_status('example', 400) }}\n\n## SDK\n\n{{ system_table('example', 'sdk') }}\n")
    config = (project / "mkdocs.yml").read_text().split("\nnav:\n")[0]
    (project / "mkdocs.yml").write_text(
        config + "\nnav:\n  - index.md\n  - Example:\n      - example/index.md\n      - example/format.md\n")
    files, tags = hostile_catalog()
    write_catalog(project, files)
    site = tmp_path / "site"
    result = run_build(project, site)
    pages = {}
    if result.returncode == 0:
        for page in sorted(site.rglob("*.html")):
            parser = _Page()
            parser.feed(page.read_text(encoding="utf-8"))
            pages[page.relative_to(site).as_posix()] = parser
    return site, result.stdout + result.stderr, pages, tags


def test_hostile_text_stays_text_through_a_strict_build(hostile_site):
    _, log, pages, tags = hostile_site
    assert "Documentation built" in log, log
    assert "WARNING -" not in log
    assert len(pages) > 6
    for name, page in pages.items():
        assert page.live == [], name
        assert "calc=49" not in "".join(page.text), name
        assert not [h for h in page.headings if h.startswith("injected heading")], name
    fields = set(tags) - NOT_SHOWN - SHOWN_AFTER_THE_NAV_ONLY
    assert sorted(fields - set(shown(pages, tags, fields))) == [], "not shown verbatim on any page"


def test_hostile_text_stays_text_in_the_feed_and_the_changes_data(hostile_site):
    site, _, _, tags = hostile_site
    feed = ET.parse(site / "example" / "changes.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = feed.findall(f"{atom}entry")
    assert [child.tag.removeprefix(atom) for child in entry] == ["id", "title", "updated", "link", "summary",
                                                                 "content"]
    assert entry.findtext(f"{atom}summary") == f"{tags['releases[0].summary']}: {PAYLOAD}"
    assert f"{tags['things.entries[0].lifecycle.changed[0].note']}: {PAYLOAD}" in entry.findtext(f"{atom}content")
    data = json.loads((site / "example" / "changes.json").read_text(encoding="utf-8"))
    assert data["releases"][0]["summary"] == f"{tags['releases[0].summary']}: {PAYLOAD}"
    assert data["releases"][0]["messages_removed"][0]["note"] == f"{tags['things.messages[0].removed.note']}: {PAYLOAD}"


def test_hostile_text_stays_text_in_the_twins_and_the_llms_files(hostile_site):
    site, _, _, tags = hostile_site
    texts = [site / "llms.txt", site / "example" / "llms-full.txt", *site.glob("example/**/index.md")]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        prose = re.sub(r"(?<![\\`])(`+)(?!`).*?(?<!`)\1(?!`)", "", text, flags=re.S)  # code is literal
        assert not re.search(r"(?<!\\)<(?!https?://)", prose), f"{path}: an unescaped < that is not an autolink"
        assert "](javascript:" not in prose, path
        assert not re.search(r"^#+ injected heading", prose, re.M), path
    record = json.loads((site / "example" / "100" / "index.json").read_text(encoding="utf-8"))
    assert record["entries"][0]["description"] == f"{tags['things.entries[0].description']}: {PAYLOAD}"
    assert record["messages"][0]["translations"] == {
        "de": f"{tags['things.messages[0].translations.de']}: {PAYLOAD} {{name}}"}


def test_hostile_text_stays_data_in_openapi_and_the_constants_for_clients(hostile_site, tmp_path):
    site, _, _, tags = hostile_site
    document = json.loads((site / "example" / "openapi.json").read_text(encoding="utf-8"))
    validate_openapi(document)
    assert document["info"]["summary"] == f"{tags['summary']}: {PAYLOAD}"
    assert document["components"]["schemas"]["Error"]["description"] == f"{tags['envelope.description']}: {PAYLOAD}"
    spec = importlib.util.spec_from_file_location("errors_hostile_site", site / "example" / "downloads" / "errors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert [e.code for e in module.ERRORS] == [100, 101, "ClientError"]
    assert module.from_response({"error": {"code": 100}}) is module.ERRORS[0]
    source = (site / "example" / "downloads" / "errors.py").read_text(encoding="utf-8")
    assert "alert(1)</script>" not in source and "\ninjected" not in source
    shutil.copy(site / "example" / "downloads" / "errors.ts", tmp_path / "errors.ts")
    checked = tsc("--noEmit", "--strict", "errors.ts", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "</script>" not in (tmp_path / "errors.ts").read_text(encoding="utf-8")


def test_hostile_group_titles_stay_text_in_the_nav(hostile_site):
    _, _, pages, tags = hostile_site
    assert pages
    assert {name: page.live_in_nav for name, page in pages.items() if page.live_in_nav} == {}
    assert set(shown(pages, tags, SHOWN_AFTER_THE_NAV_ONLY)) == SHOWN_AFTER_THE_NAV_ONLY


def test_a_file_wrong_throughout_is_refused_in_a_page_not_a_flood(tmp_path, example_files):
    unknown = "".join(f"    key{n}: x\n" for n in range(5_000))
    example_files["things.yml"] = example_files["things.yml"].replace(
        "    description: The thing is bad.\n", "    description: The thing is bad.\n" + unknown, 1)
    with pytest.raises(CatalogError) as refused:
        load_catalogs(write_catalog(tmp_path, example_files))
    said = str(refused.value).splitlines()
    assert len(said) <= 1 + MAX_SHOWN + 1, len(said)
    assert sum("unknown key 'key" in line for line in said) == MAX_UNKNOWN_KEYS
    assert any(line.endswith("... and 4,980 more unknown keys") for line in said), said[-3:]


def test_a_refusal_lists_at_most_a_page_of_problems() -> None:
    problems = [Problem("data/x/g.yml", n, "code", "wrong") for n in range(1, 1_001)]
    said = str(CatalogError(problems)).splitlines()
    assert said[0] == "1,000 problems in the error catalogs:"
    assert len(said) == 1 + MAX_SHOWN + 1 and said[-1] == f"  ... and {1_000 - MAX_SHOWN:,} more; fix these first"
