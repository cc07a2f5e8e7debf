#!/usr/bin/env node
// The README's test command: build, typecheck, unit tests under two time zones (one far from
// UTC, so a calendar date that drifted to the wrong day fails), browser tests in Chromium, and
// the package checks and the API reference. Prints one closing line `N passed, N failed` summed over every run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function run(label, command, args, env = {}) {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.log(`✗ ${label} failed (exit ${result.status ?? result.signal})`);
    ok = false;
    return false;
  }
  return true;
}

function vitest(label, project, tz) {
  const file = `${reports}/${label}.json`;
  run(label, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], tz ? { TZ: tz } : {});
  if (!existsSync(file)) {
    console.log(`✗ ${label} wrote no report`);
    ok = false;
    failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A suite that fails to load counts no tests; count it as a failure.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}

const only = process.argv[2];
if (!only || only === 'build') run('build', 'npx', ['rollup', '-c']);
if (!only || only === 'typecheck') run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (!only || only === 'unit') {
  vitest('unit-utc', 'unit', 'UTC');
  vitest('unit-kiritimati', 'unit', 'Pacific/Kiritimati');
}
if (!only || only === 'browser') vitest('browser', 'browser');
if (!only || only === 'package') run('package', 'node', ['scripts/check-package.mjs']);
// The API reference must build from the TSDoc without a warning (typedoc.json treats them as errors).
if (!only || only === 'docs') run('docs', 'npx', ['typedoc']);

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (!ok || failed > 0 || passed === 0) process.exit(1);
