// Browser bundles for peers that ship no single browser file the pages can load as is.
//
// - sigma.js: sigma 4, graphology and graphology-layout-forceatlas2 (CommonJS only) in one
//   IIFE exposing `window.SigmaBench = { Graph, Sigma, forceAtlas2 }`.
// - d3-force baseline: d3-force, d3-selection and d3-zoom as `window.d3`.
//
// They are written with esbuild (installed as @size-limit/esbuild's dependency) to a temporary
// folder outside the repository, which the bench server mounts at /vendor/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const ENTRIES = {
  'sigma-bench.js': `
    import Graph from 'graphology';
    import Sigma from 'sigma';
    import forceAtlas2 from 'graphology-layout-forceatlas2';
    window.SigmaBench = { Graph, Sigma, forceAtlas2 };
  `,
  'd3-bench.js': `
    import * as force from 'd3-force';
    import * as selection from 'd3-selection';
    import * as zoom from 'd3-zoom';
    window.d3 = Object.assign({}, force, selection, zoom);
  `,
};

/** Builds the vendor bundles into `dir` and returns it. */
export async function buildVendor(root, dir) {
  mkdirSync(dir, { recursive: true });
  for (const [name, contents] of Object.entries(ENTRIES)) {
    const result = await esbuild.build({
      stdin: { contents, resolveDir: root, sourcefile: name },
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    writeFileSync(join(dir, name), result.outputFiles[0].text);
  }
  return dir;
}
