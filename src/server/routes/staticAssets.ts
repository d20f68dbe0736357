import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { readLoaderScript, type LoaderScript } from '../loaderScript';
import { compressFile, encodedBody, type CompressedFile } from './compressedFile';

const SCRIPT_HEADERS = {
  'Content-Type': 'text/javascript; charset=utf-8',
  // Merchant pages load it cross-origin, and with `crossorigin` for Subresource Integrity.
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Text, which compresses; images other than SVG and fonts come compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg)/;

/** A name Vite gives a file of the app's `assets/`: no directory, no leading dot. */
const ASSET_NAME = /^[\w-][\w.-]*$/;

/**
 * The checkout app's hashed files, each read (and, if text, compressed) once and then answered from memory: its
 * first script and stylesheet are on the open path (issue 13), and a file streamed from disk takes several turns of
 * the event loop, each waiting behind whatever queries PGlite is running on it then, such as the description of the
 * session whose page was just sent (`preparedViews`). A name holds one content for good (Vite hashes it), so nothing kept goes stale; a name
 * not found is looked for again next time.
 */
function appAssets(assetsDir: string) {
  const files = new Map<string, { body: Uint8Array<ArrayBuffer> | CompressedFile; type: string }>();
  return (name: string) => {
    if (!ASSET_NAME.test(name)) return null;
    let file = files.get(name);
    if (!file) {
      let body: Uint8Array<ArrayBuffer>;
      try {
        body = new Uint8Array(readFileSync(join(assetsDir, name)));
      } catch {
        return null;
      }
      const type = getMimeType(name) ?? 'application/octet-stream';
      file = { body: COMPRESSIBLE.test(type) ? compressFile(body) : body, type };
      files.set(name, file);
    }
    return file;
  };
}

/**
 * The loader script, both at `/checkout.js` (always the latest, briefly cached) and at its immutable
 * versioned name with `/checkout.json` telling that name and its SRI hash; and the checkout app's
 * hashed assets. All come from Vite's build in `distDir`.
 */
export function staticAssets(distDir: string, publicUrl: string) {
  let loader: (LoaderScript & { body: CompressedFile }) | undefined;
  const readLoader = () => {
    if (loader) return loader;
    const script = readLoaderScript(distDir);
    return (loader = { ...script, body: compressFile(new TextEncoder().encode(script.source)) });
  };
  const readAsset = appAssets(join(distDir, 'checkout', 'assets'));
  /** The bytes of `file` in the request's accepted encoding, with `headers`. */
  const send = (c: Context, file: Uint8Array<ArrayBuffer> | CompressedFile, headers: Record<string, string>) => {
    if (file instanceof Uint8Array) return c.body(file, 200, headers);
    const encoded = encodedBody(file, c.req.header('Accept-Encoding'));
    return c.body(encoded.body, 200, { ...headers, ...encoded.headers });
  };
  return new Hono()
    .get('/checkout.js', (c) => send(c, readLoader().body, { ...SCRIPT_HEADERS, 'Cache-Control': 'public, max-age=300' }))
    .get('/checkout.json', (c) => {
      const { file, integrity } = readLoader();
      return c.json({ src: `${publicUrl}${file}`, integrity }, 200, { 'Access-Control-Allow-Origin': '*' });
    })
    .get('/:file{checkout-[\\w-]+\\.js}', (c) => {
      const { file, body } = readLoader();
      if (c.req.param('file') !== file) return c.notFound();
      return send(c, body, { ...SCRIPT_HEADERS, 'Cache-Control': IMMUTABLE });
    })
    .get('/assets/:name', (c) => {
      const file = readAsset(c.req.param('name'));
      if (!file) return c.notFound();
      return send(c, file.body, { 'Content-Type': file.type, 'Cache-Control': IMMUTABLE });
    });
}
