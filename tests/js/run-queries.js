// Runs the lookup over many queries in one node process, for the Python tests (tests/test_lookup_pastes.py).
// Usage: node run-queries.js INDEX_JSON QUERIES_JSON OUT_JSON, where QUERIES_JSON is a list of strings; OUT_JSON
// gets, per query, the first items (url, page, catalog id, code, match), the total, go, ambiguity and the time.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const core = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-core.js"));

const [indexFile, queriesFile, outFile] = process.argv.slice(2);
const index = core.createIndex(JSON.parse(fs.readFileSync(indexFile, "utf8")));
core.prepare(index, "paste");
const out = JSON.parse(fs.readFileSync(queriesFile, "utf8")).map((query) => {
  const start = performance.now();
  const result = core.lookup(index, query);
  const ms = performance.now() - start;
  return {
    items: result.items.slice(0, 5).map((item) => ({
      url: item.url, page: item.page, catalog: item.catalogId, code: item.code ?? null, kind: item.kind, match: item.match,
    })),
    total: result.total,
    go: result.go,
    ambiguous: result.ambiguous,
    interpretation: result.interpretation,
    ms,
  };
});
fs.writeFileSync(outFile, JSON.stringify(out));
