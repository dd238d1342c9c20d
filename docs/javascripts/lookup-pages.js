/* The header's search of prose: which sections of the site's pages hold every word typed, free of the DOM,
 * shared by the page script and node's tests. The index (page-index.json, macros/exports/page_index.py) holds
 * each section's page title, heading, URL (a path from the site root) and text.
 *
 * Every word of the query must start a word of the section (be one, if it has one or two letters) (its page title, its heading or its text); a section
 * whose heading or page title holds the words ranks above one whose text does, and a phrase found whole ranks
 * higher still; among equals, a section of the part of the site the reader is in (the first folder of `near`, a
 * path from the site root such as "shop/retries/") comes first. A paste (several lines, or a long text) is the lookup's to read, not this search's.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.ErrorLookupPages = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const LIMIT = 5;
  const MAX_QUERY = 100;
  const MAX_WORDS = 8;
  const SNIPPET = 160;
  const NON_WORD = /[^\p{L}\p{N}]+/gu;

  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function wordsOf(text) {
    return fold(text).split(NON_WORD).filter(Boolean);
  }

  /** The index as search() reads it: each section with its words folded once. */
  function createIndex(raw) {
    const sections = Array.isArray(raw && raw.sections) ? raw.sections : [];
    return sections.map((section) => {
      const title = `${section.page || ""} ${section.section || ""}`;
      return {
        section,
        titleWords: wordsOf(title),
        textWords: wordsOf(section.text || ""),
        titleText: ` ${wordsOf(title).join(" ")} `,
        bodyText: ` ${wordsOf(section.text || "").join(" ")} `,
      };
    });
  }

  /** Whether a word of the section starts with the word typed (a word of one or two letters, such as "no" or
   * "of", must be the whole word: as a start it would match half the site). */
  function startsAWord(words, word) {
    return word.length > 2 ? words.some((candidate) => candidate.startsWith(word)) : words.includes(word);
  }

  /** Whether the query is one this search answers: a few words on one line. */
  function answers(query) {
    const text = String(query);
    return !/[\r\n]/.test(text) && text.trim().length > 1 && text.length <= MAX_QUERY &&
      wordsOf(text).length <= MAX_WORDS;
  }

  function folderOf(path) {
    const at = String(path || "").indexOf("/");
    return at > 0 ? String(path).slice(0, at + 1) : "";
  }

  /** Up to `limit` sections holding every word of the query, best first, each with a snippet of its text. */
  function search(index, query, limit = LIMIT, near = "") {
    const folder = folderOf(near);
    if (!answers(query)) {
      return [];
    }
    const words = wordsOf(query);
    if (!words.length) {
      return [];
    }
    const phrase = ` ${words.join(" ")}`;
    const found = [];
    index.forEach((entry, position) => {
      let score = 0;
      for (const word of words) {
        if (startsAWord(entry.titleWords, word)) {
          score += 10;
        } else if (startsAWord(entry.textWords, word)) {
          score += 1;
        } else {
          return;
        }
      }
      if (folder && entry.section.url.startsWith(folder)) {
        score += 3;
      }
      if (entry.titleText.includes(phrase)) {
        score += 20;
      } else if (words.length > 1 && entry.bodyText.includes(phrase)) {
        score += 5;
      }
      found.push({ entry, score, position });
    });
    found.sort((a, b) => b.score - a.score || a.position - b.position);
    return found.slice(0, limit).map(({ entry }) => ({
      kind: "page",
      url: entry.section.url,
      page: entry.section.page,
      section: entry.section.section,
      catalog: entry.section.catalog,
      snippet: snippet(entry.section.text || "", words),
    }));
  }

  /** About SNIPPET characters of the text around the first word of the query it holds, cut at spaces. */
  function snippet(text, words) {
    const folded = fold(text);
    let at = -1;
    for (const word of words) {
      const match = new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").exec(folded);
      if (match && (at < 0 || match.index < at)) {
        at = match.index + match[1].length;
      }
    }
    if (text.length <= SNIPPET || at < SNIPPET / 2) {
      return cut(text, 0);
    }
    return cut(text, text.lastIndexOf(" ", at - SNIPPET / 3) + 1);
  }

  function cut(text, start) {
    const end = start + SNIPPET >= text.length ? text.length : text.lastIndexOf(" ", start + SNIPPET);
    const body = text.slice(start, end > start ? end : start + SNIPPET).trim();
    return `${start > 0 ? "… " : ""}${body}${end < text.length ? " …" : ""}`;
  }

  return { createIndex, search, answers, LIMIT };
});
