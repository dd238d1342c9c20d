// Unit tests of reading pastes (lookup-paste.js) and weighing their evidence (lookup-evidence.js), on small
// indexes made here: they hold whatever data/ holds. tests/test_lookup_pastes.py runs the real corpus.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, it } = require("node:test");

const scripts = path.join(__dirname, "..", "..", "docs", "javascripts");
const paste = require(path.join(scripts, "lookup-paste.js"));
const core = require(path.join(scripts, "lookup-core.js"));
// The index's codes and labels come from Python (macros/exports/lookup.py); a hand-made index borrows the shipped ones.
const SHIPPED_VOCABULARY = JSON.parse(fs.readFileSync(process.env.LOOKUP_INDEX, "utf8")).vocabulary;

function tokens(text) {
  return Object.fromEntries(paste.readPaste(text).tokens.map((token) => [token.value, token.place]));
}

/** Two catalogs that share code 400 and a message, one with a line format, one speaking HTTP statuses. */
function smallIndex() {
  return core.createIndex({
    version: 2,
    vocabulary: SHIPPED_VOCABULARY,
    catalogs: [
      {
        id: "widgets", title: "Widgets", path: "widgets/", http: 1, term: ["range", "ranges"],
        systems: [["api", "API codes", 1, "widgets/{code}/"]],
        envelope: { code: ["error", "code"], message: ["error", "message"] },
        statuses: [[409, "Conflict", "n", "change the request", "", "widgets/retries/#status-409"]],
        groups: [["all", "All", "widgets/ranges/all/"]], ranges: [], retryPage: "widgets/retries/",
        formats: [[0, "WidgetError\\s*\\[([A-Za-z0-9_][A-Za-z0-9_.-]*?)\\]", ["code"], "widgeterror", "the widget client"]],
      },
      {
        id: "statuses", title: "Statuses", path: "statuses/", http: 1, term: ["range", "ranges"],
        systems: [["http", "HTTP statuses", 1, "statuses/{code}/"]],
        envelope: { message: ["error"] },
        statuses: [[400, "Bad Request", "n", "change the request", "", "statuses/retries/#status-400"]],
        groups: [["all", "All", "statuses/ranges/all/"]], ranges: [], retryPage: "statuses/retries/",
      },
    ],
    entries: [
      [0, 0, "400", "WidgetTaken", 409, "n", "The widget name is already taken", 0],
      [0, 0, "7", "TinyWidget", 409, "n", "A tiny widget failed", 0],
      [0, 0, "widget_locked", "WidgetLocked", 409, "n", "The widget is locked by another user", 0],
      [1, 0, "400", "Bad Request", 400, "n", "The request failed validation.", 0],
    ],
    messages: [
      [0, "Widget {name} is already taken", "widget-name-is-already-taken"],
      [3, "Widget name must be 1-64 characters", "widget-name-must-be-1-64-characters"],
      [2, 'widget "w_1" is locked', "", 1],
    ],
  });
}

describe("reading a paste", () => {
  it("gives each token the place it stands in", () => {
    const read = tokens("ERROR:  22012: division by zero\ncode=1806 status=410 (SQLSTATE 23505) [42S02] psycopg2.errors.DivisionByZero: x");
    assert.equal(read["22012"], paste.PLACE.keyed, "ERROR: is a key as much as code= is");
    assert.equal(read["1806"], paste.PLACE.keyed);
    assert.equal(read["23505"], paste.PLACE.bracketed);
    assert.equal(read["42S02"], paste.PLACE.bracketed);
    assert.equal(read.DivisionByZero, paste.PLACE.classed);
  });

  it("takes numbers that are not in a code's place for nothing", () => {
    const read = tokens("2026-12-07 10:15:32.123 UTC [4242] listening on port 5432, line 88 of app.py");
    assert.equal(read["5432"], undefined);
    assert.equal(read["88"], undefined);
    assert.equal(read["15"], undefined);
  });

  it("strips the Error suffix of an exception class, keeping the class too", () => {
    const read = tokens("asyncpg.exceptions.DeadlockDetectedError: deadlock detected");
    assert.equal(read.DeadlockDetected, paste.PLACE.classed);
    assert.equal(read.DeadlockDetectedError, paste.PLACE.classed);
  });

  it("reads HTTP statuses from status lines, console lines and curl", () => {
    const statuses = (text) => paste.readPaste(text).statuses.sort();
    assert.deepEqual(statuses("HTTP/1.1 429 Too Many Requests"), [429]);
    assert.deepEqual(statuses("HTTP/2 503"), [503]);
    assert.deepEqual(statuses("Failed to load resource: the server responded with a status of 404 (Not Found)"), [404]);
    assert.deepEqual(statuses("GET http://localhost:5173/api 502 (Bad Gateway)"), [502]);
    assert.deepEqual(statuses("curl: (22) The requested URL returned error: 401"), [401]);
    assert.deepEqual(statuses("AxiosError: Request failed with status code 409"), [409]);
    assert.deepEqual(statuses("took 200ms, 404 rows"), []);
  });

  it("cuts a line into the pieces that may be a message", () => {
    const texts = paste.readPaste('2026-12-07 [12] ERROR:  relation "x" does not exist (SQLSTATE 42P01)')
      .segments.map((segment) => segment.text);
    assert.ok(texts.includes('relation "x" does not exist'), texts);
  });

  it("keeps each line once and cuts long lines and long texts", () => {
    const read = paste.readPaste(`${"same line\n".repeat(1000)}${"y".repeat(5000)}`);
    assert.equal(read.lines.length, 2);
    assert.equal(read.lines[1].length, paste.MAX_LINE);
    assert.equal(paste.linesOf(Array.from({ length: 30000 }, (_, i) => `line ${i}`).join("\n")).length, paste.MAX_LINES);
  });

  it("finds the fragments of a template in order, with a gap for each placeholder", () => {
    assert.equal(paste.fragmentsMatch(["widget ", " is taken"], "widget w1 is taken", true), true);
    assert.equal(paste.fragmentsMatch(["widget ", " is taken"], "widget  is taken", true), false, "an empty value");
    assert.equal(paste.fragmentsMatch(["widget ", " is taken"], "widget is taken", true), false);
    assert.equal(paste.fragmentsMatch(["widget ", " is taken"], "error: widget w1 is taken!", true), false);
    assert.equal(paste.fragmentsMatch(["widget ", " is taken"], "error: widget w1 is taken!", false), true);
    assert.equal(paste.fragmentsMatch(["widget is taken"], "the widget is taken", true), false);
    assert.equal(paste.fragmentsMatch(["a", "b", "c"], "x".repeat(100000) + "a1b2c", false), true);
  });
});

describe("weighing the evidence", () => {
  it("puts first the entry its code and its message agree on", () => {
    const result = core.lookup(smallIndex(), "WidgetError: 400\nWidget w1 is already taken");
    assert.equal(result.items[0].url, "widgets/400/#widget-name-is-already-taken");
    assert.equal(result.go, "widgets/400/#widget-name-is-already-taken");
  });

  it("reads a catalog's own line format and prefers that catalog", () => {
    const result = core.lookup(smallIndex(), "WidgetError [400] while saving");
    assert.equal(result.items[0].catalogId, "widgets");
    assert.equal(result.ambiguous, null);
  });

  it("says when a code stands in several catalogs and the text names none", () => {
    const result = core.lookup(smallIndex(), "Error: 400");
    assert.deepEqual(result.ambiguous, ["Widgets", "Statuses"]);
    assert.equal(result.go, null);
  });

  it("weighs a number the text shows as an HTTP status as a status, not a code", () => {
    const result = core.lookup(smallIndex(), "curl: (22) The requested URL returned error: 400\n{\"error\": {\"code\": 400}}");
    assert.equal(result.items[0].catalogId, "widgets");
  });

  it("finds an example message with other quoted values, inside a longer line", () => {
    const result = core.lookup(smallIndex(), 'app ERROR:  widget "w_99" is locked');
    assert.equal(result.items[0].code, "widget_locked");
  });

  it("never reads a one- or two-digit number in brackets as a code", () => {
    assert.equal(core.lookup(smallIndex(), "alert(7) and [7]").total, 0);
    assert.equal(core.lookup(smallIndex(), "code=7").items[0].code, "7");
  });

  it("falls back to the words of an error line no catalog lists, and not for other text", () => {
    const result = core.lookup(smallIndex(), "ERROR: the widget got locked by another user");
    assert.equal(result.items[0].code, "widget_locked");
    assert.equal(result.items[0].match, "words of the error in its description");
    const other = core.lookup(smallIndex(), "<b>widget locked by another user</b>").items;
    assert.ok(other.every((item) => item.match !== "words of the error in its description"), other);
  });
});
