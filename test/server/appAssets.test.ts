import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIST_DIR } from '../../src/server/builtAssets';
import { useTestServer } from './support/testServer';

const till = useTestServer();

const get = (path: string) => till.request('GET', path, { key: null });
const appDir = join(DEFAULT_DIST_DIR, 'checkout');
/** The script and stylesheet the checkout page loads first, as the build named them. */
const firstLoad = () => {
  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  return {
    script: /<script type="module"[^>]* src="\/(assets\/[^"]+\.js)"/.exec(html)![1]!,
    stylesheet: /<link rel="stylesheet"[^>]* href="\/(assets\/[^"]+\.css)"/.exec(html)![1]!,
  };
};

describe("the checkout app's assets", () => {
  it.each([
    ['script', 'text/javascript; charset=utf-8'],
    ['stylesheet', 'text/css; charset=utf-8'],
  ] as const)('serve the built %s as it is on disk, typed and cached for good', async (kind, type) => {
    const path = firstLoad()[kind];
    for (let request = 0; request < 2; request++) {
      // The second answer comes from memory: the same bytes and headers.
      const response = await get(`/${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe(type);
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(appDir, path)))).toBe(true);
    }
  });

  it.each([
    ['a file the build does not have', '/assets/missing.js'],
    ['a dotted name', '/assets/.hidden'],
    ['a path out of the folder, encoded', '/assets/%2e%2e%2findex.html'],
    ['a path out of the folder, doubly encoded', '/assets/..%252findex.html'],
    ['a file below the folder', '/assets/sub/index.js'],
  ])('answer 404 for %s', async (_, path) => {
    expect((await get(path)).status).toBe(404);
  });

  it.each([
    ['br', 'gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['gzip where brotli is refused', 'br;q=0, gzip', 'gzip', gunzipSync],
    ['brotli by a wildcard', '*', 'br', brotliDecompressSync],
    ['gzip where the request weighs it more', 'br;q=0.5, gzip;q=1.0', 'gzip', gunzipSync],
    ['gzip by its old name', 'x-gzip', 'gzip', gunzipSync],
    ['gzip where the wildcard is refused', '*;q=0, gzip', 'gzip', gunzipSync],
    ['the bytes as they are where nothing is accepted', 'identity', null, (body: Buffer) => body],
  ] as const)('send the first script compressed as the request accepts: %s', async (_, acceptEncoding, coding, decode) => {
    const path = firstLoad().script;
    const response = await till.request('GET', `/${path}`, { key: null, headers: { 'Accept-Encoding': acceptEncoding } });
    expect(response.headers.get('Content-Encoding')).toBe(coding);
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await response.arrayBuffer());
    expect(decode(body).equals(readFileSync(join(appDir, path)))).toBe(true);
    if (coding) expect(body.length).toBeLessThan(readFileSync(join(appDir, path)).length / 2);
  });

  it('sends the loader script compressed too, whose Subresource Integrity hash is of its bytes as built', async () => {
    const source = readFileSync(join(DEFAULT_DIST_DIR, 'loader', 'checkout.js'));
    const { src } = await (await get('/checkout.json')).json();
    for (const path of ['/checkout.js', new URL(src).pathname]) {
      const response = await till.request('GET', path, { key: null, headers: { 'Accept-Encoding': 'gzip' } });
      expect(response.headers.get('Content-Encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await response.arrayBuffer())).equals(source)).toBe(true);
    }
  });
});
