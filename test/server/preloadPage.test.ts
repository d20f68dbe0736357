import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIST_DIR } from '../../src/server/builtAssets';
import { buildPreloadPage } from '../../src/server/routes/preloadPage';
import { useTestServer } from './support/testServer';

const till = useTestServer();

const checkoutPageTemplate = () => readFileSync(join(DEFAULT_DIST_DIR, 'checkout', 'index.html'), 'utf8');

describe('GET /preload', () => {
  it('preloads the checkout page’s first script and stylesheet, and runs nothing but its Intl warm-up', async () => {
    const template = checkoutPageTemplate();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(template)![1]!;
    const stylesheet = /<link rel="stylesheet" crossorigin href="([^"]+)"/.exec(template)![1]!;
    const response = await till.request('GET', '/preload', { key: null });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="${script}">`);
    expect(html).toContain(`<link rel="stylesheet" crossorigin href="${stylesheet}">`);
    // Fetched and compiled, never run: the app would look for a session this page has none of.
    expect(html).not.toContain('type="module"');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, source]) => source!);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toMatch(/^new Intl\.NumberFormat\(\)/);
    expect(response.headers.get('Content-Security-Policy')).toBe(
      `default-src 'none'; script-src 'self' 'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'; ` +
        "style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *",
    );
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('holds nothing of any session or merchant, and answers every page alike', async () => {
    const session = await till.createSession();
    const first = await (await till.request('GET', '/preload', { key: null })).text();
    const second = await (await till.request('GET', '/preload', { key: null, headers: { Referer: 'https://other.example/' } })).text();

    expect(second).toBe(first);
    expect(first).not.toContain(session.checkout_session_id);
    expect(first).not.toContain('<meta name="till-');
  });

  it('preloads no script when the page it is built from has none, rather than a broken link', () => {
    const { html } = buildPreloadPage('<!doctype html><html><head><title>Checkout</title></head></html>');
    expect(html).not.toContain('modulepreload');
    expect(html).not.toContain('stylesheet');
  });
});
