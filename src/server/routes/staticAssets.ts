import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readLoaderScript, type LoaderScript } from '../loaderScript';

const SCRIPT_HEADERS = {
  'Content-Type': 'text/javascript; charset=utf-8',
  // Merchant pages load it cross-origin, and with `crossorigin` for Subresource Integrity.
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The loader script, both at `/checkout.js` (always the latest, briefly cached) and at its immutable
 * versioned name with `/checkout.json` telling that name and its SRI hash; and the checkout app's
 * hashed assets. All come from Vite's build in `distDir`.
 */
export function staticAssets(distDir: string, publicUrl: string) {
  let loader: LoaderScript | undefined;
  const readLoader = () => (loader ??= readLoaderScript(distDir));
  return new Hono()
    .get('/checkout.js', (c) => c.body(readLoader().source, 200, { ...SCRIPT_HEADERS, 'Cache-Control': 'public, max-age=300' }))
    .get('/checkout.json', (c) => {
      const { file, integrity } = readLoader();
      return c.json({ src: `${publicUrl}${file}`, integrity }, 200, { 'Access-Control-Allow-Origin': '*' });
    })
    .get('/:file{checkout-[\\w-]+\\.js}', (c) => {
      const { file, source } = readLoader();
      if (c.req.param('file') !== file) return c.notFound();
      return c.body(source, 200, { ...SCRIPT_HEADERS, 'Cache-Control': IMMUTABLE });
    })
    .use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', IMMUTABLE);
    })
    .use('/assets/*', serveStatic({ root: join(distDir, 'checkout') }));
}
