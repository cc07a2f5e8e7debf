#!/usr/bin/env node
// Checks what npm would publish: publint on the package, and arethetypeswrong on the packed
// tarball (packed once, without rebuilding) so `import`, `require` and TypeScript all resolve.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'et-pack-'));
try {
  execFileSync('npx', ['publint', '--strict'], { stdio: 'inherit' });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { encoding: 'utf8' });
  const [{ filename }] = JSON.parse(out);
  execFileSync('npx', ['attw', join(dir, filename)], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
