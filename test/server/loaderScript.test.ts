import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PUBLIC_URL, useTestServer } from './support/testServer';

const till = useTestServer();

const get = (path: string) => till.request('GET', path, { key: null });

describe('the loader script', () => {
  it('is served at /checkout.js to any origin, briefly cached', async () => {
    const response = await get('/checkout.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
  });

  it('is also served at an immutable versioned URL whose integrity hash matches its bytes', async () => {
    const { src, integrity } = await (await get('/checkout.json')).json();
    expect(src).toMatch(new RegExp(`^${PUBLIC_URL}checkout-[\\w-]{12}\\.js$`));
    const versioned = await get(new URL(src).pathname);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(versioned.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const body = Buffer.from(await versioned.arrayBuffer());
    expect(integrity).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
    expect(body.equals(Buffer.from(await (await get('/checkout.js')).arrayBuffer()))).toBe(true);
  });

  it('answers 404 for a version it does not have', async () => {
    expect((await get('/checkout-AAAAAAAAAAAA.js')).status).toBe(404);
  });
});
