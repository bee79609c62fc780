// Every console asset is served from this process: our stylesheet and script, and htmx from node_modules (no CDN).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

const own = dirname(fileURLToPath(new URL('./assets/console.css', import.meta.url)));
const htmxDir = join(dirname(createRequire(import.meta.url).resolve('htmx.org/package.json')), 'dist');

const files: Record<string, { path: string; type: string }> = {
  'console.css': { path: join(own, 'console.css'), type: 'text/css; charset=utf-8' },
  'console.js': { path: join(own, 'console.js'), type: 'text/javascript; charset=utf-8' },
  'htmx.min.js': { path: join(htmxDir, 'htmx.min.js'), type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

export async function serveAsset(c: Context): Promise<Response> {
  const name = c.req.param('file') ?? '';
  // Own keys only: /assets/__proto__ or /assets/constructor is not a file.
  const file = Object.hasOwn(files, name) ? files[name] : undefined;
  if (!file) return c.notFound();
  let body = cache.get(file.path);
  if (!body) {
    body = await readFile(file.path);
    cache.set(file.path, body);
  }
  return c.body(new Uint8Array(body), 200, {
    'content-type': file.type,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
}
