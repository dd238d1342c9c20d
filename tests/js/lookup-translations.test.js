// The lookup on translated messages (node --test). tests/test_lookup.py builds TRANSLATED_INDEX from its catalog of
// classes whose class 22 has PostgreSQL's own German, French and Japanese translations of two messages; the pastes
// below are what psql 15.18 and its server print, and write to the server's log, with lc_messages in that language.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, it } = require("node:test");

const core = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-core.js"));

const raw = JSON.parse(fs.readFileSync(process.env.TRANSLATED_INDEX, "utf8"));
const index = core.createIndex(raw);
const LABELS = raw.vocabulary.labels.translations;
const DIVISION = "db/22012/#division-by-zero";
const SYNTAX = "db/22P02/#invalid-input-syntax-for-type-type-value";

function top(query, within = index) {
  const result = core.lookup(within, query, { limit: 100 });
  assert.ok(result.items.length, `no result for ${JSON.stringify(query)}`);
  return result.items[0];
}

describe("translated messages", () => {
  it("finds an exact translation at its message's anchor, saying which language matched", () => {
    for (const [query, lang] of [["Division durch Null", "de"], ["division par zéro", "fr"],
      ["0 による除算が行われました", "ja"]]) {
      const item = top(query);
      assert.equal(item.url, DIVISION, query);
      assert.equal(item.kind, "message", query);
      assert.equal(item.match, `exact message (${LABELS[lang]})`, query);
      assert.equal(item.lang, lang, "the row marks the text as being in its language");
      assert.equal(item.description, query, "the row shows the text that matched");
    }
    assert.equal(LABELS.de, "German translation", "the words come from the index");
  });

  it("says nothing of a language when the message itself matched", () => {
    const item = top("division by zero");
    assert.equal(item.url, DIVISION);
    assert.equal(item.match, "exact message");
    assert.equal(item.lang, "");
  });

  it("fills in a translated template, whatever order its placeholders come in", () => {
    for (const [query, lang] of [["ungültige Eingabesyntax für Typ integer: »abc«", "de"],
      ["syntaxe en entrée invalide pour le type integer : « abc »", "fr"],
      ['"integer"型の入力構文が不正です: "abc"', "ja"]]) {
      const item = top(query);
      assert.equal(item.url, SYNTAX, query);
      assert.equal(item.match, `message template (${LABELS[lang]})`, query);
      assert.equal(item.lang, lang);
      assert.equal(core.lookup(index, query).go, SYNTAX, "an unambiguous answer opens the message");
    }
  });

  it("finds a translation inside a longer pasted text, exact or templated", () => {
    const pastes = [
      [DIVISION, "de", "psql:migrations/0043_ratios.sql:1: FEHLER:  Division durch Null"],
      [SYNTAX, "de", "FEHLER:  ungültige Eingabesyntax für Typ integer: »abc«\n" +
        "ZEILE 1: SELECT * FROM users WHERE id = 'abc'\n                                        ^"],
      [SYNTAX, "fr", "ERREUR:  syntaxe en entrée invalide pour le type integer : « abc »\n" +
        "LIGNE 1 : SELECT * FROM users WHERE id = 'abc'\n                                         ^"],
      [SYNTAX, "ja", 'ERROR:  "integer"型の入力構文が不正です: "abc"\n' +
        "行 1: SELECT * FROM users WHERE id = 'abc'\n                                     ^"],
    ];
    for (const [url, lang, paste] of pastes) {
      const item = top(paste);
      assert.equal(item.url, url, paste);
      assert.ok(item.match.endsWith(`(${LABELS[lang]})`), `${item.match}: the row names the language`);
      assert.equal(item.lang, lang);
    }
  });

  it("finds a translated template that stands inside a line, not as a whole part of it", () => {
    // The server's log adds where in the statement the value was ("bei Zeichen 32", "(32文字目)").
    const lines = [
      ["de", "2026-12-07 20:25:25.194 UTC [23559] FEHLER:  ungültige Eingabesyntax für Typ integer: »abc« bei Zeichen 32"],
      ["fr", "2026-12-07 20:25:25.232 UTC [23561] ERREUR:  syntaxe en entrée invalide pour le type integer : « abc » au " +
        "caractère 32"],
      ["ja", '2026-12-07 20:25:25.284 UTC [23563] ERROR:  "integer"型の入力構文が不正です: "abc"(32文字目)'],
    ];
    for (const [lang, line] of lines) {
      const item = top(line);
      assert.equal(item.url, SYNTAX, line);
      assert.ok(item.match.endsWith(`(${LABELS[lang]})`), item.match);
    }
  });

  it("lists a message once, whichever of its texts matched", () => {
    const { items } = core.lookup(index, "Division durch Null\ndivision by zero", { limit: 100 });
    assert.equal(items.filter((item) => item.page === "db/22012/").length, 1);
  });

  it("takes the words it says from the index's vocabulary", () => {
    const renamed = JSON.parse(JSON.stringify(raw));
    renamed.vocabulary.labels.translations.de = "Übersetzung: Deutsch";
    assert.equal(top("Division durch Null", core.createIndex(renamed)).match, "exact message (Übersetzung: Deutsch)");
  });
});
