// Builds, each from src/ with one TypeScript pass:
// - dist/index.js (ESM) and dist/index.cjs (CommonJS): d3 and date-fns stay external, as
//   ordinary dependencies, so an app that uses d3 itself ships one copy of it;
// - dist/index.d.ts and dist/index.d.cts: one bundled declaration file per module format;
// - dist/cli.js: the `entity-timeline` command (ESM, Node);
// - dist/entity-timeline.min.js: the browser bundle for a plain <script> tag (global
//   `EntityTimeline`), with d3 and date-fns bundled in because a script tag has no resolver.
import { rmSync, readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

rmSync('dist', { recursive: true, force: true });

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const external = (id) =>
  Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`)) || id.startsWith('node:');
const ts = () =>
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: false,
    sourceMap: true,
    outputToFilesystem: false,
    compilerOptions: { rootDir: 'src' },
  });
const banner = `/*! entity-timeline ${pkg.version} | MIT */`;

export default [
  {
    input: 'src/index.ts',
    external,
    plugins: [ts()],
    output: [
      { file: 'dist/index.js', format: 'es', sourcemap: true, banner, hoistTransitiveImports: false },
      { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, banner, exports: 'named' },
    ],
  },
  {
    input: 'src/cli/main.ts',
    external,
    plugins: [ts()],
    output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', sourcemap: true },
  },
  {
    input: 'src/browser.ts',
    plugins: [resolve({ browser: true }), ts(), terser({ format: { comments: /^!/ } })],
    output: { file: 'dist/entity-timeline.min.js', format: 'iife', name: 'EntityTimeline', sourcemap: true, banner },
  },
  {
    input: 'src/index.ts',
    external,
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
    output: [
      { file: 'dist/index.d.ts', format: 'es' },
      { file: 'dist/index.d.cts', format: 'es' },
    ],
  },
];
