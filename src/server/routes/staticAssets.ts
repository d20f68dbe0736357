import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * The loader script (`/checkout.js`, loaded cross-origin by merchant pages) and the checkout app's hashed
 * assets, both from Vite's build in `distDir`.
 */
export function staticAssets(distDir: string) {
  let loader: string | undefined;
  return new Hono()
    .get('/checkout.js', (c) => {
      loader ??= readFileSync(join(distDir, 'loader', 'checkout.js'), 'utf8');
      return c.body(loader, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    })
    .use('/assets/*', serveStatic({ root: join(distDir, 'checkout') }));
}
