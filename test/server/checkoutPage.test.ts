import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleOf, secretOf, useTestServer } from './support/testServer';

const till = useTestServer();

/** The boot script vite.config.ts inlines into index.html, as the page's CSP allows it: by its hash. */
function bootScriptSource() {
  const html = readFileSync(new URL('../../dist/checkout/index.html', import.meta.url), 'utf8');
  const [, source] = /<script>([\s\S]*?)<\/script>/.exec(html)!;
  return `'sha256-${createHash('sha256').update(source!).digest('base64')}'`;
}

describe('GET /checkout/:handle', () => {
  it('needs the checkout app built by `npx vite build`', () => {
    expect(existsSync(new URL('../../dist/checkout/index.html', import.meta.url))).toBe(true);
  });

  it('serves the checkout app, framable only by the session’s origin', async () => {
    const session = await till.createSession({ origin_url: 'http://localhost:4000/' });
    const response = await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null });

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp.split('; ')).toContain('frame-ancestors http://localhost:4000');
    // A test processor's session loads nothing from Stripe: its policy is exactly the one of before Stripe (and the
    // demo merchant's inline logo).
    // The one inline script, the boot script, is allowed by its hash; no other could run.
    expect(csp).toBe(
      `default-src 'self'; script-src 'self' ${bootScriptSource()}; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; ` +
        "base-uri 'none'; form-action 'none'; frame-ancestors http://localhost:4000",
    );
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('allows an https logo by its origin, and one whose host could add a directive of its own not at all', async () => {
    const cspWithLogo = async (logoUrl: string) => {
      await till.db.query('UPDATE merchants SET logo_url = $2 WHERE merchant_id = $1', [till.demo.merchantId, logoUrl]);
      const response = await till.request('GET', `/checkout/${handleOf(secretOf(await till.createSession()))}`, { key: null });
      return (response.headers.get('Content-Security-Policy') ?? '').split('; ');
    };
    const [logo] = await till.db.query<{ logo_url: string }>('SELECT logo_url FROM merchants WHERE merchant_id = $1', [till.demo.merchantId]);
    try {
      expect(await cspWithLogo('https://cdn.acme.example:8443/logo.png')).toContain("img-src 'self' https://cdn.acme.example:8443");
      // The store's check admits this host; its policy would have gained `frame-ancestors` with no source, ahead of the real one.
      const injected = await cspWithLogo('https://cdn.acme.example;frame-ancestors/logo.png');
      expect(injected).toContain("img-src 'self'");
      expect(injected.filter((directive) => directive.startsWith('frame-ancestors'))).toStrictEqual(['frame-ancestors http://localhost:4000']);
    } finally {
      await till.db.query('UPDATE merchants SET logo_url = $2 WHERE merchant_id = $1', [till.demo.merchantId, logo!.logo_url]);
    }
  });

  it('tells the app its parent origin and session id, but never the secret', async () => {
    const session = await till.createSession({ origin_url: 'https://shop.example.com' });
    const secret = secretOf(session);
    const html = await (await till.request('GET', `/checkout/${handleOf(secret)}`, { key: null })).text();

    expect(html).toContain('<meta name="till-parent-origin" content="https://shop.example.com">');
    expect(html).toContain(`<meta name="till-checkout-session" content="${session.checkout_session_id}">`);
    // Before the boot script, which reads them as the page is parsed.
    expect(html.indexOf('till-parent-origin')).toBeLessThan(html.indexOf('<script>'));
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('</head>'));
    expect(html).not.toContain(secret);
    expect(html).not.toContain(secret.slice('css_test_'.length));
  });

  it('writes a parent origin with $ patterns into its tag as it is, leaving the page around it whole', async () => {
    // The API no longer takes such an origin (httpOrigin); a session stored before could still hold one.
    const session = await till.createSession();
    await till.db.query('UPDATE checkout_sessions SET origin_url = $1 WHERE checkout_session_id = $2', [
      "https://a$'b$`c$&d.example/",
      session.checkout_session_id,
    ]);
    const html = await (await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null })).text();

    expect(html).toContain('<meta name="till-parent-origin" content="https://a$\'b$`c$&#38;d.example"><meta name="till-checkout-session"');
    expect(html.match(/<!doctype/gi)).toHaveLength(1);
    expect(html.match(/<meta name="till-parent-origin"/g)).toHaveLength(1);
  });

  it('lets only the origin of an origin_url with a trailing slash frame the page', async () => {
    const session = await till.createSession({ origin_url: 'https://shop.example.com/' });
    const response = await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null });
    expect(response.headers.get('Content-Security-Policy')?.split('; ')).toContain('frame-ancestors https://shop.example.com');
  });

  it('still serves the page of a completed or expired session, for the app to say so', async () => {
    const completed = await till.createSession();
    await till.complete(secretOf(completed));
    const expired = await till.createSession();
    await till.expireSession(expired.checkout_session_id);
    for (const session of [completed, expired]) {
      expect((await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null })).status).toBe(200);
    }
  });

  it.each([
    ['an unknown handle', () => 'unknown-handle'],
    ['the secret itself', (secret: string) => secret],
    ['the session id', (_: string, id: string) => id],
  ])('answers %s with 404, framable by no one', async (_, handleFor) => {
    const session = await till.createSession();
    const response = await till.request('GET', `/checkout/${encodeURIComponent(handleFor(secretOf(session), session.checkout_session_id))}`, {
      key: null,
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.text()).not.toContain('till-parent-origin');
  });
});
