// Unit tests of the lookup's matching logic (node --test). tests/test_lookup.py runs them with
// LOOKUP_INDEX pointing at the index built from the catalogs under data/. Tests about one of the
// example catalogs name it and skip when data/ does not hold it; the last suite runs over every catalog.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, it } = require("node:test");

const core = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-core.js"));
// The index's codes and labels come from Python (macros/exports/lookup.py); a hand-made index borrows the shipped ones.
const SHIPPED_VOCABULARY = JSON.parse(fs.readFileSync(process.env.LOOKUP_INDEX, "utf8")).vocabulary;

const shipped = core.createIndex(JSON.parse(fs.readFileSync(process.env.LOOKUP_INDEX, "utf8")));
// The tests about example catalogs ask an index of those catalogs alone (EXAMPLES_INDEX), so that another catalog
// in data/ that shares their codes or messages does not change their answers.
const examples = core.createIndex(JSON.parse(fs.readFileSync(process.env.EXAMPLES_INDEX || process.env.LOOKUP_INDEX,
  "utf8")));

/** Options for a test about example catalogs: skipped, saying why, when data/ does not hold them all. */
function about(...ids) {
  const missing = ids.filter((id) => !examples.catalogs.some((catalog) => catalog.id === id));
  return { skip: missing.length ? `about the example catalog(s) ${missing.join(", ")}, which data/ does not hold` : false };
}

/** A small index in the same format, with the cases the shipped catalogs do not have. */
function smallIndex() {
  const entries = [[0, 0, "180", "WidgetGone", 410, "n", "Widget was removed", 0]];
  for (let code = 1800; code <= 1809; code++) {
    entries.push([0, 0, String(code), `Widget${code}Failed`, 500, "y", `Widget ${code} failed`, 1]);
  }
  entries.push([1, 0, "180", "OtherWidgetGone", 404, "n", "Another catalog's 180", 0]);
  const range = (label, name, group, start, end) => ({
    label, name, group, system: 0, declared: 1, names: [label, `${label[0]}xx`], span: [start, end],
  });
  return core.createIndex({
    version: 2,
    vocabulary: SHIPPED_VOCABULARY,
    catalogs: [
      {
        id: "widgets",
        title: "Widgets",
        path: "widgets/",
        http: 1,
        term: ["range", "ranges"],
        systems: [["api", "API codes", 1, "widgets/{code}/"]],
        envelope: { code: ["error", "code"], message: ["error", "message"] },
        statuses: [
          [410, "Gone", "n", "change the request", "", "widgets/retries/#status-410"],
          [500, "Internal Server Error", "y", "retry with backoff", "", "widgets/retries/#status-500"],
        ],
        groups: [["small", "Small", "widgets/ranges/small/"], ["big", "Big", "widgets/ranges/big/"]],
        ranges: [range("100-199", "Small widgets", 0, 100, 199), range("1800-1899", "Big widgets", 1, 1800, 1899)],
        retryPage: "widgets/retries/",
      },
      {
        id: "gadgets",
        title: "Gadgets",
        path: "gadgets/",
        http: 1,
        term: ["range", "ranges"],
        systems: [["api", "API codes", 1, "gadgets/{code}/"]],
        envelope: {},
        statuses: [[404, "Not Found", "n", "change the request", "", "gadgets/retries/#status-404"]],
        groups: [["all", "All", "gadgets/ranges/all/"]],
        ranges: [],
        retryPage: "gadgets/retries/",
      },
    ],
    entries,
    messages: [],
  });
}

function first(query, index = examples) {
  const result = core.lookup(index, query);
  assert.ok(result.items.length, `no result for ${JSON.stringify(query).slice(0, 80)}`);
  return result.items[0];
}

function urls(query, index = examples) {
  return core.lookup(index, query).items.map((item) => item.url);
}

describe("without the example catalogs", () => {
  it("ranks an exact code before codes that start with it", () => {
    const index = smallIndex();
    const items = core.lookup(index, "180").items;
    assert.deepEqual(items.slice(0, 2).map((item) => `${item.catalogId}/${item.code}`), ["widgets/180", "gadgets/180"]);
    const prefixed = items.filter((item) => item.match === "code starts with it").map((item) => item.code);
    assert.deepEqual(prefixed, ["1800", "1801", "1802", "1803", "1804", "1805", "1806", "1807", "1808", "1809"]);
    assert.ok(items.findIndex((item) => item.code === "1800") > 1);
  });
  it("parses range notations", () => {
    assert.deepEqual(core.parseRange("100-199"), { start: 100, end: 199 });
    assert.equal(core.parseRange("18xx").pattern.source, "^18[0-9a-z]{2}$");
    assert.equal(core.parseRange("4XX").pattern.source, "^4[0-9a-z]{2}$");
    assert.equal(core.parseRange("22Pxx").pattern.source, "^22p[0-9a-z]{2}$");
    assert.equal(core.parseRange("199-100"), null);
    assert.equal(core.parseRange("xx"), null);
    assert.equal(core.parseRange("1803"), null);
    assert.equal(core.parseRange("index"), null, "a word ending in one x is not a range");
  });
  it("measures edit distance with transpositions and a limit", () => {
    assert.equal(core.distance("abcd", "abcd", 1), 0);
    assert.equal(core.distance("abcd", "abdc", 1), 1);
    assert.equal(core.distance("abcd", "xbcy", 1), -1);
    assert.equal(core.distance("abc", "abcdef", 2), -1);
  });
  it("decodes percent-escapes where it can, keeps the ones that do not decode as they are, never throws", () => {
    assert.equal(core.safeDecode("caf%C3%A9"), "café");
    assert.equal(core.safeDecode(""), "");
    assert.equal(core.safeDecode("%E0%A4%A"), "%E0%A4%A", "a UTF-8 sequence cut short, then a stray %");
    assert.equal(core.safeDecode("%ZZ"), "%ZZ");
    assert.equal(core.safeDecode("invalid_request%"), "invalid_request%");
    assert.equal(core.safeDecode("caf%C3%A9%ZZ%E0%A4"), "café%ZZ%E0%A4");
    assert.equal(core.safeDecode("%E0%A4%A4%E0%A4%41"), "\u0924%E0%A4A", "a whole character, then half of one");
    assert.equal(core.safeDecode("%ED%A0%80x%41"), "%ED%A0%80xA", "a lone surrogate does not decode");
    assert.equal(core.safeDecode("/a%2Fb/%ZZ", decodeURI), "/a%2Fb/%ZZ", "decodeURI keeps reserved escapes");
    assert.equal(core.safeDecode("/caf%C3%A9/%23%E0/", decodeURI), "/café/%23%E0/");
  });
  it("reads a link with broken escapes, decoding the ones it can", () => {
    const index = smallIndex();
    assert.deepEqual(core.readSitePath(index, "/widgets/%E0%A4%A/"), { catalog: "widgets", code: "%E0%A4%A" });
    assert.deepEqual(core.readSitePath(index, "/x/caf%C3%A9%ZZ/"), { catalog: null, code: "café%ZZ" });
    assert.equal(first("/widgets/1803%/", index).url, "widgets/1803/");
  });
});

describe("exact codes", about("composio", "codespar", "agents-api"), () => {
  it("finds a numeric code first", () => {
    assert.equal(first("1806").url, "composio/1806/");
    assert.equal(first("1806").match, "exact code");
  });

  it("finds a string code and a code of a secondary system", () => {
    assert.equal(first("needs_connection").url, "codespar/needs_connection/");
    assert.equal(first("ApiError").url, "codespar/sdk/ApiError/");
    assert.equal(first("json_decode").url, "composio/thermos/json_decode/");
  });

  it("lists every entry of a code the catalog lists twice, each with its own anchor", () => {
    const top = urls("10503").slice(0, 2);
    assert.deepEqual(top.sort(), ["composio/10503/#10503-badstate", "composio/10503/#10503-serviceunavailable"]);
  });

  it("labels the same code in several catalogs", () => {
    const exact = core.lookup(examples, "400").items.filter((item) => item.match === "exact code");
    assert.deepEqual(exact.map((item) => item.catalogId), ["composio", "agents-api"]);
    assert.deepEqual(exact.map((item) => item.catalog), ["Composio", "Agents API"]);
  });
});

describe("numbers that are not codes", about("composio", "codespar"), () => {
  it("says which declared range owns an unassigned number", () => {
    const top = first("1850");
    assert.equal(top.kind, "range");
    assert.equal(top.name, "ActionExecute");
    assert.equal(top.url, "composio/ranges/actionexecute/");
    assert.match(top.description, /1850 is not assigned/);
    const spans = core.lookup(examples, "1850").items.filter((item) => item.kind === "range");
    assert.deepEqual(spans.map((item) => item.name), ["ActionExecute", "Project Errors"]);
  });

  it("lists a range written 18xx or 1800-1899", () => {
    for (const query of ["18xx", "1800-1899", "1800 - 1899"]) {
      const items = core.lookup(examples, query, { limit: 100 }).items;
      assert.equal(items[0].kind, "range", query);
      assert.equal(items[0].name, "ActionExecute", query);
      const codes = new Set(items.filter((item) => item.kind === "entry").map((item) => item.code));
      assert.deepEqual([...codes].sort(), ["1800", "1801", "1802", "1803", "1804", "1805", "1806"], query);
    }
  });

  it("gives an HTTP status's retry guidance and the codes that use it", () => {
    const items = core.lookup(examples, "429", { limit: 50 }).items;
    const statuses = items.filter((item) => item.kind === "status");
    assert.deepEqual(statuses.map((item) => item.catalogId), ["composio", "codespar"]);
    assert.equal(items[0].kind, "status");
    assert.equal(statuses[1].url, "codespar/retries/#status-429");
    assert.equal(statuses[1].retryable, "yes");
    assert.match(statuses[1].description, /Retry-After/);
    const users = items.filter((item) => item.match === "uses this HTTP status").map((item) => item.code);
    assert.deepEqual(users.sort(), ["10429", "quota_exceeded", "rate_limited"]);
  });
});

describe("names", about("composio", "codespar"), () => {
  it("finds a name in any casing or separator", () => {
    for (const query of ["ConnectedAccountGone", "connected_account_gone", "connected account gone", "CONNECTED-ACCOUNT-GONE"]) {
      const top = first(query);
      assert.equal(top.url, "composio/1806/", query);
      assert.equal(top.match, "exact name", query);
    }
  });

  it("ranks exact name, then prefix, then close matches", () => {
    const items = core.lookup(examples, "ConnectedAccount").items;
    assert.deepEqual(items.slice(0, 2).map((item) => item.name).sort(), ["ConnectedAccountError", "ConnectedAccountGone"]);
    assert.equal(items[0].match, "name starts with it");
  });

  it("forgives a small typo", () => {
    const top = first("ConectedAccountGone");
    assert.equal(top.url, "composio/1806/");
    assert.equal(top.match, "close match");
    assert.equal(first("ApiEror").url, "codespar/sdk/ApiError/");
  });
});

describe("messages", about("composio", "codespar", "agents-api"), () => {
  it("finds the exact message string", () => {
    const top = first("Agent with this identifier already exists");
    assert.equal(top.kind, "message");
    assert.equal(top.url, "agents-api/409/#agent-with-this-identifier-already-exists");
    assert.equal(top.status, 409);
  });

  it("finds a quoted message and part of a message", () => {
    assert.equal(first('"Agent not found"').url, "agents-api/404/#agent-not-found");
    assert.equal(first("identifier already").url, "agents-api/409/#agent-with-this-identifier-already-exists");
  });

  it("matches a concrete instance of a templated message", () => {
    const top = first("Unknown provider: slack");
    assert.equal(top.description, "Unknown provider: {provider}");
    assert.equal(top.match, "message template");
    assert.equal(first('Provider "github" is not available').description, 'Provider "{provider}" is not available');
    assert.equal(first("clientSecret is required").description, "clientSecret is required");
  });

  it("finds an entry by its published description", () => {
    assert.equal(first("Connected account no longer available").url, "composio/1806/");
  });

  it("finds codes by words of their description", () => {
    const found = urls("rate limit");
    assert.ok(found.includes("codespar/rate_limited/"));
    assert.ok(found.includes("composio/10429/"));
  });
});

describe("pasted error responses", about("composio", "codespar", "agents-api"), () => {
  it("reads a Composio body, uses status and message to pick between two entries", () => {
    const body = { error: { message: "Project resource not found", code: 1803, status: 400, request_id: "req_1", extra: [1] } };
    const result = core.lookup(examples, JSON.stringify(body, null, 2));
    assert.equal(result.items[0].url, "composio/1803/#1803-resourcenotfound");
    assert.equal(result.go, "composio/1803/#1803-resourcenotfound");
    assert.match(result.interpretation, /code 1803, status 400/);
  });

  it("reads a CodeSpar body on one line, extra fields and all", () => {
    const body = '{"error":"needs_connection","message":"Connect first","status":422,"request_id":"r","connect_url":"https://x"}';
    assert.equal(first(body).url, "codespar/needs_connection/");
  });

  it("reads an Agents API body, whose only field is the message", () => {
    assert.equal(first('{"error": "Agent not found"}').url, "agents-api/404/#agent-not-found");
    assert.equal(first('{"error": "Unknown provider: notion"}').url, "agents-api/404/#unknown-provider-provider");
  });

  it("reads a body surrounded by other text, or not quite JSON", () => {
    assert.equal(first('HTTP/1.1 410 Gone\n\n{"error": {"code": 1806, "status": 410,}}').url, "composio/1806/");
    assert.equal(first("{error: {code: 1806, message: 'Connected account no longer available'}}").url, "composio/1806/");
  });

  it("prefers the entry whose status agrees", () => {
    const body = JSON.stringify({ error: { code: 10503, status: 422, message: "x" } });
    assert.equal(first(body).url, "composio/10503/#10503-badstate");
  });

  it("falls back to text matching when braces are not a response", () => {
    assert.equal(first("Unknown provider: {provider}").description, "Unknown provider: {provider}");
  });
});

describe("links", about("composio", "codespar"), () => {
  it("suggests the nearest codes for a page that does not exist", () => {
    const result = core.lookup(examples, "/composio/18O3/");
    assert.deepEqual(result.items.map((item) => item.code), ["1803", "1803"]);
    assert.ok(result.items.every((item) => item.catalogId === "composio"));
  });

  it("reads full URLs, base paths and secondary systems", () => {
    assert.equal(first("https://errors.example.com/docs/codespar/needs_conection/").url, "codespar/needs_connection/");
    assert.equal(first("/codespar/sdk/ApiEror/").url, "codespar/sdk/ApiError/");
  });

  it("does not treat other URL schemes as links", () => {
    assert.equal(core.readSitePath(examples, "javascript:alert(1)"), null);
    assert.equal(core.lookup(examples, "javascript:alert(document.cookie)").go, null);
  });
});

describe("safety and limits", about("composio", "agents-api"), () => {
  it("returns no result, not an error, for hostile or empty input", () => {
    for (const query of ["", "   ", "<img src=x onerror=alert(1)>", "{{7*7}}", "{", "}{", "\u0000"]) {
      const result = core.lookup(examples, query);
      assert.equal(result.go, null, query);
    }
  });

  it("handles a 1 MB paste without a match", () => {
    const result = core.lookup(examples, "A".repeat(1024 * 1024));
    assert.equal(result.total, 0);
    assert.equal(result.query.length, 1024 * 1024);
  });

  it("handles a 1 MB JSON body", () => {
    const body = JSON.stringify({ error: { code: 1806, status: 410, padding: "x".repeat(1024 * 1024) } });
    assert.equal(first(body).url, "composio/1806/");
  });

  it("only ever returns site-relative paths from the index", () => {
    for (const query of ["1803", "429", "18xx", "/composio/18O3/", '{"error":"Agent not found"}', "https://evil.example/composio/1806/"]) {
      for (const item of core.lookup(examples, query).items) {
        assert.match(item.url, /^[a-z0-9-]+\/[^:]*$/, item.url);
      }
    }
  });

  it("decides to open a page only when the answer is unambiguous", () => {
    assert.equal(core.lookup(examples, "1806").go, "composio/1806/");
    assert.equal(core.lookup(examples, "1803").go, "composio/1803/");
    assert.equal(core.lookup(examples, "400").go, null);
    assert.equal(core.lookup(examples, "429").go, null);
    assert.equal(core.lookup(examples, "Connected").go, null);
  });
});

describe("every catalog entry", () => {
  it("is found first, and opened, by each of its aliases that no other entry shares", () => {
    const owners = new Map();
    for (const entry of (core.prepare(shipped), shipped.entries)) {
      for (const alias of entry.aliases) {
        owners.set(alias, (owners.get(alias) || new Set()).add(entry.path));
      }
    }
    for (const [alias, pages] of owners) {
      const result = core.lookup(shipped, alias);
      assert.ok(pages.has(result.items[0].page), `${alias} -> ${result.items[0].page}`);
      if (pages.size === 1) {
        assert.equal(result.go !== null && result.go.split("#")[0], [...pages][0], alias);
      }
    }
  });

  it("is listed under each declared range or class that holds it", () => {
    for (const catalog of shipped.catalogs) {
      for (const range of catalog.ranges.filter((r) => r.declared)) {
        const result = core.lookup(shipped, range.names[0], { limit: 100000 });
        assert.ok(result.items.some((item) => item.kind === "range" && item.name === range.name), range.label);
      }
    }
  });

  it("is found by its code or message at the URL catalog.json gives it", () => {
    const contract = JSON.parse(fs.readFileSync(process.env.CATALOG_JSON, "utf8"));
    assert.ok(contract.entries.length > 0);
    for (const record of contract.entries) {
      const query = record.kind === "code" ? record.code : record.message;
      const found = core.lookup(shipped, query, { limit: 1000 }).items.map((item) => `/${item.url}`);
      assert.ok(found.includes(record.url), `${query} -> ${record.url} not in ${found.slice(0, 5)}`);
    }
  });
});
