// Bundle sizes, gzipped (zlib level 9, as size-limit's gzip does; 1 kB = 1,000 bytes):
// - entity-timeline's browser bundle, dist/entity-timeline.min.js, as shipped;
// - a timeline-only ESM entry, `export { createTimeline } from 'dist/index.js'`, bundled and
//   minified with esbuild with d3 and date-fns included (what an app that imports only the
//   timeline ships);
// - the peers' browser builds as the pages load them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** Bundles `export { names } from entry` the way an app would, and returns the minified code. */
async function treeShaken(root, names) {
  const result = await esbuild.build({
    stdin: { contents: `export { ${names.join(', ')} } from ${JSON.stringify(join(root, 'dist/index.js'))};`, resolveDir: root },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

const PEERS = [
  ['vis-timeline', 'node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js', 'standalone UMD (includes vis-data)'],
  ['timelines-chart', 'node_modules/timelines-chart/dist/timelines-chart.min.js', 'UMD, d3 inside'],
  ['vis-network', 'node_modules/vis-network/standalone/umd/vis-network.min.js', 'standalone UMD (includes vis-data)'],
  ['cytoscape', 'node_modules/cytoscape/dist/cytoscape.min.js', 'UMD'],
  ['sigma', 'sigma-bench.js', 'sigma + graphology + ForceAtlas2, esbuild-minified'],
  ['d3-force', 'd3-bench.js', 'd3-force + d3-selection + d3-zoom, esbuild-minified'],
];

/** Returns result cases in the results.json shape. `vendorDir` holds bench/vendor.mjs's bundles. */
export async function runBundleCases({ root, vendorDir }) {
  const cases = [];
  const add = (library, metric, value, note) =>
    cases.push({ workload: 'bundle', size: null, library, metric, value, unit: 'bytes', ...(note ? { note } : {}) });

  add('entity-timeline', 'browserBundleGzip', gzip(readFileSync(join(root, 'dist/entity-timeline.min.js'))), 'dist/entity-timeline.min.js');
  try {
    add('entity-timeline', 'timelineOnlyGzip', gzip(await treeShaken(root, ['createTimeline'])), 'import { createTimeline }, esbuild, d3 + date-fns included');
  } catch (error) {
    const missing = /No matching export/.test(String(error?.message));
    add('entity-timeline', 'timelineOnlyGzip', null, missing ? 'createTimeline is not exported yet' : `error: ${String(error?.message).split('\n')[0]}`);
  }
  for (const [library, file, note] of PEERS) {
    const path = file.startsWith('node_modules/') ? join(root, file) : join(vendorDir, file);
    add(library, 'browserBundleGzip', gzip(readFileSync(path)), note);
  }
  return cases;
}
