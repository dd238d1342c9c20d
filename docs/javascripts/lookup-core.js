/* Error lookup: the matching logic, free of the DOM, shared by the page script and node's tests.
 *
 * lookup(index, query) reads whatever the user has in hand (a code, a name, a message, a
 * pasted error response, an HTTP status, a range, a link) and returns ranked results.
 * Every result's url is a path relative to the site root, built from the index only.
 *
 * createIndex(raw) only takes the index in. What lookup() searches with (the entries, their codes
 * and names joined into one text each for the engine's string search, the text word queries read) is
 * built in steps by prepareStep(), in idle time, or all at once by the first lookup() that needs it.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./lookup-evidence.js"));
  } else {
    root.ErrorLookupCore = factory(root.ErrorLookupEvidence);
  }
})(typeof self !== "undefined" ? self : this, function (EvidenceModule) {
  "use strict";

  const MAX_TEXT = 500;
  const MAX_BODY = 2000000;
  const MAX_LOOSE_BODY = 65536;
  const LIMIT = 20;
  const CHUNK = 5000;
  const SEP = "\n";
  /* The ranking rules, all in one place. Every match lands in one tier; a result found in several
   * keeps its best. Lower tiers come first; within a tier, a lower rank first, then the order found.
   * A query whose first tiers (up to DECISIVE_TIER) all point at one page opens that page directly.
   *
   *   tier          what lands there                                              rank
   *   exactCode     the code, or an alias code, in any casing; a pasted            0; 1 when a pasted
   *                 response's code whose status agrees                             message disagrees
   *   exactName     the name or an alias in any casing and separators; a          0
   *                 pasted code whose status disagrees
   *   exactMessage  an exact message string (0), one its template matches (1),    as listed
   *                 a long message found inside the text (2), an exact description
   *   status        an HTTP status: its retry guidance in each catalog              catalog order
   *   range         a range or class named as the catalog names it (2 x catalog     2 x catalog order,
   *                 order), or the ones an unassigned code would belong to          + 1 for unassigned
   *   member        the codes of a range asked for (in catalog order), or of a     catalog order, or
   *                 status or of a range the reader wrote (by number)             the code's number
   *   prefix        a code, name or alias that starts with the query               its length
   *   contains      a name, alias or message containing the query, or a           its length
   *                 description holding every word of it
   *   close         a name, code or alias one or two edits away (typos)           the edit distance
   */
  const TIER = {
    exactCode: 0,
    exactName: 1,
    exactMessage: 2,
    status: 3,
    range: 4,
    member: 5,
    prefix: 6,
    contains: 7,
    close: 8,
  };
  const DECISIVE_TIER = TIER.exactMessage;
  const CODE_PLACEHOLDER = "{code}";
  const CODE_SHAPE = /^[a-z0-9_.-]{1,100}$/i;
  const CODE_KEYS = ["code", "error_code", "errorCode", "error_type", "type"];
  const STATUS_KEYS = ["status", "statusCode", "status_code", "http_status", "httpStatus"];
  const MESSAGE_KEYS = ["message", "msg", "detail", "error_description", "error_message", "errorMessage"];

  const NON_WORD = /[^\p{L}\p{N}]+/gu;
  const QUOTED_VALUE = /"[^"]{1,200}"/g;
  /* A name qualified by its module or package, as programs print an error's class or variable
   * (`psycopg2.errors.DivisionByZero`, `errors.ConnectedAccountGone`, `sqlite3.ErrBusySnapshot`): the last part. */
  const QUALIFIED_NAME = /^(?:[A-Za-z_$][\w$]*\.)+([A-Za-z_$][\w$]*)$/;

  const NON_ASCII = /[^\x00-\x7f]/;
  const NON_ASCII_WORD = /[^a-z0-9]+/g;

  function normalize(text) {
    const lower = String(text).toLowerCase();
    return NON_ASCII.test(lower) ? lower.replace(NON_WORD, "") : lower.replace(NON_ASCII_WORD, "");
  }

  function normalizeMessage(text) {
    return String(text)
      .trim()
      .replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, "")
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase();
  }

  function words(text) {
    return String(text).toLowerCase().split(NON_WORD).filter((w) => w.length >= 2);
  }

  function splitCamel(name) {
    return String(name).replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  }

  const ESCAPE_RUN = /(?:%[0-9a-f]{2})+/gi;
  const MAX_UTF8_ESCAPES = 4;

  /** text with its percent-escapes decoded by decode (decodeURIComponent, or decodeURI to keep the escapes of
   * reserved characters). Never throws: an escape that does not decode (a UTF-8 sequence cut short, a lone
   * surrogate) and a "%" that starts no escape are kept as they are, and the rest is decoded. */
  function safeDecode(text, decode = decodeURIComponent) {
    const source = String(text);
    try {
      return decode(source);
    } catch {
      return source.replace(ESCAPE_RUN, (run) => decodeRun(run, decode));
    }
  }

  /** A run of escapes ("%C3%A9%E0"), decoded from the start: what does not decode stays as it is. */
  function decodeRun(run, decode) {
    let decoded = "";
    for (let at = 0; at < run.length; ) {
      const [text, length] = decodeAt(run, at, decode);
      decoded += text;
      at += length;
    }
    return decoded;
  }

  /** The most escapes from run[at] that decode (a UTF-8 character takes one to four), decoded, and their length;
   * or the one escape at run[at], as it is, when none do. */
  function decodeAt(run, at, decode) {
    for (let count = Math.min(MAX_UTF8_ESCAPES, (run.length - at) / 3); count > 0; count--) {
      const escapes = run.slice(at, at + 3 * count);
      try {
        return [decode(escapes), escapes.length];
      } catch {
        // Fewer escapes, then: the last ones may start a character that the run cuts short.
      }
    }
    return [run.slice(at, at + 3), 3];
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  const PLACEHOLDER = /\{[a-z_][a-z0-9_]*\}/;

  function templatePattern(lowerText) {
    if (!PLACEHOLDER.test(lowerText)) {
      return null;
    }
    const parts = lowerText.split(PLACEHOLDER);
    return new RegExp("^" + parts.map(escapeRegExp).join(".+?") + "$", "s");
  }

  let distanceRows = [];

  /** Optimal-string-alignment distance between a and b, or -1 when it is above limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return -1;
    }
    if (a === b) {
      return 0;
    }
    if (!distanceRows.length || distanceRows[0].length <= b.length) {
      distanceRows = [0, 1, 2].map(() => new Int32Array(b.length + 1));
    }
    let [before, previous, current] = distanceRows;
    for (let j = 0; j <= b.length; j++) {
      previous[j] = j;
    }
    for (let i = 1; i <= a.length; i++) {
      const char = a.charCodeAt(i - 1);
      current[0] = i;
      let rowMin = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = char === b.charCodeAt(j - 1) ? 0 : 1;
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && char === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < rowMin) {
          rowMin = value;
        }
      }
      if (rowMin > limit) {
        return -1;
      }
      const spare = before;
      before = previous;
      previous = current;
      current = spare;
    }
    const result = previous[b.length];
    return result <= limit ? result : -1;
  }

  /** The kinds of character in text, as bits (character code modulo 32). */
  function charKinds(text) {
    let kinds = 0;
    for (let i = 0; i < text.length; i++) {
      kinds |= 1 << (text.charCodeAt(i) & 31);
    }
    return kinds;
  }

  function bitCount(bits) {
    const pairs = bits - ((bits >>> 1) & 0x55555555);
    const nibbles = (pairs & 0x33333333) + ((pairs >>> 2) & 0x33333333);
    return Math.imul((nibbles + (nibbles >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }

  /** The ids of the entries whose name or code may be within limit edits of key; the others surely are not,
   * by length or by kinds of character (an edit brings in at most one kind and takes away at most one). */
  function maybeNear(search, key, limit) {
    const keyKinds = charKinds(key);
    const near = (column, kinds, id) =>
      Math.abs(cellLength(column, id) - key.length) <= limit &&
      bitCount(kinds[id] & ~keyKinds) <= limit &&
      bitCount(keyKinds & ~kinds[id]) <= limit;
    const ids = [];
    for (let id = 0; id < search.nameKinds.length; id++) {
      if (near(search.names, search.nameKinds, id) || near(search.codeNorms, search.codeKinds, id)) {
        ids.push(id);
      }
    }
    const byAlias = [];
    for (let at = 0; at < search.aliasKinds.length; at++) {
      if (near(search.aliases, search.aliasKinds, at)) {
        byAlias.push(search.aliasOwners[at]);
      }
    }
    return byAlias.length ? merged([ids, byAlias.sort((a, b) => a - b)], search.nameKinds.length) : ids;
  }

  function allowedDistance(length) {
    if (length < 4) {
      return 0;
    }
    return length <= 7 ? 1 : 2;
  }

  /** Take in the raw lookup-index.json; prepare() builds, once, the entries and what lookup() searches them with. */
  function createIndex(raw) {
    const vocabulary = raw.vocabulary;
    const catalogs = raw.catalogs.map((record, position) => {
      const systems = record.systems.map(([id, title, primary, path]) => ({ id, title, primary: Boolean(primary), path }));
      const statuses = new Map(
        record.statuses.map(([status, title, retryable, how, note, url]) => [
          status,
          { status, title, retryable: vocabulary.retryable[retryable], how, note, url },
        ]),
      );
      const groups = record.groups.map(([id, title, path]) => ({ id, title, path }));
      const ranges = record.ranges.map((range) => ({
        label: range.label,
        name: range.name,
        group: range.group >= 0 ? groups[range.group] : null,
        system: systems[range.system],
        declared: Boolean(range.declared),
        names: range.names,
        span: range.span || null,
        pattern: range.pattern ? new RegExp(range.pattern) : null,
      }));
      return {
        position,
        id: record.id,
        title: record.title,
        http: Boolean(record.http),
        term: record.term,
        systems,
        envelope: record.envelope || {},
        statuses,
        groups,
        ranges,
        retryPage: record.retryPage,
        path: record.path,
        assigned: new Set(),
        formats: (record.formats || []).map(([system, source, parts, key, seenIn]) => ({
          system: systems[system],
          pattern: new RegExp(source, "i"),
          parts,
          key,
          seenIn,
        })),
        // The searched facts, each with its values in the order of the catalog's entries ("" where none).
        facts: (record.facts || []).map(([label, kind, values]) => ({ label, kind, values })),
        entryCount: 0,
      };
    });
    return {
      catalogs,
      labels: vocabulary.labels,
      count: raw.entries.length,
      entries: [],
      messages: [],
      search: null,
      text: null,
      paste: null,
      pending: [entryStage(raw), textStage(), Evidence.pasteStage()],
      lastWords: null,
    };
  }

  /** Make the entries, their keys and paths, and the tables every query searches. */
  function entryStage(raw) {
    const users = [];
    const nameKinds = [];
    const codeKinds = [];
    const aliasNames = [];
    const aliasKinds = [];
    const aliasOwners = [];
    const aliasCodes = [];
    const aliasCodeOwners = [];
    const factCodes = new Map();
    return {
      each(index, id) {
        const entry = entryFrom(index.catalogs, raw.vocabulary, raw.entries[id], id);
        entry.catalog.assigned.add(entry.codeKey);
        for (const code of entry.aliasCodes) {
          entry.catalog.assigned.add(code.toLowerCase());
          aliasCodes.push(code.toLowerCase());
          aliasCodeOwners.push(id);
        }
        for (const name of entry.aliases) {
          aliasNames.push(normalize(name));
          aliasKinds.push(charKinds(normalize(name)));
          aliasOwners.push(id);
        }
        for (const fact of entry.facts) {
          if (fact.kind === "code") {
            push(factCodes, fact.value.toLowerCase(), [entry, fact]);
          }
        }
        push((users[entry.catalog.position] ??= new Map()), entry.status, entry);
        nameKinds.push(charKinds(entry.nameNorm));
        codeKinds.push(charKinds(entry.codeNorm));
        index.entries.push(entry);
      },
      done(index) {
        const { entries } = index;
        const labels = raw.vocabulary.labels.translations || {};
        const messages = [];
        for (const [entryIndex, text, anchor, kind, hint, translations] of raw.messages) {
          const message = messageFrom(messages.length, entries[entryIndex], text, anchor, kind === 1, hint);
          messages.push(message);
          // Each translation is a text of its own that leads to the same message: found the same ways, said apart.
          for (const [lang, translated] of Object.entries(translations || {})) {
            messages.push(Object.assign(messageFrom(messages.length, message.entry, translated, anchor, false, hint), {
              of: message.id, lang, language: labels[lang] || lang,
            }));
          }
        }
        index.messages = messages;
        index.search = {
          codes: column(entries.map((e) => e.codeKey)),
          codeNorms: column(entries.map((e) => e.codeNorm)),
          names: column(entries.map((e) => e.nameNorm)),
          nameKinds: Int32Array.from(nameKinds),
          codeKinds: Int32Array.from(codeKinds),
          aliases: column(aliasNames),
          aliasKinds: Int32Array.from(aliasKinds),
          aliasOwners: Int32Array.from(aliasOwners),
          aliasCodes: column(aliasCodes),
          aliasCodeOwners: Int32Array.from(aliasCodeOwners),
          factCodes,
          users,
        };
      },
    };
  }

  function entryFrom(catalogs, vocabulary, row, id) {
    const [catalogIndex, systemIndex, code, name, status, retryable, description, groupIndex, anchor, lifecycle,
      severity, aliases, aliasCodes] = row;
    const catalog = catalogs[catalogIndex];
    const system = catalog.systems[systemIndex];
    const path = codePagePath(system, code);
    const position = catalog.entryCount++;
    return {
      id,
      catalog,
      system,
      code,
      codeKey: code.toLowerCase(),
      codeNorm: normalize(code),
      numeric: asNumber(code),
      name,
      nameNorm: normalize(name),
      aliases: aliases || [],
      aliasNorms: (aliases || []).map(normalize),
      aliasCodes: aliasCodes || [],
      // The catalog's searched facts this entry gives, as { label, kind, value }: shown as badges, found as codes.
      facts: catalog.facts.flatMap(({ label, kind, values }) => (values[position]
        ? [{ label, kind, value: values[position] }] : [])),
      status,
      retryable: vocabulary.retryable[retryable],
      severity: vocabulary.severity[severity] || null,
      description,
      descriptionKey: null,
      group: catalog.groups[groupIndex],
      anchor: anchor || "",
      lifecycle: lifecycle || "active",
      path,
      url: withAnchor(path, anchor),
    };
  }

  /** A message the lookup matches: a published message string, an example of what a system prints, or a
   * translation of a published message (`of` is then the message's id, `lang` its language tag). */
  function messageFrom(id, entry, text, anchor, example, hint) {
    const key = normalizeMessage(text);
    // An example message's quoted values ("users" in `relation "users" does not exist`) vary: read them as
    // placeholders, so that the same message about another table is found too.
    const template = example ? key.replace(QUOTED_VALUE, '"{value}"') : key;
    return {
      id, of: id, entry, text, key, template, pattern: templatePattern(template), anchor, example, hint: hint || "",
      lang: "", language: "",
    };
  }

  /** A code page's path: the index gives each system's path with {code} in place of the code. */
  function codePagePath(system, code) {
    return system.path.replace(CODE_PLACEHOLDER, code);
  }

  function withAnchor(path, anchor) {
    return anchor ? `${path}#${anchor}` : path;
  }

  /** The code as a whole number when it is written as one ("1806"; not "0100" or "22P02"). */
  function asNumber(code) {
    return /^(0|[1-9]\d*)$/.test(code) ? Number(code) : null;
  }

  /** Fill in the text that only message and word queries need. */
  function textStage() {
    const haystacks = [];
    const descriptions = new Map();
    return {
      each(index, id) {
        const entry = index.entries[id];
        entry.descriptionKey = normalizeMessage(entry.description);
        const aliases = entry.aliases.concat(entry.aliasCodes).map(splitCamel).join(" ");
        const factWords = entry.facts.filter((fact) => fact.kind !== "code").map((fact) => fact.value).join(" ");
        haystacks.push(`${entry.code} ${splitCamel(entry.name)} ${aliases} ${entry.description} ${factWords}`.toLowerCase());
        if (entry.descriptionKey) push(descriptions, entry.descriptionKey, entry);
      },
      done(index) {
        index.text = { haystacks: column(haystacks), descriptions };
      },
    };
  }

  /** Build the next part of what lookup() searches with: true if there was one, false once all is built. */
  function prepareStep(index) {
    const stage = index.pending[0];
    if (!stage) {
      return false;
    }
    stage.next ??= 0;
    if (stage.next < index.count) {
      const end = Math.min(stage.next + CHUNK, index.count);
      for (let id = stage.next; id < end; id++) {
        stage.each(index, id);
      }
      stage.next = end;
    } else {
      stage.done(index);
      index.pending.shift();
    }
    return true;
  }

  /** Build what lookup() searches with up to part ("search" or "text"), unless idle time has built it already. */
  function prepare(index, part = "text") {
    while (!index[part] && prepareStep(index));
  }

  /** One field of every entry, joined into one text, so that a native string search finds the entries. */
  function column(values) {
    const starts = new Int32Array(values.length + 1);
    let at = SEP.length;
    values.forEach((value, i) => {
      starts[i] = at;
      at += value.length + SEP.length;
    });
    starts[values.length] = at;
    return { text: SEP + values.join(SEP) + SEP, starts };
  }

  /** The position of the value in column that covers offset. */
  function owner(starts, offset) {
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /** The ids, in order, of the values in column that start with ("prefix"), contain ("contains") or equal ("exact") needle.
   * A match of a prefix or exact pattern starts at the separator before its value; the search goes on from the next one. */
  function find(column, needle, how) {
    const { text, starts } = column;
    const last = starts.length - 2;
    const inside = how === "contains";
    const pattern = inside ? needle : how === "prefix" ? SEP + needle : SEP + needle + SEP;
    const ids = [];
    let at = text.indexOf(pattern);
    while (at >= 0) {
      const id = owner(starts, inside ? at : at + SEP.length);
      if (holds(column, id, needle, how, at)) {
        ids.push(id);
      }
      at = id < last ? text.indexOf(pattern, inside ? starts[id + 1] : starts[id + 1] - SEP.length) : -1;
    }
    return ids;
  }

  /** Whether the value at id holds needle: a match found at offset may start or end outside it. */
  function holds(column, id, needle, how, offset) {
    const start = column.starts[id];
    const end = column.starts[id + 1] - SEP.length;
    if (how === "contains") {
      return (offset >= start && offset + needle.length <= end) || cell(column, id).includes(needle);
    }
    const fits = how === "prefix" ? needle.length <= end - start : needle.length === end - start;
    return fits && column.text.startsWith(needle, start);
  }

  function cell(column, id) {
    return column.text.slice(column.starts[id], column.starts[id + 1] - SEP.length);
  }

  function cellLength(column, id) {
    return column.starts[id + 1] - SEP.length - column.starts[id];
  }

  /** Every id in the sorted id lists, once, in order. */
  function merged(lists, count) {
    const filled = lists.filter((list) => list.length);
    if (filled.length <= 1) {
      return filled[0] || [];
    }
    const marked = new Uint8Array(count);
    for (const list of filled) {
      for (const id of list) {
        marked[id] = 1;
      }
    }
    const ids = [];
    for (let id = 0; id < count; id++) {
      if (marked[id]) {
        ids.push(id);
      }
    }
    return ids;
  }

  /** The entries whose code, or one of whose alias codes, is codeKey (lowercase). */
  function entriesWithCode(index, codeKey) {
    const { codes, aliasCodes, aliasCodeOwners } = index.search;
    const byAlias = find(aliasCodes, codeKey, "exact").map((at) => aliasCodeOwners[at]);
    const ids = merged([find(codes, codeKey, "exact"), byAlias.sort((a, b) => a - b)], index.count);
    return ids.map((id) => index.entries[id]);
  }

  /** The ids of the entries with an alias that starts with (or contains) key. */
  function entriesWithAlias(index, key, how) {
    const { aliases, aliasOwners } = index.search;
    return [...new Set(find(aliases, key, how).map((at) => aliasOwners[at]))].sort((a, b) => a - b);
  }

  function push(map, key, value) {
    const list = map.get(key);
    if (list) {
      list.push(value);
    } else {
      map.set(key, [value]);
    }
  }

  /** Every match once, at its best tier and rank; a result's item is only made when it is returned. */
  class Results {
    constructor() {
      this.records = new Map();
      this.seq = 0;
      this.envelopes = new Set();
    }

    get size() {
      return this.records.size;
    }

    /** Keep the result under key at tier and rank unless it is already as good; make(detail) makes its item. */
    add(key, tier, rank, make, detail) {
      const known = this.records.get(key);
      if (known && (known.tier < tier || (known.tier === tier && known.rank <= rank))) {
        return;
      }
      this.records.set(key, { tier, rank, seq: known ? known.seq : this.seq++, make, detail });
    }

    entry(entry, tier, rank, match) {
      this.add(entry.id, tier, rank, entryItem, { entry, match });
    }

    /** Whether any result is an entry (not only ranges, classes or statuses). */
    hasEntries() {
      for (const record of this.records.values()) {
        if (record.detail && record.detail.entry) {
          return true;
        }
      }
      return false;
    }

    countBetterThan(tier) {
      let count = 0;
      for (const record of this.records.values()) {
        if (record.tier < tier) {
          count++;
        }
      }
      return count;
    }

    /** The first `limit` items in order, and every item of a tier that can decide the answer, in order. */
    ranked(limit) {
      const records = [...this.records.values()];
      const first = Number.isInteger(limit) && limit > 0 && limit < records.length
        ? topRecords(records, limit)
        : records.sort(compareRecords).slice(0, limit);
      const decisive = records.filter((record) => record.tier <= DECISIVE_TIER).sort(compareRecords);
      return { items: first.map(itemOf), decisive: decisive.map(itemOf) };
    }
  }

  function compareRecords(a, b) {
    return a.tier - b.tier || a.rank - b.rank || a.seq - b.seq;
  }

  /** The best `limit` records in order, without sorting them all. */
  function topRecords(records, limit) {
    const top = [];
    for (const record of records) {
      if (top.length === limit && compareRecords(record, top[limit - 1]) >= 0) {
        continue;
      }
      let at = top.length;
      while (at > 0 && compareRecords(record, top[at - 1]) < 0) {
        at--;
      }
      top.splice(at, 0, record);
      if (top.length > limit) {
        top.pop();
      }
    }
    return top;
  }

  function itemOf(record) {
    record.item ??= Object.assign(record.make(record.detail), { tier: record.tier, rank: record.rank, seq: record.seq });
    return record.item;
  }

  function entryItem({ entry, match }) {
    return {
      kind: "entry",
      match,
      url: entry.url,
      page: entry.path,
      catalog: entry.catalog.title,
      catalogId: entry.catalog.id,
      system: entry.system.primary ? null : entry.system.title,
      code: entry.code,
      name: entry.name,
      aliases: entry.aliases.concat(entry.aliasCodes),
      facts: entry.facts.map((fact) => [fact.label, fact.value]),
      http: entry.catalog.http,
      status: entry.status,
      severity: entry.severity,
      retryable: entry.retryable,
      description: entry.description,
      lifecycle: entry.lifecycle,
    };
  }

  function messageItem(message, match) {
    const entry = message.entry;
    return {
      kind: "message",
      match,
      url: withAnchor(entry.path, message.anchor),
      page: entry.path,
      catalog: entry.catalog.title,
      catalogId: entry.catalog.id,
      system: null,
      code: entry.code,
      name: entry.name,
      facts: entry.facts.map((fact) => [fact.label, fact.value]),
      http: entry.catalog.http,
      status: entry.status,
      severity: entry.severity,
      retryable: entry.retryable,
      description: message.text,
      lang: message.lang,
      hint: message.hint,
      lifecycle: entry.lifecycle,
    };
  }

  function statusItem(catalog, policy, count) {
    return {
      kind: "status",
      match: "retry guidance for this status",
      url: policy.url,
      page: catalog.retryPage,
      catalog: catalog.title,
      catalogId: catalog.id,
      status: policy.status,
      name: policy.title,
      retryable: policy.retryable,
      description: `${policy.how[0].toUpperCase()}${policy.how.slice(1)}. ${count} ${count === 1 ? "code uses" : "codes use"} this status.`,
      note: policy.note,
    };
  }

  function rangeItem(catalog, range, code) {
    const page = range.group ? range.group.path : catalog.path;
    const [term] = catalog.term;
    const where = range.declared ? `${term} ${range.label}, ${range.name}` : `the published span ${range.label} of ${range.name}`;
    return {
      kind: "range",
      match: range.declared ? `declared ${term}` : "published span",
      url: page,
      page,
      catalog: catalog.title,
      catalogId: catalog.id,
      term: term[0].toUpperCase() + term.slice(1),
      label: range.label,
      name: range.name,
      code: code === undefined ? null : code,
      description: code === undefined
        ? `${term[0].toUpperCase()}${term.slice(1)} ${range.label}${range.declared ? "" : " (published span)"}: ${range.name}.`
        : `Code ${code} is not assigned. It would be in ${where}.`,
    };
  }

  /** Whether a range holds the code: a whole number inside its span, or a code its pattern matches. */
  function rangeHolds(range, code) {
    if (range.span) {
      const number = asNumber(code);
      return number !== null && range.span[0] <= number && number <= range.span[1];
    }
    return range.pattern.test(code.toLowerCase());
  }

  function inScope(catalog, scope) {
    return !scope || catalog.id === scope;
  }

  /** An HTTP status: its retry guidance in each catalog, and the codes that use it; whether any catalog has it. */
  function matchStatus(index, number, results, scope) {
    let found = false;
    for (const catalog of index.catalogs) {
      const policy = inScope(catalog, scope) ? catalog.statuses.get(number) : undefined;
      if (!policy) {
        continue;
      }
      found = true;
      const users = index.search.users[catalog.position]?.get(number) || [];
      results.add(`s${catalog.id}:${number}`, TIER.status, catalog.position, () =>
        statusItem(catalog, policy, users.length),
      );
      for (const entry of users) {
        results.entry(entry, TIER.member, entry.numeric ?? 0, "uses this HTTP status");
      }
    }
    return found;
  }

  /** A code no entry has: the ranges (or classes) it would belong to. */
  function matchUnassigned(index, code, results, scope) {
    if (!CODE_SHAPE.test(code)) {
      return;
    }
    for (const catalog of index.catalogs) {
      if (!inScope(catalog, scope) || catalog.assigned.has(code.toLowerCase())) {
        continue;
      }
      catalog.ranges.forEach((range, at) => {
        if (rangeHolds(range, code)) {
          results.add(`r${catalog.id}:${at}`, TIER.range, catalog.position * 2 + 1, () => rangeItem(catalog, range, code));
        }
      });
    }
  }

  /** A range or class named the way the catalog names it (18xx, 1800-1899, 22, 22xxx): it, and its codes. */
  function matchRangeName(index, key, results, scope) {
    let found = false;
    for (const catalog of index.catalogs) {
      if (!inScope(catalog, scope)) {
        continue;
      }
      catalog.ranges.forEach((range, at) => {
        if (!range.names.includes(key)) {
          return;
        }
        found = true;
        results.add(`r${catalog.id}:${at}`, TIER.range, catalog.position * 2, () => rangeItem(catalog, range));
        for (const entry of index.entries) {
          if (entry.catalog === catalog && entry.system === range.system && rangeHolds(range, entry.code)) {
            results.entry(entry, TIER.member, entry.id, `in this ${catalog.term[0]}`);
          }
        }
      });
    }
    return found;
  }

  /** Codes a range written by the reader holds: numbers between two (1800-1850), or codes like 180x or 22Pxx. */
  function matchRange(index, range, results, scope) {
    for (const entry of index.entries) {
      if (!inScope(entry.catalog, scope)) {
        continue;
      }
      const inside = range.pattern
        ? range.pattern.test(entry.codeKey)
        : entry.system.primary && entry.numeric !== null && range.start <= entry.numeric && entry.numeric <= range.end;
      if (inside) {
        results.entry(entry, TIER.member, entry.numeric ?? entry.id, "in this range");
      }
    }
  }

  /** A range the reader wrote: `1800-1899` ({start, end}) or `18xx`, `22Pxx` ({pattern}), else null. */
  function parseRange(text) {
    const match = /^(\d+)\s*(?:-|–|—|\.\.)\s*(\d+)$/.exec(text);
    if (match) {
      const start = Number(match[1]);
      const end = Number(match[2]);
      return start <= end ? { start, end } : null;
    }
    const wildcard = /^([a-z0-9]*[a-wyz0-9])(x+)$/i.exec(text);
    if (wildcard && (/\d/.test(wildcard[1]) || wildcard[2].length > 1)) {
      return { pattern: new RegExp(`^${escapeRegExp(wildcard[1].toLowerCase())}[0-9a-z]{${wildcard[2].length}}$`) };
    }
    return null;
  }

  /** How a range query is compared with the names of the catalogs' ranges: lowercase, `1800 - 1899` as `1800-1899`. */
  function rangeKey(text) {
    return text.toLowerCase().replace(/\s*(?:-|–|—|\.\.)\s*/, "-");
  }

  /** A message as a result: its own row when it has an anchor on its page, else its entry's row. A message and its
   * translations share the row, which says what matched in which language ("exact message (German translation)"). */
  function addMessage(results, message, tier, rank, match) {
    const said = message.language ? `${match} (${message.language})` : match;
    if (message.anchor) {
      results.add(`m${message.of}`, tier, rank, () => messageItem(message, said));
    } else {
      results.entry(message.entry, tier, rank, said);
    }
  }

  function matchMessages(index, key, results, scope, status) {
    if (!key) {
      return;
    }
    for (const message of index.messages) {
      const entry = message.entry;
      if (!inScope(entry.catalog, scope) || (status !== undefined && status !== null && entry.status !== status)) {
        continue;
      }
      if (message.key === key) {
        addMessage(results, message, TIER.exactMessage, 0, "exact message");
      } else if (message.pattern && message.pattern.test(key)) {
        addMessage(results, message, TIER.exactMessage, 1, "message template");
      } else if (key.length >= 3 && message.key.includes(key)) {
        addMessage(results, message, TIER.contains, message.key.length, "part of a message");
      } else if (message.key.length >= 12 && !message.pattern && key.includes(message.key)) {
        addMessage(results, message, TIER.exactMessage, 2, "message found in the text");
      }
    }
  }

  function matchText(index, text, results, scope) {
    prepare(index, "search");
    const query = text.trim();
    const lower = query.toLowerCase();
    const key = normalize(query);
    const messageKey = normalizeMessage(query);
    let exactCode = false;
    for (const entry of entriesWithCode(index, lower)) {
      if (inScope(entry.catalog, scope)) {
        results.entry(entry, TIER.exactCode, 0, entry.codeKey === lower ? "exact code" : "alias code");
        exactCode = true;
      }
    }
    for (const [entry, fact] of index.search.factCodes.get(lower) || []) {
      // A fact that several errors share (a SQLSTATE, a primary code) lists them as members of one family.
      if (inScope(entry.catalog, scope)) {
        results.entry(entry, TIER.member, 0, `${fact.label} ${fact.value}`);
        exactCode = true;
      }
    }
    const named = matchRangeName(index, rangeKey(query), results, scope);
    const range = exactCode ? null : parseRange(query);
    if (range) {
      if (!named) {
        matchRange(index, range, results, scope);
      }
      return;
    }
    const spaced = /\s/.test(query);
    for (const entry of key ? entriesWithKey(index, key) : []) {
      if (inScope(entry.catalog, scope)) {
        const how = entry.nameNorm === key ? "exact name" : entry.codeNorm === key ? "exact code" : "alias";
        // Words that spell a name ("too many connections") weigh less than the same words as an exact message.
        results.entry(entry, spaced ? TIER.exactMessage : TIER.exactName, spaced ? 3 : 0, how);
      }
    }
    const qualified = exactCode ? null : QUALIFIED_NAME.exec(query);
    const last = qualified ? normalize(qualified[1]) : "";
    for (const entry of last ? entriesWithKey(index, last) : []) {
      if (inScope(entry.catalog, scope)) {
        const how = entry.nameNorm === last ? "qualified name" : entry.codeNorm === last ? "qualified code" : "alias";
        results.entry(entry, TIER.exactName, 1, how);
      }
    }
    const numeric = /^\d+$/.test(query);
    const statusFound = numeric && matchStatus(index, Number(query), results, scope);
    if (!exactCode && (!statusFound || scope)) {
      matchUnassigned(index, query, results, scope);
    }
    matchMessages(index, messageKey, results, scope);
    const queryWords = numeric ? [] : words(query);
    if (queryWords.length || messageKey.length >= 8) {
      prepare(index, "text");
    }
    const wordIds = queryWords.length ? wordMatches(index, queryWords) : [];
    const wordMatch = new Uint8Array(index.count);
    for (const id of wordIds) {
      wordMatch[id] = 1;
    }
    for (const id of candidates(index, lower, key, messageKey, wordIds)) {
      const entry = index.entries[id];
      if (!inScope(entry.catalog, scope)) {
        continue;
      }
      if (messageKey.length >= 8 && entry.descriptionKey === messageKey) {
        results.entry(entry, TIER.exactMessage, 0, "exact description");
      }
      if (entry.codeKey.startsWith(lower) && entry.codeKey !== lower) {
        results.entry(entry, TIER.prefix, entry.code.length, "code starts with it");
      } else if (key.length >= 2 && entry.nameNorm.startsWith(key) && entry.nameNorm !== key) {
        results.entry(entry, TIER.prefix, entry.nameNorm.length, "name starts with it");
      } else if (key.length >= 2 && entry.aliasNorms.some((alias) => alias.startsWith(key) && alias !== key)) {
        results.entry(entry, TIER.prefix, entry.nameNorm.length, "alias starts with it");
      } else if (key.length >= 3 && (entry.nameNorm.includes(key) || entry.codeNorm.includes(key))) {
        results.entry(entry, TIER.contains, entry.nameNorm.length, "name contains it");
      } else if (key.length >= 3 && entry.aliasNorms.some((alias) => alias.includes(key))) {
        results.entry(entry, TIER.contains, entry.nameNorm.length, "alias contains it");
      } else if (wordMatch[id]) {
        results.entry(entry, TIER.contains, cellLength(index.text.haystacks, id), "description matches");
      }
    }
    const limit = allowedDistance(key.length);
    if (limit > 0 && results.countBetterThan(TIER.close) < LIMIT) {
      for (const id of maybeNear(index.search, key, limit)) {
        const entry = index.entries[id];
        if (!inScope(entry.catalog, scope)) {
          continue;
        }
        const found = [entry.nameNorm, entry.codeNorm, ...entry.aliasNorms]
          .filter(Boolean)
          .map((text) => distance(text, key, limit))
          .filter((d) => d >= 0);
        const best = found.length ? Math.min(...found) : -1;
        if (best > 0) {
          results.entry(entry, TIER.close, best, "close match");
        }
      }
    }
  }

  function entriesWithKey(index, key) {
    const { codeNorms, names } = index.search;
    const ids = merged([find(codeNorms, key, "exact"), find(names, key, "exact"), entriesWithAlias(index, key, "exact")],
      index.count);
    return ids.map((id) => index.entries[id]);
  }

  /** The ids, in order, of every entry the scan in matchText can match: the rest cannot match. */
  function candidates(index, lower, key, messageKey, wordIds) {
    const { codes, codeNorms, names } = index.search;
    const lists = [find(codes, lower, "prefix")];
    if (key.length >= 3) {
      lists.push(find(names, key, "contains"), find(codeNorms, key, "contains"), entriesWithAlias(index, key, "contains"));
    } else if (key.length >= 2) {
      lists.push(find(names, key, "prefix"), entriesWithAlias(index, key, "prefix"));
    }
    lists.push(wordIds);
    if (messageKey.length >= 8) {
      lists.push((index.text.descriptions.get(messageKey) || []).map((entry) => entry.id));
    }
    return merged(lists, index.count);
  }

  /** The ids of the entries whose text holds every word. While a query is typed, each one narrows down the last. */
  function wordMatches(index, queryWords) {
    const { haystacks } = index.text;
    const last = index.lastWords;
    const narrower = last && last.words.every((w) => queryWords.some((word) => word.includes(w)));
    const pool = narrower ? last.ids : find(haystacks, longestOf(queryWords), "contains");
    const ids = pool.filter((id) => {
      const haystack = cell(haystacks, id);
      return queryWords.every((w) => haystack.includes(w));
    });
    index.lastWords = { words: queryWords, ids };
    return ids;
  }

  function longestOf(texts) {
    return texts.reduce((a, b) => (b.length > a.length ? b : a));
  }

  function valueAt(body, path) {
    let node = body;
    for (const step of path) {
      if (node === null || typeof node !== "object" || !(step in node)) {
        return undefined;
      }
      node = node[step];
    }
    return node;
  }

  function findKey(body, keys, accept) {
    const queue = [[body, 0]];
    let visited = 0;
    while (queue.length && visited < 500) {
      const [node, depth] = queue.shift();
      visited++;
      for (const key of keys) {
        if (Object.prototype.hasOwnProperty.call(node, key) && accept(node[key])) {
          return node[key];
        }
      }
      if (depth < 4) {
        for (const value of Object.values(node)) {
          if (value && typeof value === "object") {
            queue.push([value, depth + 1]);
          }
        }
      }
    }
    return undefined;
  }

  const isCode = (v) => (typeof v === "string" && v.length > 0 && v.length <= 200) || Number.isInteger(v);
  const isText = (v) => typeof v === "string" && v.length > 0;

  function toStatus(value) {
    const number = typeof value === "string" && /^\d{3}$/.test(value.trim()) ? Number(value) : value;
    return Number.isInteger(number) && number >= 100 && number <= 599 ? number : null;
  }

  function readBody(text) {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start < 0 || end <= start) {
      return null;
    }
    try {
      const body = JSON.parse(text.slice(start, end + 1));
      return body && typeof body === "object" && !Array.isArray(body) ? body : null;
    } catch {
      return looseBody(text.slice(start, Math.min(end + 1, start + MAX_LOOSE_BODY)));
    }
  }

  function looseBody(text) {
    const body = {};
    const pair = /["']?([A-Za-z_][\w-]*)["']?\s*[:=]\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|-?\d+)/g;
    let match;
    let count = 0;
    while ((match = pair.exec(text)) && count++ < 200) {
      const [, key, raw] = match;
      if (key in body) {
        continue;
      }
      if (/^-?\d+$/.test(raw)) {
        body[key] = Number(raw);
      } else {
        try {
          body[key] = raw.startsWith('"') ? JSON.parse(raw) : raw.slice(1, -1);
        } catch {
          body[key] = raw.slice(1, -1);
        }
      }
    }
    if (!Object.keys(body).length) {
      return null;
    }
    LOOSE.add(body);
    return body;
  }

  /** Bodies read pair by pair from text that is not JSON: their keys are flat, so an envelope field is read by
   * the last key of its path (`code` for error.code). */
  const LOOSE = new WeakSet();

  function envelopeValue(body, path) {
    const value = valueAt(body, path);
    return value === undefined && LOOSE.has(body) && path.length ? body[path[path.length - 1]] : value;
  }

  function readResponse(index, body) {
    const readings = [];
    for (const catalog of index.catalogs) {
      const envelope = catalog.envelope;
      const reading = {
        scope: catalog.id,
        code: envelope.code ? envelopeValue(body, envelope.code) : undefined,
        status: envelope.status ? toStatus(envelopeValue(body, envelope.status)) : null,
        message: envelope.message ? envelopeValue(body, envelope.message) : undefined,
      };
      if (!isCode(reading.code)) {
        reading.code = undefined;
      }
      if (!isText(reading.message)) {
        reading.message = undefined;
      }
      if (reading.code !== undefined || reading.message !== undefined) {
        readings.push(reading);
      }
    }
    const error = body.error;
    const generic = {
      scope: null,
      code: findKey(body, CODE_KEYS, isCode),
      status: toStatus(findKey(body, STATUS_KEYS, (v) => toStatus(v) !== null)),
      message: findKey(body, MESSAGE_KEYS, isText),
    };
    if (isText(error) && error.length <= 200) {
      if (generic.code === undefined && entriesWithCode(index, error.toLowerCase()).length) {
        generic.code = error;
      } else if (generic.message === undefined) {
        generic.message = error;
      }
    }
    readings.push(generic);
    return readings;
  }

  function matchResponse(index, body, results) {
    prepare(index);
    const readings = readResponse(index, body);
    const generic = readings[readings.length - 1];
    for (const reading of readings) {
      const status = reading.status ?? generic.status;
      const message = reading.message ?? generic.message;
      const messageKey = message === undefined ? "" : normalizeMessage(message);
      if (reading.code !== undefined) {
        for (const entry of entriesWithCode(index, String(reading.code).toLowerCase())) {
          if (!inScope(entry.catalog, reading.scope)) {
            continue;
          }
          const statusAgrees = status === null || entry.status === status;
          const messageAgrees = messageKey && entry.descriptionKey === messageKey ? 0 : 1;
          results.entry(entry, statusAgrees ? TIER.exactCode : TIER.exactName, messageAgrees, "code from the response");
          if (reading.scope) {
            results.envelopes.add(reading.scope);
          }
        }
      }
      if (messageKey) {
        const before = results.size;
        matchMessages(index, messageKey, results, reading.scope, status);
        if (results.size === before && status !== null) {
          matchMessages(index, messageKey, results, reading.scope);
        }
        for (const entry of index.text.descriptions.get(messageKey) || []) {
          if (inScope(entry.catalog, reading.scope)) {
            results.entry(entry, status === null || entry.status === status ? TIER.exactMessage : TIER.contains, 0, "message from the response");
          }
        }
      }
    }
    if (!results.size && generic.status !== null) {
      matchStatus(index, generic.status, results, null);
    }
    const parts = [];
    const shown = readings.find((r) => r.code !== undefined && entriesWithCode(index, String(r.code).toLowerCase()).length) || generic;
    if (shown.code !== undefined) {
      parts.push(`code ${shown.code}`);
    }
    const status = shown.status ?? generic.status;
    if (status !== null) {
      parts.push(`status ${status}`);
    }
    const message = shown.message ?? generic.message;
    if (message !== undefined && message !== shown.code) {
      parts.push(`message "${message.length > 120 ? message.slice(0, 117) + "..." : message}"`);
    }
    return parts.length ? `Read from the pasted response: ${parts.join(", ")}.` : null;
  }

  function readSitePath(index, text) {
    let path = text;
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      if (!/^https?:\/\//i.test(text)) {
        return null;
      }
      try {
        path = new URL(text).pathname;
      } catch {
        return null;
      }
    }
    if (!path.startsWith("/") || /\s/.test(path)) {
      return null;
    }
    const segments = path
      .split(/[?#]/)[0]
      .split("/")
      .filter(Boolean)
      .map((segment) => safeDecode(segment));
    const last = segments.length ? segments[segments.length - 1] : null;
    for (let at = 0; at < segments.length; at++) {
      const rest = segments.slice(at).join("/") + "/";
      const catalog = index.catalogs.find((c) => rest.startsWith(c.path));
      if (!catalog) {
        continue;
      }
      if (rest === catalog.path) {
        return { catalog: catalog.id, code: null };
      }
      const code = catalog.systems.map((system) => codeInPath(system.path, rest)).find((found) => found !== null);
      return { catalog: catalog.id, code: code ?? last };
    }
    return last === null ? null : { catalog: null, code: last };
  }

  /** The code in a site path made from a code page path template, or null when the path is not one. */
  function codeInPath(template, path) {
    const [before, after] = template.split(CODE_PLACEHOLDER);
    if (!path.startsWith(before) || !path.endsWith(after) || path.length <= before.length + after.length) {
      return null;
    }
    const code = path.slice(before.length, path.length - after.length);
    return code.includes("/") ? null : code;
  }

  /** Whether text is more than one code, name or range: a paste to read for signals. */
  function isPaste(text) {
    return !CODE_SHAPE.test(text) && !parseRange(text);
  }

  function decide(items) {
    const decisive = items.filter((item) => item.tier <= DECISIVE_TIER && item.kind !== "status" && item.kind !== "range");
    if (!decisive.length) {
      return null;
    }
    const page = decisive[0].page;
    if (!decisive.every((item) => item.page === page)) {
      return null;
    }
    return decisive.length === 1 || decisive[0].tier < decisive[1].tier || decisive[0].rank < decisive[1].rank
      ? decisive[0].url
      : page;
  }

  /** Look up anything a user has in hand; see the file comment. */
  function lookup(index, input, options = {}) {
    const limit = options.limit ?? LIMIT;
    const raw = String(input ?? "");
    const text = (raw.length > MAX_BODY ? raw.slice(0, MAX_BODY) : raw).trim();
    const results = new Results();
    let interpretation = null;
    if (text) {
      const body = text.includes("{") && text.includes("}") ? readBody(text) : null;
      if (body) {
        interpretation = matchResponse(index, body, results);
      }
      const sitePath = results.size ? null : readSitePath(index, text.slice(0, MAX_TEXT));
      if (sitePath) {
        interpretation = sitePath.code !== null ? `Read from the link: ${sitePath.code}.` : null;
        if (sitePath.code !== null) {
          matchText(index, sitePath.code, results, sitePath.catalog);
          if (!results.hasEntries() && sitePath.catalog) {
            matchNearest(index, sitePath.code, sitePath.catalog, results);
          }
        }
      } else {
        if (!results.size) {
          matchText(index, text.slice(0, MAX_TEXT), results, options.catalog || null);
        }
        if (isPaste(text)) {
          const read = Evidence.matchPaste(index, text, results);
          interpretation = interpretation || read;
        }
      }
    }
    const { items, decisive } = results.ranked(limit);
    return {
      query: raw,
      interpretation,
      total: results.size,
      items,
      go: decide(decisive),
      ambiguous: ambiguity(decisive, results.pointsTo),
    };
  }

  /** The catalogs an answer is split between, when the text points to none of them: readers are told. */
  function ambiguity(decisive, pointsTo) {
    if (pointsTo) {
      return null;
    }
    const catalogs = [...new Set(decisive.filter((item) => item.kind !== "range").map((item) => item.catalog))];
    return catalogs.length > 1 ? catalogs : null;
  }

  /** A code no entry of its catalog has, from a dead link: the catalog's codes nearest to it, by number or by spelling. */
  function matchNearest(index, code, catalogId, results) {
    const number = asNumber(code);
    const key = normalize(code);
    const scored = [];
    for (const entry of index.entries) {
      if (entry.catalog.id !== catalogId) {
        continue;
      }
      let rank;
      if (number !== null && entry.numeric !== null) {
        rank = Math.abs(entry.numeric - number);
      } else {
        const near = distance(entry.codeNorm, key, Math.max(key.length, entry.codeNorm.length));
        rank = near < 0 ? Infinity : near * 1000;
      }
      scored.push([rank, entry]);
    }
    scored.sort((a, b) => a[0] - b[0]);
    for (const [rank, entry] of scored.slice(0, 5)) {
      results.entry(entry, TIER.close, rank, "nearest code in this catalog");
    }
  }

  const Evidence = EvidenceModule.create({
    prepare, push, normalize, normalizeMessage, words, find, TIER, PLACEHOLDER, addMessage, matchStatus,
    matchUnassigned,
  });

  return {
    createIndex,
    prepare,
    prepareStep,
    lookup,
    distance,
    normalize,
    normalizeMessage,
    parseRange,
    readBody,
    readSitePath,
    safeDecode,
    column,
    find,
    LIMIT,
  };
});
