// Times one lookup-core.js on one index (for bench_paste.py): loading (median of 5), building, each query's median.
// Usage: node paste_timing.js CORE_JS INDEX_JSON QUERIES_JSON ROUNDS; prints JSON.
"use strict";

const fs = require("node:fs");

const [corePath, indexPath, queriesPath, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText);
const core = require(corePath);
const queries = JSON.parse(fs.readFileSync(queriesPath, "utf8"));

const text = fs.readFileSync(indexPath, "utf8");
const loads = [];
let index = null;
for (let round = 0; round < 5; round++) {
  const t = performance.now();
  index = core.createIndex(JSON.parse(text));
  loads.push(performance.now() - t);
}
const ready = median(loads);
let start = performance.now();
while (core.prepareStep(index));
const prepared = performance.now() - start;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = queries.map(({ name, text }) => {
  const times = [];
  let answer = null;
  for (let round = 0; round < rounds; round++) {
    const t = performance.now();
    answer = core.lookup(index, text);
    times.push(performance.now() - t);
  }
  const first = answer.items[0];
  return { name, median: median(times), worst: Math.max(...times), first: first ? first.url : null };
});
console.log(JSON.stringify({ ready, prepared, results }));
