// Unit tests of the structures the lookup searches with (node --test): each must give what a plain
// scan over every entry gives. tests/test_lookup.py runs them with LOOKUP_INDEX set.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, it } = require("node:test");

const core = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-core.js"));

const raw = JSON.parse(fs.readFileSync(process.env.LOOKUP_INDEX, "utf8"));

function prepared() {
  const index = core.createIndex(raw);
  core.prepare(index);
  return index;
}

const shipped = prepared();

const TESTS = {
  prefix: (value, needle) => value.startsWith(needle),
  contains: (value, needle) => value.includes(needle),
  exact: (value, needle) => value === needle,
};

function scan(values, needle, how) {
  return values.flatMap((value, id) => (TESTS[how](value, needle) ? [id] : []));
}

function assertSameAsScan(values, needles) {
  const column = core.column(values);
  for (const needle of needles) {
    for (const how of Object.keys(TESTS)) {
      assert.deepEqual(core.find(column, needle, how), scan(values, needle, how), `${how} ${JSON.stringify(needle)}`);
    }
  }
}

/** The first one to five characters, an inner part and the whole of each value. */
function needlesFrom(values) {
  const needles = new Set();
  for (const value of values) {
    for (let end = 1; end <= Math.min(value.length, 5); end++) {
      needles.add(value.slice(0, end));
    }
    needles.add(value.slice(1, 4));
    needles.add(value);
  }
  needles.delete("");
  return [...needles];
}

describe("finding values in a column", () => {
  for (const field of ["codeKey", "codeNorm", "nameNorm"]) {
    it(`finds the same ${field} values as a plain scan, on the shipped catalogs`, () => {
      const values = shipped.entries.map((entry) => entry[field]);
      assertSameAsScan(values, [...needlesFrom(values), "zzzz", "18o3"]);
    });
  }

  it("handles separators, empty values, repeats and the first and last value", () => {
    const values = ["ab", "", "a\nb", "abab", "b", "\nab", "ab\n", "ça", "ab"];
    const needles = ["a", "b", "ab", "ba", "bab", "abab", "ababa", "\n", "a\n", "\nb", "b\na", "ab\nb", "\nab", "ça", "ç", "zz"];
    assertSameAsScan(values, needles);
    assertSameAsScan(["only"], ["o", "only", "nly", "onlyx"]);
  });

  it("agrees with a plain scan on random values and needles", () => {
    let seed = 1;
    const random = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const text = (length) => Array.from({ length }, () => "ab\nç"[random(4)]).join("");
    for (let round = 0; round < 500; round++) {
      const values = Array.from({ length: 1 + random(8) }, () => text(random(6)));
      assertSameAsScan(values, Array.from({ length: 10 }, () => text(1 + random(4))));
    }
  });

  it("finds numeric prefixes across a long run of codes", () => {
    const values = Array.from({ length: 3000 }, (_, i) => String((i * 7919) % 30011));
    assertSameAsScan(values, ["1", "2", "29", "299", "2999", "30010", "0", "7919", "99999"]);
  });
});

describe("answers while the index is built", () => {
  it("answers every query the same at every step of the preparation", () => {
    const queries = ["1806", "18", "429", "18xx", "ConnectedAccount", "rate limit", "Agent not found", '{"error": "Agent not found"}', "/composio/18O3/"];
    for (let steps = 0; steps <= stepCount(); steps++) {
      for (const query of queries) {
        const index = core.createIndex(raw);
        for (let step = 0; step < steps; step++) {
          core.prepareStep(index);
        }
        assert.deepEqual(core.lookup(index, query, { limit: 100 }), core.lookup(shipped, query, { limit: 100 }), `${query} after ${steps} steps`);
      }
    }
  });
});

function stepCount() {
  const index = core.createIndex(raw);
  let steps = 0;
  while (core.prepareStep(index)) {
    steps++;
  }
  return steps;
}

describe("typing a query", () => {
  it("gives each prefix of a typed query the answer a fresh index gives", () => {
    const typed = prepared();
    for (const query of ["rate limit exceeded", "Agent with this identifier already exists", "connected account gone", "the project"]) {
      for (let end = 1; end <= query.length; end++) {
        const prefix = query.slice(0, end);
        assert.deepEqual(core.lookup(typed, prefix), core.lookup(prepared(), prefix), prefix);
      }
    }
  });
});

describe("close matches", () => {
  it("are the entries a plain scan of every name, code and alias finds within the allowed distance", () => {
    const names = [...new Set(shipped.entries.flatMap((entry) => [entry.name, entry.code, ...entry.aliases]))]
      .filter((name) => name.length >= 6);
    assert.ok(names.length > 0);
    for (const name of names) {
      const typo = name.slice(0, 2) + name[3] + name[2] + name.slice(4);
      const items = core.lookup(shipped, typo, { limit: 100000 }).items;
      const close = items.filter((item) => item.match === "close match");
      const better = items.filter((item) => item.match !== "close match");
      const expected = better.length < core.LIMIT ? closeByScan(typo, new Set(better.map((item) => item.url))) : [];
      assert.deepEqual(close.map((item) => `${item.url} ${item.rank}`), expected, typo);
    }
  });
});

/** Entries within the allowed distance of the query by name or code, nearest first, as "url distance". */
function closeByScan(query, better) {
  const key = core.normalize(query);
  const limit = key.length < 4 ? 0 : key.length <= 7 ? 1 : 2;
  const found = [];
  for (const entry of limit ? shipped.entries : []) {
    const distances = [entry.nameNorm, entry.codeNorm, ...entry.aliasNorms]
      .map((text) => (text ? core.distance(text, key, limit) : -1));
    const best = Math.min(...distances.filter((d) => d >= 0));
    if (best > 0 && best !== Infinity && !better.has(entry.url)) {
      found.push({ entry, best });
    }
  }
  return found.sort((a, b) => a.best - b.best || a.entry.id - b.entry.id).map(({ entry, best }) => `${entry.url} ${best}`);
}
