#!/usr/bin/env node
// `npm start`: build the library, keep rebuilding it on change, and serve the gallery.
//
// Rollup runs in watch mode (its first pass is the initial build); once that pass is done the
// static server starts on PORT (default 5173) and prints the gallery's address. Pages served
// from here reload themselves when dist/ is rebuilt or a file under examples/ changes. Rollup is
// a child process that dies with this one.
import { spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 5173);
const rollupBin = join(root, 'node_modules', '.bin', 'rollup');
if (!existsSync(rollupBin)) {
  console.error('rollup is not installed: run `npm ci` first.');
  process.exit(1);
}

const rollup = spawn(rollupBin, ['-c', '-w', '--no-watch.clearScreen'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
let server;
let stopping = false;

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (rollup.exitCode === null) rollup.kill('SIGTERM');
  Promise.resolve(server?.close()).finally(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('exit', () => {
  if (rollup.exitCode === null) rollup.kill('SIGTERM');
});
rollup.on('exit', (code) => {
  if (!stopping) {
    console.error(`rollup exited (${code}); stopping.`);
    stop(code || 1);
  }
});

let reloadTimer;
function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => server?.reload(), 150);
}

// Rollup reports progress on stderr; "waiting for changes" closes every build pass.
let buffer = '';
rollup.stderr.setEncoding('utf8');
rollup.stderr.on('data', async (chunk) => {
  process.stderr.write(chunk);
  buffer += chunk;
  if (!buffer.includes('waiting for changes')) return;
  buffer = '';
  if (server) return scheduleReload();
  try {
    server = await startServer({ port, root, liveReload: true, host: process.env.HOST ?? '127.0.0.1' });
  } catch (error) {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another one.` : error);
    return stop(1);
  }
  watch(join(root, 'examples'), { recursive: true }, scheduleReload);
  console.log(`\n  entity-timeline gallery: ${server.url}/examples/\n  (rebuilds on change; Ctrl-C to stop)\n`);
});
