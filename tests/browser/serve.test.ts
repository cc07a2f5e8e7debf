// The gallery's static server (scripts/serve.mjs), over real HTTP.
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

interface Server {
  url: string;
  port: number;
  reload(): void;
  close(): Promise<void>;
}
interface ServeModule {
  startServer(options: { port: number; root: string; liveReload?: boolean }): Promise<Server>;
  resolveRequestPath(root: string, path: string): { file: string } | null;
}

const serve = (await import(pathToFileURL(join(ROOT, 'scripts', 'serve.mjs')).href)) as ServeModule;

/** A raw GET that sends the path exactly as written (fetch would normalise `..`). */
function get(server: Server, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the static server', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve.startServer({ port: 0, root: ROOT, liveReload: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves gallery pages as HTML, uncached', async () => {
    const res = await get(server, '/examples/index.html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<main id="main">');
  });

  it('serves a folder through its index.html and sends / to the gallery', async () => {
    expect((await get(server, '/examples/')).body).toContain('entity-timeline gallery');
    const root = await get(server, '/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/examples/');
  });

  it('gives scripts, styles, JSON, source maps and images their MIME types', async () => {
    expect((await get(server, '/examples/gallery.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(server, '/node_modules/d3-selection/dist/d3-selection.mjs')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(server, '/examples/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(server, '/examples/data/deep-history.json')).headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await get(server, '/dist/index.js.map')).headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers 404 for missing files', async () => {
    expect((await get(server, '/examples/no-such-page.html')).status).toBe(404);
    expect((await get(server, '/dist/nothing.js')).status).toBe(404);
  });

  it('never serves files outside examples/, dist/ and the allowed packages', async () => {
    for (const path of [
      '/package.json',
      '/src/index.ts',
      '/examples/../package.json',
      '/examples/%2e%2e/package.json',
      '/examples/%2E%2E%2Fpackage.json',
      '/examples/..%2fpackage.json',
      '/examples/%252e%252e/package.json',
      '/examples/..%5cpackage.json',
      '/dist/%00index.js',
      '/node_modules/vitest/package.json',
      '/node_modules/d3-array/../../package.json',
      '/node_modules/%2e%2e/package.json',
    ]) {
      const res = await get(server, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('"name": "entity-timeline"');
    }
    expect(serve.resolveRequestPath(ROOT, '/examples/%2e%2e/package.json')).toBeNull();
    expect(serve.resolveRequestPath(ROOT, '/examples/index.html')?.file).toBe(join(ROOT, 'examples', 'index.html'));
  });

  it('follows a package exports map for extensionless imports such as date-fns/format', async () => {
    const res = await get(server, '/node_modules/date-fns/format');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/node_modules/date-fns/format.js');
  });

  it('serves React as ES modules for the React example', async () => {
    const react = await get(server, '/vendor/react.js');
    expect(react.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(react.body).toMatch(/export const \{[^}]*\buseEffect\b/);
    const client = await get(server, '/vendor/react-dom-client.js');
    expect(client.body).toContain("import __dep0 from './react.js';");
    expect(client.body).toMatch(/export const \{[^}]*\bcreateRoot\b/);
    expect((await get(server, '/vendor/react-dom-server.js')).status).toBe(404);
  });

  it('adds the live-reload script to pages and pushes a reload event to them', async () => {
    expect((await get(server, '/examples/index.html')).body).toContain('new EventSource("/__reload")');
    const event = await new Promise<string>((resolvePromise, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/__reload' }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) server.reload();
          if (text.includes('event: reload')) {
            req.destroy();
            resolvePromise(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(event).toContain('event: reload');
  });

  it('does not inject the live-reload script unless asked', async () => {
    const plain = await serve.startServer({ port: 0, root: ROOT });
    try {
      const res = await get(plain, '/examples/index.html');
      expect(res.body).not.toContain('EventSource');
      expect((await get(plain, '/__reload')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
