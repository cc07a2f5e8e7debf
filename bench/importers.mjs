#!/usr/bin/env node
// Times the CSV and GDELT importers on 100,000 synthetic rows and reports peak memory.
//
//   npx rollup -c && node --expose-gc bench/importers.mjs [rows]
//
// It imports the built package (dist/index.js); set ENTITY_TIMELINE_ENTRY to another build of
// src/index.ts to measure that instead (e.g. the last commit's, for a before/after in the same
// minutes). Rows come from a seeded PRNG, so every run reads the same text. The text is written
// to a temporary file first, and each importer runs in a fresh child process that reads it from
// disk, as an application would: its peak RSS is the import's own, not the generator's.
//
// Reported per import: wall and CPU time of the call (user + system of the process, so V8's
// GC threads count), heap after it, and the process's peak RSS right after it. Then, apart:
// how long reading `result.input` takes (derived on first read) and what `parseDataset` of
// that input costs, which shows how much of the old import time was validating twice.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';

const ROWS = Number(process.argv[2] ?? 100_000);
const entry = process.env.ENTITY_TIMELINE_ENTRY ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../dist/index.js');

// mulberry32: small, fast and seedable.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['RUS', 'PRK', 'USA', 'CHN', 'UKR', 'FRA', 'DEU', 'GBR', 'IRN', 'ISR', 'SYR', 'TUR', 'IND', 'PAK', 'JPN', 'KOR', 'BRA', 'NGA', 'EGY', 'SAU'];
const NAMES = ['Russia', 'North Korea', 'United States', 'China', 'Ukraine', 'France', 'Germany', 'United Kingdom', 'Iran', 'Israel', 'Syria', 'Turkey', 'India', 'Pakistan', 'Japan', 'South Korea', 'Brazil', 'Nigeria', 'Egypt', 'Saudi Arabia'];
const pad = (n) => String(n).padStart(2, '0');

function csvText(rows) {
  const random = prng(1);
  const lines = ['id,date,title,description,actors,source_url,category,location,lat,lon,tags'];
  for (let i = 0; i < rows; i++) {
    const a = NAMES[Math.floor(random() * NAMES.length)];
    const b = NAMES[Math.floor(random() * NAMES.length)];
    const date = `${2000 + Math.floor(random() * 25)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
    const form = random();
    const written = form < 0.5 ? date : form < 0.8 ? `${Number(date.slice(8))} ${['January', 'March', 'June', 'October'][Math.floor(random() * 4)]} ${date.slice(0, 4)}` : date.slice(0, 7);
    lines.push(
      `e${i},${written},"Meeting ${i}, round ${Math.floor(random() * 9)}","Officials met; ""talks"" continued",${a}:source;${b}:target,https://example.org/${i},diplomacy,Capital,${(random() * 180 - 90).toFixed(4)},${(random() * 360 - 180).toFixed(4)},talks;visit`,
    );
  }
  return lines.join('\n') + '\n';
}

function gdeltText(rows) {
  const random = prng(2);
  const lines = [];
  for (let i = 0; i < rows; i++) {
    const f = new Array(61).fill('');
    const day = `2024${pad(1 + Math.floor(random() * 12))}${pad(1 + Math.floor(random() * 28))}`;
    const c1 = Math.floor(random() * COUNTRIES.length);
    const c2 = Math.floor(random() * COUNTRIES.length);
    f[0] = String(1_100_000_000 + i);
    f[1] = day;
    f[2] = day.slice(0, 6);
    f[3] = '2024';
    f[4] = '2024.5';
    f[5] = COUNTRIES[c1] + (random() < 0.3 ? 'GOV' : '');
    f[6] = NAMES[c1].toUpperCase();
    f[7] = COUNTRIES[c1];
    f[15] = COUNTRIES[c2];
    f[16] = NAMES[c2].toUpperCase();
    f[17] = COUNTRIES[c2];
    f[25] = '1';
    const root = 1 + Math.floor(random() * 20);
    f[26] = `${pad(root)}${Math.floor(random() * 9)}`;
    f[27] = f[26];
    f[28] = pad(root);
    f[29] = String(1 + Math.floor(random() * 4));
    f[30] = (random() * 20 - 10).toFixed(1);
    f[31] = f[32] = f[33] = String(1 + Math.floor(random() * 20));
    f[34] = (random() * 20 - 10).toFixed(6);
    f[51] = '1';
    f[52] = NAMES[c2];
    f[53] = COUNTRIES[c2].slice(0, 2);
    f[56] = (random() * 180 - 90).toFixed(4);
    f[57] = (random() * 360 - 180).toFixed(4);
    f[59] = `${day}093000`;
    f[60] = `https://example.org/news/${i}`;
    lines.push(f.join('\t'));
  }
  return lines.join('\n') + '\n';
}

async function child(kind, file) {
  const lib = await import(pathToFileURL(entry).href);
  const text = readFileSync(file, 'utf8');
  globalThis.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = kind === 'csv' ? lib.fromCSV(text) : lib.fromGDELT(text);
  const ms = performance.now() - t0;
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
  const cpu = process.cpuUsage(cpu0);
  // The heap still holds the text and the result (its dataset; its input only once read).
  const after = process.memoryUsage();
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  // The JSON shape, derived on first read since it is not kept by default.
  const cpuInput = process.cpuUsage();
  const input = result.input;
  const inputCpu = process.cpuUsage(cpuInput);
  // What validating that shape again costs (parseDataset), as imports did before they built records directly.
  const cpu1 = process.cpuUsage();
  lib.parseDataset(input, { mode: 'lenient' });
  const validate = process.cpuUsage(cpu1);
  process.send({
    kind,
    rows: ROWS,
    textMB: +(text.length / 1e6).toFixed(1),
    wallMs: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    inputCpuMs: Math.round((inputCpu.user + inputCpu.system) / 1000),
    parseDatasetCpuMs: Math.round((validate.user + validate.system) / 1000),
    kept: result.counts.kept,
    problems: result.problems.length,
    heapBeforeMB: Math.round(before.heapUsed / 1e6),
    heapAfterMB: Math.round(after.heapUsed / 1e6),
    maxRssMB,
  });
}

if (process.env.BENCH_CHILD) {
  await child(process.env.BENCH_CHILD, process.env.BENCH_FILE);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'entity-timeline-importers-'));
  try {
    for (const kind of ['csv', 'gdelt']) {
      const file = join(dir, kind === 'csv' ? 'events.csv' : 'events.export.CSV');
      writeFileSync(file, kind === 'csv' ? csvText(ROWS) : gdeltText(ROWS));
      const report = await new Promise((done, fail) => {
        const proc = fork(fileURLToPath(import.meta.url), process.argv.slice(2), { env: { ...process.env, BENCH_CHILD: kind, BENCH_FILE: file }, execArgv: ['--expose-gc'] });
        proc.on('message', done);
        proc.on('error', fail);
        proc.on('exit', (code) => code !== 0 && fail(new Error(`${kind} bench exited with ${code}`)));
      });
      console.log(JSON.stringify(report));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
