/* Error lookup: ranking entries by the evidence a pasted text holds, free of the DOM.
 *
 * lookup-paste.js reads the text into signals (tokens in code places, exception classes, statuses, message
 * segments); this module weighs them against the index: each entry collects its best evidence of each kind
 * (code, name, message), a catalog the text points to and an HTTP status that agrees add to it, and the
 * entries on which most agrees come first. lookup-core.js owns the index and the results and hands its helpers
 * to create().
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./lookup-paste.js"));
  } else {
    root.ErrorLookupEvidence = factory(root.ErrorLookupPaste);
  }
})(typeof self !== "undefined" ? self : this, function (Paste) {
  "use strict";

  /** The paste matching over the core's index and helpers: pasteStage() for createIndex, matchPaste() for lookup. */
  function create({
    prepare, push, normalize, normalizeMessage, words, find, TIER, PLACEHOLDER, addMessage, matchStatus, matchUnassigned,
  }) {
    /** Fill in the tables a pasted text is matched with: codes and names by exact key, messages by exact text and by
     * their rarest word, which a line must hold for the message to be inside it. */
    function pasteStage() {
      const codes = new Map();
      const names = new Map();
      const facts = new Map();
      return {
        each(index, id) {
          const entry = index.entries[id];
          push(codes, entry.codeKey, entry);
          for (const code of entry.aliasCodes) {
            push(codes, code.toLowerCase(), entry);
          }
          for (const fact of entry.facts) {
            if (fact.kind === "code") {
              push(facts, fact.value.toLowerCase(), entry);
            }
          }
          const keys = new Set([entry.nameNorm, entry.codeNorm, ...entry.aliasNorms].filter((key) => key.length >= 3));
          for (const key of keys) {
            push(names, key, entry);
          }
        },
        done(index) {
          const exact = new Map();
          const texts = [];
          for (const message of index.messages) {
            push(exact, message.key, message);
            if (message.key.length >= MIN_CONTAINED) {
              message.fragments = message.template.split(PLACEHOLDER);
              texts.push(message);
            }
          }
          for (const [key, entries] of index.text.descriptions) {
            if (key.length >= MIN_CONTAINED && !exact.has(key)) {
              texts.push({ key, fragments: [key], entries });
            }
          }
          index.paste = { codes, names, facts, exact, byWord: byRarestWord(texts) };
        },
      };
    }

    const MIN_CONTAINED = 12;
    /* The least evidence that may open a page straight away: one sure signal, such as a code after `code=`. */
    const DECISIVE_SCORE = 40;
    /* What each kind of evidence weighs; an entry's score is the sum of its best of each kind. */
    const WEIGHT = {
      code: [0, 30, 35, 40, 45, 50],
      name: [0, 25, 35, 30, 30, 30],
      format: 50,
      statusCode: 25,
      // A code-kind fact (a SQLSTATE in "ERROR 1062 (23000): ..."): it narrows down which entry the text means.
      fact: [0, 5, 10, 15, 20, 25],
      otherName: 15,
      exactMessage: 45,
      template: 40,
      description: 35,
      contained: 25,
      status: 10,
      wrongStatus: -15,
      catalog: 10,
    };

    /** Each text under the word of its own that the fewest texts share: a line must hold that word for the text
     * to stand inside it, and a rare word keeps the texts a line is checked against few. */
    function byRarestWord(texts) {
      const own = texts.map((text) => [...new Set(words(text.fragments.join(" ")).filter((w) => w.length >= 3))]);
      const shared = new Map();
      for (const list of own) {
        for (const word of list) {
          shared.set(word, (shared.get(word) || 0) + 1);
        }
      }
      const byWord = new Map();
      texts.forEach((text, at) => {
        let rarest = null;
        for (const word of own[at]) {
          if (rarest === null || shared.get(word) < shared.get(rarest)
              || (shared.get(word) === shared.get(rarest) && word.length > rarest.length)) {
            rarest = word;
          }
        }
        if (rarest !== null) {
          push(byWord, rarest, text);
        }
      });
      return byWord;
    }

    /** The evidence a paste holds for each entry, and what was read from it. */
    class Evidence {
      constructor() {
        this.byEntry = new Map();
        this.read = { codes: new Set(), messages: new Set() };
      }

      note(entry, kind, weight, detail = {}) {
        let record = this.byEntry.get(entry.id);
        if (!record) {
          record = { entry, kinds: {}, message: null, how: "" };
          this.byEntry.set(entry.id, record);
        }
        if ((record.kinds[kind] ?? -Infinity) < weight) {
          record.kinds[kind] = weight;
          if (kind === "message") {
            record.how = detail.how || "message in the text";
          }
        }
        if (detail.message && (!record.message || (!detail.message.example && record.message.example))) {
          record.message = detail.message;
        }
      }

      code(entries, weight, value) {
        for (const entry of entries) {
          this.note(entry, "code", weight);
        }
        if (entries.length) {
          this.read.codes.add(value);
        }
      }

      message(message, weight, how) {
        const entries = message.entries || [message.entry];
        for (const entry of entries) {
          this.note(entry, "message", weight, { message: message.entries ? null : message, how });
        }
        this.read.messages.add(message.text || message.key);
      }
    }

    /** Match the segments of a line (or a format's message part) against messages, templates and descriptions. */
    function readMessages(index, evidence, texts, catalog) {
      const { exact } = index.paste;
      for (const text of texts) {
        const key = normalizeMessage(text);
        if (key.length < 3) {
          continue;
        }
        for (const message of exact.get(key) || []) {
          if (!catalog || message.entry.catalog === catalog) {
            evidence.message(message, WEIGHT.exactMessage, message.example ? "example message" : "exact message");
          }
        }
        for (const entry of index.text.descriptions.get(key) || []) {
          if (!catalog || entry.catalog === catalog) {
            evidence.note(entry, "message", WEIGHT.description, { how: "exact description" });
            evidence.read.messages.add(text);
          }
        }
      }
    }

    /** Messages, templates and long descriptions that stand inside a line: whole segments weigh more than parts. */
    function containedMessages(index, evidence, line, segmentKeys) {
      const key = normalizeMessage(line);
      const tried = new Set();
      for (const word of new Set(words(key))) {
        for (const message of index.paste.byWord.get(word) || []) {
          if (tried.has(message)) {
            continue;
          }
          tried.add(message);
          const whole = segmentKeys.some((segment) => Paste.fragmentsMatch(message.fragments, segment, true));
          const template = message.fragments.length > 1;
          if (whole) {
            evidence.message(message, template ? WEIGHT.template : WEIGHT.exactMessage,
              template ? "message template" : "exact message");
          } else if (Paste.fragmentsMatch(message.fragments, key, false)) {
            evidence.message(message, WEIGHT.contained, "message found in the text");
          }
        }
      }
    }

    /** The catalogs' own line formats, run on the lines that hold each one's literal key. */
    function readFormats(index, evidence, lines, hinted) {
      const lower = lines.map((line) => line.toLowerCase());
      for (const catalog of index.catalogs) {
        for (const format of catalog.formats) {
          for (let at = 0; at < lines.length; at++) {
            if (format.key && !lower[at].includes(format.key)) {
              continue;
            }
            const match = format.pattern.exec(lines[at]);
            if (match) {
              hinted.add(catalog);
              readFormatMatch(index, evidence, catalog, format, match);
            }
          }
        }
      }
    }

    function readFormatMatch(index, evidence, catalog, format, match) {
      format.parts.forEach((part, at) => {
        const value = (match[at + 1] || "").trim();
        if (!value) {
          return;
        }
        if (part === "message") {
          readMessages(index, evidence, [value], catalog);
        } else if (part === "name") {
          const found = (index.paste.names.get(normalize(value)) || []).filter((e) => e.catalog === catalog);
          found.forEach((entry) => evidence.note(entry, "name", WEIGHT.format));
        } else if (part !== "status") {
          const system = part === "code" ? format.system : catalog.systems.find((s) => s.id === part);
          const found = (index.paste.codes.get(value.toLowerCase()) || []).filter(
            (e) => e.catalog === catalog && e.system === system,
          );
          evidence.code(found, WEIGHT.format, value);
        }
      });
    }

    /** Catalogs the text names: by id or title, as a word or inside one (ComposioError, api.codespar.dev). */
    function namedCatalogs(index, lines) {
      const sample = lines.slice(0, 200).join("\n").toLowerCase();
      const named = new Set();
      for (const catalog of index.catalogs) {
        const keys = [catalog.id, normalize(catalog.title)].filter((key) => key.length >= 4);
        if (keys.some((key) => sample.includes(key))) {
          named.add(catalog);
        }
      }
      return named;
    }

    /** Read a pasted text (log lines, exceptions, transcripts) for every signal in it, and rank entries by how
     * much evidence agrees; returns what was read, for the reader, or null when nothing in it names an error. */
    function matchPaste(index, text, results) {
      prepare(index, "paste");
      const read = Paste.readPaste(text);
      const evidence = new Evidence();
      const hinted = namedCatalogs(index, read.lines);
      for (const catalog of index.catalogs) {
        if (results.envelopes.has(catalog.id)) {
          hinted.add(catalog);
        }
      }
      const statusRead = new Set(read.statuses);
      const statuses = new Set(read.statuses);
      readFormats(index, evidence, read.lines, hinted);
      for (const token of read.tokens) {
        const codeEntries = index.paste.codes.get(token.value.toLowerCase()) || [];
        const numeric = /^\d+$/.test(token.value);
        const sure = token.place >= (token.value.length < 3 ? Paste.PLACE.prefixed + 2 : Paste.PLACE.bracketed);
        if (!numeric || sure || token.place === Paste.PLACE.prefixed) {
          // A code that is an HTTP status the text shows (curl's "error: 401") is only as sure as a status.
          const isStatus = (entry) => numeric && statuses.has(Number(token.value)) && entry.status === Number(token.value);
          evidence.code(codeEntries.filter((e) => !isStatus(e)), WEIGHT.code[token.place], token.value);
          evidence.code(codeEntries.filter(isStatus), WEIGHT.statusCode, token.value);
          if (numeric) {
            statusRead.add(Number(token.value));
          }
        }
        for (const entry of index.paste.facts.get(token.value.toLowerCase()) || []) {
          evidence.note(entry, "fact", WEIGHT.fact[token.place]);
        }
        if (!numeric) {
          // A word that is one entry's code is weak evidence for another entry that has it as its name.
          const weight = codeEntries.length ? WEIGHT.otherName : WEIGHT.name[token.place];
          for (const entry of index.paste.names.get(normalize(token.value)) || []) {
            if (!codeEntries.includes(entry)) {
              evidence.note(entry, "name", weight);
            }
          }
        }
      }
      for (const status of statusRead) {
        const named = (index.paste.codes.get(String(status)) || []).filter((entry) => entry.status === status);
        evidence.code(named, WEIGHT.statusCode, String(status));
      }
      const byLine = new Map();
      for (const segment of read.segments) {
        push(byLine, segment.line, segment.text);
      }
      for (const [at, texts] of byLine) {
        readMessages(index, evidence, texts);
        containedMessages(index, evidence, read.lines[at], texts.map(normalizeMessage));
      }
      const scored = [];
      for (const record of evidence.byEntry.values()) {
        const { entry, kinds } = record;
        let score = Object.values(kinds).reduce((sum, weight) => sum + weight, 0);
        if (statuses.size && entry.status !== null) {
          score += statuses.has(entry.status) ? WEIGHT.status : WEIGHT.wrongStatus;
        }
        if (hinted.has(entry.catalog)) {
          score += WEIGHT.catalog;
        }
        scored.push({ record, score });
      }
      const best = scored.reduce((top, item) => Math.max(top, item.score), 0);
      const answered = new Set();
      for (const { record, score } of scored) {
        if (score < WEIGHT.contained) {
          continue;
        }
        const tier = score >= best * 0.75 && score >= DECISIVE_SCORE ? TIER.exactCode : TIER.prefix;
        if (tier === TIER.exactCode) {
          answered.add(record.entry.catalog.id);
        }
        const match = evidenceLabel(record);
        if (record.message) {
          addMessage(results, record.message, tier, -score, match);
        } else {
          results.entry(record.entry, tier, -score, match);
        }
      }
      if (statuses.size <= 3) {
        const scopes = answered.size ? [...answered] : hinted.size === 1 ? [[...hinted][0].id] : [null];
        for (const status of statuses) {
          scopes.forEach((scope) => matchStatus(index, status, results, scope));
        }
      }
      if (!results.size) {
        for (const token of read.tokens) {
          if (token.place >= Paste.PLACE.prefixed) {
            matchUnassigned(index, token.value, results, hinted.size === 1 ? [...hinted][0].id : null);
          }
        }
      }
      if (!results.size) {
        matchErrorWords(index, read.lines, results, hinted);
      }
      if (hinted.size === 1) {
        results.pointsTo = [...hinted][0];
      }
      return describeRead(evidence.read, statuses);
    }

    const ERROR_LINE = /\b(?:error|fatal|panic|exception)\b|(?:Error|Exception):/i;
    const MAX_ERROR_WORDS = 12;
    const WORD_RESULTS = 5;

    /** A message no catalog lists: the entries whose text shares the most telling words with the error line, as a
     * last resort so that an error never finds nothing. Rare words weigh more (inverse document frequency). */
    function matchErrorWords(index, lines, results, hinted) {
      prepare(index);
      const line = lines.find((candidate) => ERROR_LINE.test(candidate));
      if (!line) {
        return;
      }
      const message = line.split(/:\s+/).filter((part) => part.trim()).pop() || "";
      const found = [...new Set(words(message).filter((word) => word.length >= 3 && !/^\d+$/.test(word)))]
        .slice(0, MAX_ERROR_WORDS);
      const scores = new Map();
      for (const word of found) {
        const ids = find(index.text.haystacks, word, "contains");
        if (!ids.length || ids.length > index.count / 4) {
          continue;
        }
        const weight = Math.log(index.count / ids.length);
        for (const id of ids) {
          scores.set(id, (scores.get(id) || 0) + weight);
        }
      }
      const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, WORD_RESULTS);
      for (const [id, score] of ranked) {
        const entry = index.entries[id];
        const bonus = hinted.has(entry.catalog) ? 1 : 0;
        results.entry(entry, TIER.close, -(score + bonus), "words of the error in its description");
      }
    }

    function evidenceLabel(record) {
      const { kinds, how } = record;
      if (Object.keys(kinds).length === 1 && how) {
        return how;
      }
      const found = [];
      if (kinds.code !== undefined) {
        found.push("code");
      }
      if (kinds.name !== undefined) {
        found.push("name");
      }
      if (kinds.message !== undefined) {
        found.push("message");
      }
      if (kinds.fact !== undefined) {
        found.push(record.entry.facts.find((fact) => fact.kind === "code")?.label || "fact");
      }
      const listed = found.length > 2 ? `${found.slice(0, -1).join(", ")} and ${found.at(-1)}` : found.join(" and ");
      return `${listed} in the text`;
    }

    function describeRead(read, statuses) {
      const parts = [];
      if (read.codes.size) {
        parts.push(`${read.codes.size === 1 ? "code" : "codes"} ${[...read.codes].slice(0, 3).join(", ")}`);
      }
      if (statuses.size) {
        parts.push(`status ${[...statuses].slice(0, 3).join(", ")}`);
      }
      const [message] = read.messages;
      if (message !== undefined) {
        parts.push(`message "${message.length > 120 ? message.slice(0, 117) + "..." : message}"`);
      }
      return parts.length ? `Read from the text: ${parts.join(", ")}.` : null;
    }

    return { pasteStage, matchPaste };
  }

  return { create };
});
