// The lookup on a catalog of another style (node --test): string codes in classes by prefix, aliases,
// severities and no HTTP at all. tests/test_lookup.py builds CLASSES_INDEX from its classes fixture.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, it } = require("node:test");

const core = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-core.js"));

const index = core.createIndex(JSON.parse(fs.readFileSync(process.env.CLASSES_INDEX, "utf8")));

function lookup(query) {
  return core.lookup(index, query, { limit: 100 });
}

describe("codes with letters", () => {
  it("reads a real code ending in X as the code, not as a range", () => {
    const result = lookup("2201X");
    assert.equal(result.items[0].url, "db/2201X/");
    assert.equal(result.items[0].match, "exact code");
    assert.equal(result.go, "db/2201X/");
    assert.ok(result.items.every((item) => item.kind === "entry"), "no range is read into it");
    assert.ok(result.items.slice(1).every((item) => item.tier > 2), "nothing else comes close");
  });

  it("finds a code in any casing", () => {
    assert.equal(lookup("2202e").items[0].url, "db/2202E/");
    assert.equal(lookup("40p01").go, "db/40P01/");
  });
});

describe("qualified names", () => {
  it("reads the last part of a name a program prints with its module", () => {
    for (const query of ["psycopg2.errors.DivisionByZero", "psycopg.errors.DivisionByZero"]) {
      const result = lookup(query);
      assert.equal(result.items[0].url, "db/22012/", query);
      assert.equal(result.items[0].match, "qualified name", query);
    }
    assert.equal(lookup("errors.ERRCODE_DIVISION_BY_ZERO").items[0].match, "alias");
  });

  it("leaves a code with dots in it, and words that name nothing, alone", () => {
    assert.deepEqual(lookup("foo.bar").items.filter((item) => item.match === "qualified name"), []);
  });
});

describe("classes", () => {
  it("lists a class asked for by its prefix, every code in it included", () => {
    for (const query of ["22", "22xxx", "22XXX"]) {
      const { items } = lookup(query);
      assert.equal(items[0].kind, "range", query);
      assert.equal(items[0].name, "Data Exception", query);
      assert.equal(items[0].term, "Class", query);
      assert.equal(items[0].url, "db/ranges/class-22/", query);
      const codes = items.filter((item) => item.kind === "entry").map((item) => item.code);
      assert.deepEqual(codes, ["22012", "2202E", "2201X", "22P06"], `${query}: in the order the catalog lists them`);
    }
  });

  it("names a class whose prefix has a letter", () => {
    const { items } = lookup("0A");
    assert.equal(items[0].kind, "range");
    assert.equal(items[0].name, "Feature Not Supported");
    assert.deepEqual(items.filter((item) => item.kind === "entry").map((item) => item.code), ["0A000"]);
  });

  it("says which class an unassigned code would be in", () => {
    const { items } = lookup("22099");
    assert.equal(items[0].kind, "range");
    assert.equal(items[0].description, "Code 22099 is not assigned. It would be in class 22, Data Exception.");
    assert.equal(lookup("0A123").items[0].name, "Feature Not Supported");
  });

  it("does not read a word that starts like a class as a code of it", () => {
    assert.ok(lookup("22 divisions").items.every((item) => item.kind !== "range"));
    assert.ok(lookup("40 times").items.every((item) => item.kind !== "range"));
  });
});

describe("aliases", () => {
  it("finds an entry by an alias, in any casing", () => {
    for (const query of ["ERRCODE_DIVISION_BY_ZERO", "errcode_division_by_zero"]) {
      const result = lookup(query);
      assert.equal(result.items[0].url, "db/22012/", query);
      assert.equal(result.items[0].match, "alias", query);
      assert.equal(result.go, "db/22012/", query);
    }
  });

  it("finds one entry under each of its aliases, not two entries", () => {
    for (const query of ["ERRCODE_ARRAY_ELEMENT_ERROR", "ERRCODE_ARRAY_SUBSCRIPT_ERROR", "array_subscript_error"]) {
      const exact = lookup(query).items.filter((item) => item.tier <= 1);
      assert.deepEqual(exact.map((item) => item.url), ["db/2202E/"], query);
    }
  });

  it("finds an alias by its start, part of it and a typo", () => {
    assert.ok(lookup("ERRCODE_T_R").items.some((item) => item.code === "40001" && item.match === "alias starts with it"));
    assert.equal(lookup("ERRCODE_DIVISION_BY_ZER").items[0].code, "22012");
    assert.equal(lookup("ERRCODE_DIVISON_BY_ZERO").items[0].code, "22012");
  });
});

describe("what a result says", () => {
  it("carries the severity and no HTTP status", () => {
    const top = lookup("00000").items[0];
    assert.equal(top.severity, "success");
    assert.equal(top.status, null);
    assert.equal(top.http, false);
    assert.equal(top.retryable, "n/a");
  });
});
