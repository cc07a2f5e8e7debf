#!/usr/bin/env node
// A small, dependency-free static server for the gallery and the browser tests.
//
// It serves only what a gallery page needs, from the repository root:
//   /examples/…             the pages, their data and thumbnails
//   /dist/…                 the built library (what is shipped, not src/)
//   /node_modules/<pkg>/…   ESM files of the d3 modules, internmap and date-fns, for import maps
//   /vendor/<name>.js       React 19 as ES modules (React ships CommonJS only; see below)
//   /__reload               server-sent events that tell pages to reload (only with liveReload)
// Everything else is a 404. Paths are decoded once, refused when they contain `..`, a
// backslash or a NUL, and checked again after resolving, so nothing outside the allowed
// folders can be read. Every response says `Cache-Control: no-store` so a rebuilt dist/ is
// never hidden behind a cached copy.
//
// CLI:  PORT=5173 node scripts/serve.mjs
// API:  const { url, close } = await startServer({ port: 0, root })
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Packages an import map may point at. Anything else under node_modules stays private.
const NODE_MODULES_ALLOWED = /^(d3-[a-z-]+|internmap|date-fns)$/;

// React 19 publishes CommonJS only. These modules wrap its production builds as ES modules
// on the fly, so a gallery page can `import React from 'react'` through an import map without
// a bundler. `deps` are the bare names each file `require`s.
const VENDOR = {
  'react.js': { file: 'react/cjs/react.production.js', deps: {} },
  'react-dom.js': { file: 'react-dom/cjs/react-dom.production.js', deps: { react: 'react.js' } },
  'scheduler.js': { file: 'scheduler/cjs/scheduler.production.js', deps: {} },
  'react-dom-client.js': {
    file: 'react-dom/cjs/react-dom-client.production.js',
    deps: { react: 'react.js', 'react-dom': 'react-dom.js', scheduler: 'scheduler.js' },
  },
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Builds the ES module text that wraps one of React's CommonJS files. */
async function vendorModule(root, name) {
  const spec = VENDOR[name];
  const path = join(root, 'node_modules', spec.file);
  const source = await readFile(path, 'utf8');
  // The export names are read from the module itself, evaluated in Node.
  const require = createRequire(pathToFileURL(path));
  const names = Object.keys(require(path)).filter((key) => IDENTIFIER.test(key) && key !== 'default');
  const imports = Object.entries(spec.deps)
    .map(([bare, file], i) => `import __dep${i} from './${file}';`)
    .join('\n');
  const table = Object.keys(spec.deps)
    .map((bare, i) => `${JSON.stringify(bare)}: __dep${i}`)
    .join(', ');
  return `${imports}
const process = { env: { NODE_ENV: 'production' } };
const module = { exports: {} };
const exports = module.exports;
const require = (id) => {
  const table = { ${table} };
  if (!(id in table)) throw new Error('vendor shim: cannot require ' + id);
  return table[id];
};
(function () {
${source}
}).call(module.exports);
export default module.exports;
export const { ${names.join(', ')} } = module.exports;
`;
}

/**
 * For `/node_modules/<pkg>/<subpath>` that is not a file, the URL of the file the package's
 * `exports` map gives for `./<subpath>` under the `import`/`default` conditions, or null.
 */
async function exportTarget(root, pathname) {
  const match = /^\/node_modules\/([^/]+)\/(.+)$/.exec(pathname);
  if (!match || !NODE_MODULES_ALLOWED.test(match[1])) return null;
  const [, pkg, subpath] = match;
  let exportsField;
  try {
    exportsField = JSON.parse(await readFile(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).exports;
  } catch {
    return null;
  }
  const pick = (entry) => {
    if (typeof entry === 'string') return entry;
    if (!entry || typeof entry !== 'object') return null;
    for (const condition of ['browser', 'import', 'default']) {
      if (condition in entry) {
        const found = pick(entry[condition]);
        if (found) return found;
      }
    }
    return null;
  };
  const target = exportsField && typeof exportsField === 'object' ? pick(exportsField[`./${subpath}`]) : null;
  if (!target || !target.startsWith('./') || target.includes('..')) return null;
  return `/node_modules/${pkg}/${target.slice(2)}`;
}

// The snippet start.mjs asks for: reload the page when the server says the build changed.
const RELOAD_SNIPPET =
  '<script type="module">new EventSource("/__reload").addEventListener("reload", () => location.reload());</script>';

/**
 * Maps a request path to a file under `root`, or returns null when it is not allowed.
 * Exported for tests.
 */
export function resolveRequestPath(root, rawPath) {
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.')) return null;
  // A second round of decoding must not reveal anything new (`%252e%252e`).
  if (/%[0-9a-f]{2}/i.test(path)) return null;
  const segments = path.split('/').filter(Boolean);
  const [top, pkg] = segments;
  if (top === 'examples' || top === 'dist') {
    // fine
  } else if (top === 'node_modules') {
    if (!pkg || !NODE_MODULES_ALLOWED.test(pkg)) return null;
  } else {
    return null;
  }
  const file = resolve(root, ...segments);
  const base = resolve(root, top);
  if (file !== base && !file.startsWith(base + sep)) return null;
  return { file, trailingSlash: path.endsWith('/') };
}

/**
 * Starts the server. `port: 0` picks a free port. Resolves once it is listening.
 * With `liveReload`, HTML pages get a tiny script that listens on `/__reload`, and
 * `reload()` tells every open page to reload.
 */
export function startServer({ port = 5173, root = process.cwd(), host = '127.0.0.1', liveReload = false } = {}) {
  const absRoot = resolve(root);
  const clients = new Set();

  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...headers, 'Content-Type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed\n');

    let pathname;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return send(400, 'Bad request\n');
    }

    if (pathname === '/') {
      res.writeHead(302, { ...headers, Location: '/examples/' });
      return res.end();
    }
    if (pathname === '/__reload' && liveReload) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (pathname.startsWith('/vendor/')) {
      const name = pathname.slice('/vendor/'.length);
      if (!Object.hasOwn(VENDOR, name)) return send(404, 'Not found\n');
      try {
        return send(200, await vendorModule(absRoot, name), MIME['.js']);
      } catch (error) {
        return send(500, `vendor module failed: ${error.message}\n`);
      }
    }

    const target = resolveRequestPath(absRoot, pathname);
    if (!target) return send(404, 'Not found\n');
    let file = target.file;
    let info;
    try {
      info = await stat(file);
      if (info.isDirectory() && pathname.startsWith('/node_modules/')) throw new Error('not a file');
      if (info.isDirectory()) {
        if (!target.trailingSlash) {
          res.writeHead(301, { ...headers, Location: `${pathname}/` });
          return res.end();
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
    } catch {
      // `date-fns/format` names a package export, not a file: redirect to the file it maps to.
      const mapped = await exportTarget(absRoot, pathname);
      if (mapped) {
        res.writeHead(302, { ...headers, Location: mapped });
        return res.end();
      }
      return send(404, 'Not found\n');
    }
    if (!info.isFile()) return send(404, 'Not found\n');
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

    if (liveReload && type.startsWith('text/html')) {
      const html = await readFile(file, 'utf8');
      const body = html.includes('</body>') ? html.replace('</body>', `${RELOAD_SNIPPET}\n</body>`) : html + RELOAD_SNIPPET;
      return send(200, body, type);
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`;
      resolvePromise({
        url,
        port: address.port,
        reload() {
          for (const client of clients) client.write('event: reload\ndata: now\n\n');
        },
        close() {
          for (const client of clients) client.end();
          clients.clear();
          server.closeAllConnections?.();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const port = Number(process.env.PORT ?? 5173);
  const { url } = await startServer({ port, root });
  console.log(`entity-timeline gallery: ${url}/examples/`);
}
