/* Error lookup: reading free text into signals, free of the DOM and of the index.
 *
 * readPaste(text) takes whatever a tool printed (a log line, an exception and its stack trace, a
 * `curl -i` transcript, a console line, an object repr) and returns what in it can name an error:
 * tokens that stand where codes and names stand (with how sure their place makes them), HTTP statuses,
 * and the pieces of each line that may be a message. lookup-core.js matches them against the index.
 * Every expression here is linear in the line it reads; lines are cut to MAX_LINE characters and the
 * text to MAX_LINES distinct lines, so a hostile paste is answered quickly.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.ErrorLookupPaste = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const MAX_LINE = 1000;
  const MAX_LINES = 20000;
  const MAX_SEGMENTS = 12;
  /* How sure a token's place makes it a code or a name, strongest first. */
  const PLACE = { keyed: 5, bracketed: 4, prefixed: 3, classed: 2, bare: 1 };
  const TOKEN = "([A-Za-z0-9_][A-Za-z0-9_.-]{0,99})";
  const KEYED = new RegExp(
    "(?:^|[^A-Za-z0-9_])(?:code|error_?code|errorcode|err_?code|errno|sql_?state|pgcode|error_?type|error)" +
      "[\"']?\\s*[:=]>?\\s*[\"'\\[]?" + TOKEN,
    "gi",
  );
  const BRACKETED = new RegExp("[(\\[]\\s*(?:SQLSTATE\\s+|code\\s+)?" + TOKEN + "\\s*[)\\]]", "gi");
  const PREFIXED = new RegExp("(?:^|[^A-Za-z0-9_])(?:error|fatal|panic|code|errno|sqlstate)\\s*:?\\s+#?" + TOKEN, "gi");
  const CLASS_PREFIXED = new RegExp("[a-z](?:Error|Exception):\\s+" + TOKEN, "g");
  const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]*)*/g;
  const CLASS_SUFFIX = /(?:Error|Exception|Err)$/;
  const STATUS_PATTERNS = [
    /\bHTTP\/\d(?:\.\d)?\s+([1-5]\d\d)\b/gi,
    /\bHTTP\s+([1-5]\d\d)\b/gi,
    /\bstatus(?:[ _]?code)?(?:\s+of)?["']?\s*[:=]?\s*["']?([1-5]\d\d)\b/gi,
    /\s([1-5]\d\d)\s+\([A-Z][A-Za-z' -]{2,40}\)/g,
    /\bThe requested URL returned error:\s*([1-5]\d\d)\b/g,
  ];
  const SEGMENT_BREAK = /(?::\s+|\]\s+|\)\s+|\s+-\s+|=>\s*)/g;
  const QUOTED = /"((?:[^"\\]|\\.){3,500})"|'([^'\\]{3,500})'|“([^”]{3,500})”/g;
  const TRAILERS = [/\s*\(SQLSTATE\s+[A-Za-z0-9]{5}\)\s*$/i, /\s+at\s+\S+:\d+(?::\d+)?\)?\s*$/, /\s*[{[]\s*$/];

  /** The lines of text, each once and at most MAX_LINE characters, at most MAX_LINES of them. */
  function linesOf(text) {
    const seen = new Set();
    const lines = [];
    for (const raw of String(text).split(/\r\n|\r|\n/)) {
      const line = (raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw).trim();
      if (line && !seen.has(line)) {
        seen.add(line);
        lines.push(line);
        if (lines.length >= MAX_LINES) {
          break;
        }
      }
    }
    return lines;
  }

  /** Whether an identifier has the shape of an error's name: joined words (CamelCase, snake_case) or a constant. */
  function nameShaped(word) {
    return word.length >= 4 && (/[a-z][A-Z]/.test(word) || /_/.test(word) || /^[A-Z][A-Z0-9]+$/.test(word));
  }

  /** Whether a token can only be a code by its shape: letters and digits mixed (40P01), or joined words. */
  function codeShaped(token) {
    return token.length >= 3 && ((/\d/.test(token) && /[A-Za-z]/.test(token)) || /[_.]/.test(token.slice(1, -1)));
  }

  function keep(tokens, value, place, line) {
    const clean = value.replace(/[.-]+$/, "");
    if (!clean) {
      return;
    }
    const known = tokens.get(clean);
    if (!known || known.place < place) {
      tokens.set(clean, { value: clean, place, line });
    }
  }

  function scan(pattern, line, each) {
    pattern.lastIndex = 0;
    let match;
    while ((match = pattern.exec(line))) {
      each(match);
      if (match[0].length === 0) {
        pattern.lastIndex++;
      }
    }
  }

  /** The tokens of a line that may be codes: by their place (after `code=`, in brackets, after ERROR), or by shape. */
  function codeTokens(line, at, tokens) {
    scan(KEYED, line, (m) => keep(tokens, m[1], PLACE.keyed, at));
    scan(BRACKETED, line, (m) => keep(tokens, m[1], PLACE.bracketed, at));
    scan(PREFIXED, line, (m) => keep(tokens, m[1], PLACE.prefixed, at));
    scan(CLASS_PREFIXED, line, (m) => keep(tokens, m[1], PLACE.prefixed, at));
  }

  /** Identifiers that may be names or string codes: exception classes (`psycopg2.errors.DivisionByZero:`), and others. */
  function identifiers(line, at, tokens) {
    scan(IDENTIFIER, line, (m) => {
      const path = m[0];
      const last = path.split(/\.|::/).pop();
      const after = line.charAt(m.index + path.length);
      const classed = path !== last || after === ":" || after === "(";
      if (classed && /^[A-Z]/.test(last)) {
        keep(tokens, last, PLACE.classed, at);
        const bare = last.replace(CLASS_SUFFIX, "");
        if (bare !== last && bare.length >= 3) {
          keep(tokens, bare, PLACE.classed, at);
        }
      } else if (nameShaped(last) || codeShaped(last)) {
        keep(tokens, last, PLACE.bare, at);
      }
    });
  }

  function statuses(line, found) {
    for (const pattern of STATUS_PATTERNS) {
      scan(pattern, line, (m) => found.add(Number(m[1])));
    }
  }

  /** The pieces of a line that may be a whole message: the line, what follows each `: ` or `] `, quoted text. */
  function segments(line, at, out) {
    const pieces = [line];
    SEGMENT_BREAK.lastIndex = 0;
    let match;
    while ((match = SEGMENT_BREAK.exec(line)) && pieces.length < MAX_SEGMENTS) {
      pieces.push(line.slice(match.index + match[0].length));
    }
    scan(QUOTED, line, (m) => {
      if (pieces.length < MAX_SEGMENTS * 2) {
        pieces.push((m[1] ?? m[2] ?? m[3]).replace(/\\(["\\])/g, "$1"));
      }
    });
    for (const piece of pieces) {
      let text = piece;
      for (const trailer of TRAILERS) {
        text = text.replace(trailer, "");
      }
      if (text.length >= 3) {
        out.push({ text, line: at });
      }
    }
  }

  /** What in text can name an error; see the file comment. */
  function readPaste(text) {
    const lines = linesOf(text);
    const tokens = new Map();
    const found = new Set();
    const pieces = [];
    lines.forEach((line, at) => {
      codeTokens(line, at, tokens);
      identifiers(line, at, tokens);
      statuses(line, found);
      segments(line, at, pieces);
    });
    return { lines, tokens: [...tokens.values()], statuses: [...found], segments: pieces };
  }

  /** Where the fragments of a template stand in text, in order, each after the last with a gap of at least one
   * character: the first and last at the ends when anchored. Greedy from the left, which finds a match whenever
   * there is one, in time linear in the text. Returns whether it matched. */
  function fragmentsMatch(fragments, text, anchored) {
    let at = 0;
    const last = fragments.length - 1;
    for (let i = 0; i <= last; i++) {
      const fragment = fragments[i];
      if (i === 0 && anchored) {
        if (!text.startsWith(fragment)) {
          return false;
        }
        at = fragment.length;
        continue;
      }
      if (i === last && anchored) {
        return text.length - fragment.length >= at + (i > 0 ? 1 : 0) && text.endsWith(fragment);
      }
      const found = text.indexOf(fragment, i > 0 ? at + 1 : at);
      if (found < 0) {
        return false;
      }
      at = found + fragment.length;
    }
    return true;
  }

  return { readPaste, fragmentsMatch, linesOf, PLACE, MAX_LINE, MAX_LINES };
});
