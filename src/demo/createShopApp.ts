import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Webhook } from 'standardwebhooks';
import { createShopLedger, type TillEvent } from './createShopLedger';

export interface ShopOptions {
  /** The checkout server, as the merchant's backend and the page's `<script>` reach it. */
  tillUrl: string;
  /** The shop's secret key; it stays on this server. */
  apiKey: string;
  /** The signing secret of the shop's webhook endpoint (`whsec_…`, see `registerShopWebhook`); it stays on this server too. */
  webhookSecret: string;
}

/** The path Till posts the shop's webhooks to. */
export const SHOP_WEBHOOK_PATH = '/webhooks/till';

/** Till's events are a few kilobytes; anything much larger is not one, and is refused before it is buffered. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

// The shop's page, script and styles sit in the repository's top-level public/, beside the code that serves them.
const asset = (name: string) => readFileSync(new URL(`../../public/${name}`, import.meta.url), 'utf8');
const escapeHtml = (value: string) => value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The demo merchant: a page with Subscribe and Buy credits, and the small backend a real merchant would
 * write — it creates checkout sessions with its secret key and hands only the token to the page, and it learns
 * what a customer bought from Till's signed webhooks, never from the page: a browser callback only says that
 * someone's browser ran a script.
 */
export function createShopApp({ tillUrl, apiKey, webhookSecret }: ShopOptions) {
  const till = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(path, tillUrl), {
      ...init,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const tillOrigin = new URL(tillUrl).origin;
  const page = asset('shop.html').replaceAll('{{tillUrl}}', escapeHtml(tillUrl));
  const webhook = new Webhook(webhookSecret);
  const ledger = createShopLedger();

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
    .post(
      SHOP_WEBHOOK_PATH,
      bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.text('Too large for a Till webhook.', 413) }),
      async (c) => {
        // The signature covers the bytes as sent: verify them before parsing, as re-serialised JSON may differ.
        const body = new Uint8Array(await c.req.arrayBuffer());
        let event: TillEvent;
        try {
          event = webhook.verify(body, c.req.header()) as TillEvent;
        } catch {
          // A bad or missing signature, or a timestamp more than five minutes off (a replay): not from Till.
          return c.text('Not a verified Till webhook.', 400);
        }
        // Only a verified id is remembered: an unverified one could be used to make the shop ignore a real event.
        const webhookId = c.req.header('webhook-id')!;
        if (!ledger.hasSeen(webhookId)) ledger.record(webhookId, event);
        return c.body(null, 204);
      },
    )
    .get('/api/checkout-sessions/:id', (c) => {
      const id = c.req.param('id');
      const checkout = ledger.checkout(id);
      if (!checkout) return c.json({ checkout_session_id: id, confirmed: false });
      return c.json({
        checkout_session_id: id,
        confirmed: true,
        checkout_mode: checkout.checkoutMode,
        connection_id: checkout.connectionId,
        credits_added: checkout.creditsAdded,
        credit_balance: checkout.creditBalance,
      });
    })
    .get('/api/connections/:id', async (c) => {
      const id = c.req.param('id');
      let { email, subscribed, creditBalance } = ledger.connection(id) ?? {};
      const subscriptionConfirmedBy = subscribed === undefined ? 'api' : 'webhook';
      if (email === undefined || subscribed === undefined || creditBalance === undefined) {
        // What no webhook has told this process: the ledger lives in memory, so after a restart the shop knows
        // nothing of earlier customers, and connection.created may still be on its way after checkout.completed.
        // Till's API has the current state; a real shop would keep its ledger in its own database instead.
        const { status, body } = await till(`v1/connections/${encodeURIComponent(id)}`);
        if (status !== 200) return c.json(body, status as 404);
        email ??= body.customer.email as string;
        subscribed ??= body.subscription?.status === 'active';
        creditBalance ??= body.credit_balance as string;
      }
      return c.json({
        connection_id: id,
        email,
        subscribed,
        credit_balance: creditBalance,
        subscription_confirmed_by: subscriptionConfirmedBy,
      });
    });
}
