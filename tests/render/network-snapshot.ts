// Snapshot helper for the network renderers: normalise numbers, compare against
// tests/output/<name>.svg, and never create a missing snapshot under CI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const OUTPUT = fileURLToPath(new URL('../output/', import.meta.url));

export function normalise(svg: string): string {
  return svg
    .replace(/-?\d+\.\d{3,}/g, (m) => String(Math.round(Number(m) * 100) / 100))
    .replace(/></g, '>\n<')
    .trimEnd() + '\n';
}

export function expectSnapshot(name: string, svg: string): void {
  const file = `${OUTPUT}${name}.svg`;
  const actual = normalise(svg);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`Missing snapshot ${name}.svg (not created because CI is set)`);
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
