"""The lookup index built from the catalogs, and the browser-side matching logic run by node's test runner."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

from conftest import ROOT

from macros import render
from macros.lookup import envelope_paths, lookup_index


def test_envelope_paths_find_the_placeholders():
    example = {"error": {"message": "$message", "code": "$code", "status": "$status", "id": "req_1"}}
    assert envelope_paths(example) == {
        "message": ["error", "message"], "code": ["error", "code"], "status": ["error", "status"]}
    assert envelope_paths({"error": "$message"}) == {"message": ["error"]}
    assert envelope_paths({"errors": [{"code": "$code"}]}) == {"code": ["errors", 0, "code"]}


def test_index_rows_hold_every_entry_and_message(catalogs):
    index = lookup_index(catalogs, {"composio": "composio/retries/"})
    assert index["version"] == 1
    assert [c["id"] for c in index["catalogs"]] == ["composio", "agents-api", "codespar"]
    assert len(index["entries"]) == sum(len(list(c.entries)) for c in catalogs)
    assert len(index["messages"]) == sum(len(list(c.messages)) for c in catalogs)
    composio = index["catalogs"][0]
    assert composio["retryPage"] == "composio/retries/" and index["catalogs"][1]["retryPage"] is None
    assert composio["envelope"]["code"] == ["error", "code"]
    assert [100, 199, "Prisma/Database", 0] == composio["ranges"][0]
    gone = next(row for row in index["entries"] if row[2] == "1806")
    assert gone == [0, 0, "1806", "ConnectedAccountGone", 410, "n", "Connected account no longer available",
                    next(i for i, g in enumerate(composio["groups"]) if g[0] == "actionexecute")]
    twice = [row for row in index["entries"] if row[0] == 0 and row[2] == "10503"]
    assert [row[8] for row in twice] == ["10503-serviceunavailable", "10503-badstate"]
    quota = next(row for row in index["entries"] if row[2] == "quota_exceeded")
    assert quota[8:] == ["", "historical"]
    message = next(row for row in index["messages"] if row[1] == "Agent not found")
    owner = index["entries"][message[0]]
    assert (owner[2], owner[4], message[2]) == ("404", 404, "agent-not-found")


def test_index_text_is_plain(catalogs):
    index = lookup_index(catalogs)
    slug = next(row for row in index["entries"] if row[2] == "slug_reserved")
    assert "`" not in slug[6] and "default" in slug[6]
    assert all("`" not in status[3] for c in index["catalogs"] for status in c["statuses"])


def test_built_site_serves_the_index_and_links_statuses_to_their_row(built_site, catalogs):
    site, _ = built_site
    index = json.loads((site / "lookup-index.json").read_text(encoding="utf-8"))
    retry_pages = {c.id: f"{c.id}/retries/" for c in catalogs}
    assert index == lookup_index(catalogs, retry_pages)
    for record in index["catalogs"]:
        page = (site / record["retryPage"] / "index.html").read_text(encoding="utf-8")
        for status in record["statuses"]:
            assert f'id="status-{status[0]}"' in page


def test_matching_logic_under_node(tmp_path, catalogs):
    index_file = tmp_path / "lookup-index.json"
    index_file.write_text(json.dumps(lookup_index(catalogs, {c.id: f"{c.id}/retries/" for c in catalogs})))
    contract_file = tmp_path / "catalog.json"
    contract_file.write_text(json.dumps(render.catalog_index(catalogs, "/")))
    env = {**os.environ, "LOOKUP_INDEX": str(index_file), "CATALOG_JSON": str(contract_file)}
    node = shutil.which("node") or "/usr/bin/node"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                            env=env, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.MULTILINE)
    assert passed and int(passed.group(1)) >= 30 and "# fail 0" in result.stdout, result.stdout
