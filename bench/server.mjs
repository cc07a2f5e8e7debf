// A tiny static server for the benchmark pages. scripts/serve.mjs (the gallery server) only
// exposes the d3 modules and date-fns under /node_modules, while the benchmark also needs the
// peers' builds (vis-timeline, cytoscape…), /bench itself and the bundles bench/vendor.mjs
// writes to a temporary folder, so it has its own server with the same path checks.
//
//   /bench/…          this folder (pages, adapters, workloads.mjs)
//   /dist/…           the built library
//   /node_modules/…   installed packages (peers' UMD builds and CSS)
//   /vendor/…         bundles built by bench/vendor.mjs (outside the repository)
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Maps a URL path to a file, or null when it falls outside the served folders. */
export function resolvePath(mounts, rawPath) {
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const [top, ...rest] = segments;
  const base = top === undefined ? undefined : mounts[top];
  if (!base) return null;
  const file = resolve(base, ...rest);
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/**
 * Starts the server on 127.0.0.1. `root` is the repository; `vendorDir` the folder of built
 * vendor bundles. Resolves to `{ url, close }`.
 */
export function startBenchServer({ root, vendorDir, port = 0 }) {
  const mounts = {
    bench: resolve(root, 'bench'),
    dist: resolve(root, 'dist'),
    node_modules: resolve(root, 'node_modules'),
  };
  if (vendorDir) mounts.vendor = resolve(vendorDir);
  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store' };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, headers);
      return res.end();
    }
    const file = resolvePath(mounts, url.pathname);
    let info;
    try {
      if (!file) throw new Error('outside');
      info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      return res.end('Not found\n');
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      done({
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise((closed) => {
            server.closeAllConnections?.();
            server.close(() => closed());
          }),
      });
    });
  });
}
