// The supply chain of what users install: runtime dependencies are only the d3 modules, their
// types and date-fns; our package runs nothing on install; and nothing it pulls in at run time
// has an install script. (`npm audit --omit=dev` needs the registry's audit service and is run
// by hand, not here.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bundleDependencies?: unknown;
  bundledDependencies?: unknown;
  scripts?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; hasInstallScript?: boolean; resolved?: string; integrity?: string; link?: boolean }>;
};

const ALLOWED = /^(d3-[a-z0-9-]+|@types\/d3-[a-z0-9-]+|date-fns|internmap|@types\/geojson)$/;

describe('the supply chain', () => {
  it('depends at run time only on d3 modules, their types and date-fns', () => {
    const direct = Object.keys(pkg.dependencies ?? {});
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.filter((name) => !/^(d3-[a-z-]+|@types\/d3-[a-z-]+|date-fns)$/.test(name))).toEqual([]);
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.bundleDependencies ?? pkg.bundledDependencies ?? []).toEqual([]);
  });

  it('has no install-time scripts of its own', () => {
    const scripts = Object.keys(pkg.scripts ?? {});
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare', 'prepublish', 'dependencies']) {
      expect(scripts, hook).not.toContain(hook);
    }
  });

  it('pulls in at run time only d3 modules (and what they use), their types and date-fns, none with an install script, each pinned by an integrity hash', () => {
    const runtime = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional);
    expect(runtime.length).toBeGreaterThan(0);
    for (const [path, entry] of runtime) {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      expect(name, path).toMatch(ALLOWED);
      expect(entry.hasInstallScript ?? false, path).toBe(false);
      expect(entry.link ?? false, path).toBe(false);
      // The lock file leaves `resolved` out (the registry is implied); where present it must be the registry.
      if (entry.resolved !== undefined) expect(entry.resolved, path).toMatch(/^https:\/\/registry\.npmjs\.org\//);
      expect(entry.integrity ?? '', path).toMatch(/^sha512-/);
    }
  });
});
