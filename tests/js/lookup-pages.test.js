// Unit tests of the search of prose (docs/javascripts/lookup-pages.js), over a small index written here: what the
// page index (macros/exports/page_index.py) holds, one record per section.
"use strict";

const assert = require("node:assert/strict");
const path = require("node:path");
const { describe, it } = require("node:test");

const pages = require(path.join(__dirname, "..", "..", "docs", "javascripts", "lookup-pages.js"));

const index = pages.createIndex({
  version: 1,
  sections: [
    { page: "Handling errors", catalog: "Shop", section: "Handling errors", url: "shop/handling/", text: "Read the code first." },
    { page: "Handling errors", catalog: "Shop", section: "Idempotency keys", url: "shop/handling/#idempotency-keys",
      text: "Send the same key when you retry a payment, so that a retried request is not charged twice." },
    { page: "Retry guidance", catalog: "Shop", section: "Rate limits", url: "shop/retries/#rate-limits",
      text: "After a 429, wait as long as Retry-After says before sending the request again." },
    { page: "Rate limiting", catalog: "Bank", section: "Rate limiting", url: "bank/rate-limits/",
      text: "Each key has a limit per minute. Requests over the rate are refused." },
    { page: "Überblick", catalog: "", section: "Fehler", url: "de/", text: "Café überall" },
  ],
});

describe("search of the pages", () => {
  it("finds every section that holds each word, headings first", () => {
    const found = pages.search(index, "rate limit");
    assert.deepEqual(found.map((item) => item.url), ["shop/retries/#rate-limits", "bank/rate-limits/"]);
    assert.equal(found[1].kind, "page");
    assert.equal(found[1].catalog, "Bank");
    assert.equal(found[1].page, "Rate limiting");
    assert.deepEqual(pages.search(index, "retry").map((item) => item.url),
      ["shop/retries/#rate-limits", "shop/handling/#idempotency-keys"], "a title match ranks above a text match");
  });

  it("puts the sections of the reader's part of the site first among equals", () => {
    assert.deepEqual(pages.search(index, "rate limit", 5, "bank/errors/").map((item) => item.url),
      ["bank/rate-limits/", "shop/retries/#rate-limits"]);
    assert.deepEqual(pages.search(index, "rate limit", 5, "").map((item) => item.url),
      ["shop/retries/#rate-limits", "bank/rate-limits/"]);
  });

  it("matches the start of words, not their middle", () => {
    assert.deepEqual(pages.search(index, "idempot").map((item) => item.url), ["shop/handling/#idempotency-keys"]);
    assert.deepEqual(pages.search(index, "dempotency"), []);
  });

  it("takes a word of one or two letters whole", () => {
    assert.deepEqual(pages.search(index, "ra limit"), [], "ra starts rate, but a two-letter word must be whole");
    assert.deepEqual(pages.search(index, "a payment").map((item) => item.url), ["shop/handling/#idempotency-keys"]);
  });

  it("needs every word", () => {
    assert.deepEqual(pages.search(index, "retry payment").map((item) => item.url), ["shop/handling/#idempotency-keys"]);
    assert.deepEqual(pages.search(index, "retry zebra"), []);
  });

  it("ignores case and accents", () => {
    assert.deepEqual(pages.search(index, "UBERALL cafe").map((item) => item.url), ["de/"]);
  });

  it("leaves pastes and long texts to the lookup", () => {
    assert.deepEqual(pages.search(index, "rate\nlimit"), []);
    assert.deepEqual(pages.search(index, "rate ".repeat(30)), []);
    assert.equal(pages.answers("x"), false);
    assert.equal(pages.answers("rate limit"), true);
  });

  it("shows a snippet of the text around the words, cut at spaces", () => {
    const [found] = pages.search(index, "charged");
    assert.ok(found.snippet.includes("charged twice"), found.snippet);
    assert.ok(found.snippet.length <= 170, found.snippet);
  });

  it("keeps to the limit it is given", () => {
    assert.equal(pages.search(index, "the", 1).length, 1);
  });

  it("reads an index without sections as empty", () => {
    assert.deepEqual(pages.search(pages.createIndex({}), "rate"), []);
    assert.deepEqual(pages.search(pages.createIndex(null), "rate"), []);
  });
});
