// The `entity-timeline` executable (built to dist/cli.js): wires runCli to the process.
import { readFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { runCli } from './run.js';

function packageVersion(): string | undefined {
  try {
    // dist/cli.js sits one folder below package.json.
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

const version = packageVersion();
void runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (path) => readFile(path),
    fileSize: async (path) => (await stat(path)).size,
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
  },
  version === undefined ? {} : { version },
).then((status) => {
  process.exitCode = status;
});
