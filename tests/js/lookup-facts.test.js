// The lookup and the facts a catalog declares (node --test): a code-kind fact is found as a code, shown as a
// badge, and weighs in when a paste carries it. tests/test_lookup.py builds FACTS_INDEX from its facts and mysql
// fixtures (catalogs rc and my).
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, it } = require("node:test");

const core = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-core.js"));

const index = core.createIndex(JSON.parse(fs.readFileSync(process.env.FACTS_INDEX, "utf8")));

function lookup(query) {
  return core.lookup(index, query, { limit: 100 });
}

describe("facts", () => {
  it("lists the errors that share a SQLSTATE, and no unassigned reading of it", () => {
    const { items } = lookup("23000");
    assert.deepEqual(items.map((item) => [item.catalogId, item.code]), [["my", "1048"], ["my", "1062"]]);
    assert.ok(items.every((item) => item.match === "SQLSTATE 23000"));
    assert.deepEqual(items[0].facts, [["SQLSTATE", "23000"]], "the fact travels with the item, for its badge");
  });

  it("puts a code first and the extended codes that name it as their primary code after it", () => {
    const { items } = lookup("5");
    const ours = items.filter((item) => item.catalogId === "rc");
    assert.deepEqual(ours.map((item) => [item.code, item.match]),
      [["5", "exact code"], ["261", "Primary code 5"], ["517", "Primary code 5"]]);
    assert.deepEqual(ours[2].facts, [["Primary code", "5"]]);
  });

  it("reads the SQLSTATE a client prints beside the code as evidence", () => {
    const result = lookup("ERROR 1062 (23000): Duplicate entry '5' for key 'users.PRIMARY'");
    assert.equal(result.items[0].url, "my/1062/#duplicate-entry-value-for-key-key");
    assert.match(result.items[0].match, /SQLSTATE in the text$/);
  });

  it("finds nothing by a fact that is not searched", () => {
    assert.ok(!lookup("extended").items.some((item) => item.match && item.match.startsWith("Type")));
  });
});
