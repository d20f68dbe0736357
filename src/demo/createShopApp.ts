import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

export interface ShopOptions {
  /** The checkout server, as the merchant's backend and the page's `<script>` reach it. */
  tillUrl: string;
  /** The shop's secret key; it stays on this server. */
  apiKey: string;
}

const asset = (name: string) => readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');
const escapeHtml = (value: string) => value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The demo merchant: a page with Subscribe and Buy credits, and the small backend a real merchant would
 * write — it creates checkout sessions with its secret key and hands only the token to the page.
 */
export function createShopApp({ tillUrl, apiKey }: ShopOptions) {
  const till = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(path, tillUrl), {
      ...init,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const tillOrigin = new URL(tillUrl).origin;
  const page = asset('shop.html').replaceAll('{{tillUrl}}', escapeHtml(tillUrl));

  return new Hono()
    .get('/', (c) =>
      c.html(page, 200, {
        // The shop runs under a strict CSP of its own, as careful merchants do: the loader must cope.
        'Content-Security-Policy': `default-src 'self'; script-src 'self' ${tillOrigin}; frame-src ${tillOrigin}; style-src 'self'`,
      }),
    )
    .get('/shop.js', (c) => c.body(asset('shop.js'), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/shop.css', (c) => c.body(asset('shop.css'), 200, { 'Content-Type': 'text/css; charset=utf-8' }))
    .post('/api/checkout-session', async (c) => {
      const { kind, connection_id } = await c.req.json<{ kind: 'subscription' | 'credits'; connection_id?: string }>();
      const { body: plans } = await till('v1/subscription_configs');
      const plan = plans.data[0];
      const session =
        kind === 'subscription'
          ? { checkout_mode: 'subscription', subscription_config_id: plan.subscription_config_id }
          : { checkout_mode: 'credit_bundle', credit_bundle_id: plan.credit_bundles[0].credit_bundle_id, connection_id };
      const { status, body } = await till('v1/checkout_sessions', {
        method: 'POST',
        body: JSON.stringify({ ...session, origin_url: `${new URL(c.req.url).origin}/` }),
      });
      if (status !== 201) return c.json(body, status as 400);
      return c.json({ token: body.checkout_session_token });
    })
    .get('/api/connections/:id', async (c) => {
      const { status, body } = await till(`v1/connections/${encodeURIComponent(c.req.param('id'))}`);
      return c.json(body, status as 200);
    });
}
