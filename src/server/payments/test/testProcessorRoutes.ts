import { Hono } from 'hono';
import { html } from 'hono/html';
import { clientAddress } from '../../rateLimits/clientAddress';
import { rateLimit } from '../../rateLimits/rateLimit';
import { describeWindow, type RateLimits } from '../../rateLimits/rateLimitSettings';
import type { Database } from '../../store/Database';
import { toDecimalString } from '../../money';
import { readJsonBody } from '../../validation';
import { createTestPaymentMethod } from './createTestPaymentMethod';
import { createTestProcessor } from './createTestProcessor';

const PAYMENT_INTENT_ID = /^pi_(test|live)_[0-9A-Z]{26}$/;

/** A payment of the test processor, with the origin of the page its checkout was opened on (for framing). */
async function findIntent(db: Database, id: string) {
  if (!PAYMENT_INTENT_ID.test(id)) return undefined;
  const [intent] = await db.query<{ amount: number; currency: string; status: string; origin_url: string | null }>(
    `SELECT i.amount, i.currency, i.status, s.origin_url
     FROM test_payment_intents i
     LEFT JOIN payments p ON p.processor = 'test' AND p.processor_payment_id = i.payment_intent_id
     LEFT JOIN checkout_sessions s ON s.checkout_session_id = p.checkout_session_id
     WHERE i.payment_intent_id = $1`,
    [id],
  );
  return intent;
}

/**
 * The challenge is shown inside the checkout's frame, so every ancestor must be allowed: the checkout (`'self'`)
 * and the merchant's page its session was opened from, and no one else, so no other page can frame the buttons.
 */
function challengeHeaders(originUrl: string | null | undefined): Record<string, string> {
  const merchant = originUrl ? ` ${new URL(originUrl).origin}` : '';
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self'${merchant}; base-uri 'none'`,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

const page = (title: string, body: unknown) => html`<!doctype html>
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      <style>
        body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 24px; color: #1a1a1a; background: #fff; text-align: center; }
        form { display: flex; gap: 12px; justify-content: center; margin-top: 16px; }
        button { font: inherit; padding: 10px 20px; border-radius: 6px; border: 1px solid #1a1a1a; background: #fff; cursor: pointer; }
        button[value="complete"] { background: #1a1a1a; color: #fff; }
        button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
      </style>
    </head>
    <body>
      ${body}
    </body>
  </html>`;

/**
 * The test processor's own routes, apart from Till's API as a real processor's are: tokenization, which is the only
 * place a card number is ever sent, and the 3-D Secure challenge page of a payment that asks for it, with
 * "Complete" and "Fail" as Stripe's test page has. Served on the checkout's origin, so the checkout's CSP
 * (`connect-src 'self'`, frames from `'self'`) needs nothing more.
 */
export function testProcessorRoutes(db: Database, rateLimits: RateLimits, trustedProxies: number) {
  const perAddress = rateLimit(db, {
    name: 'test_processor_address',
    limit: rateLimits.checkoutAddress,
    keyOf: (c) => clientAddress(c, trustedProxies),
    message: ({ max, windowMs }) => `Too many requests from your network: at most ${max} per ${describeWindow(windowMs)}. Please wait a moment and try again.`,
  });
  return new Hono()
    .use(perAddress)
    .post('/payment_methods', async (c) => c.json(await createTestPaymentMethod(db, await readJsonBody(c))))
    .get('/authenticate/:id', async (c) => {
      const intent = await findIntent(db, c.req.param('id'));
      const headers = challengeHeaders(intent?.origin_url);
      if (!intent) return c.html(page('Payment not found', html`<p>There is no such payment.</p>`), 404, headers);
      if (intent.status !== 'requires_action') {
        return c.html(page('Done', html`<p data-challenge-result="${intent.status}">Returning to the checkout…</p>`), 200, headers);
      }
      const amount = `${toDecimalString(intent.amount, intent.currency)} ${intent.currency}`;
      return c.html(
        page(
          'Confirm this payment',
          html`<h1>Confirm this payment</h1>
            <p>Test mode: your bank would ask you to confirm the payment of ${amount}.</p>
            <form method="post">
              <button type="submit" name="result" value="complete" autofocus>Complete</button>
              <button type="submit" name="result" value="fail">Fail</button>
            </form>`,
        ),
        200,
        headers,
      );
    })
    .post('/authenticate/:id', async (c) => {
      const id = c.req.param('id');
      // A body that is no form (a wrong content type, say) answers nothing, like a form without a choice.
      const result = await c.req.parseBody().then(({ result }) => result, () => undefined);
      if ((await findIntent(db, id)) && (result === 'complete' || result === 'fail')) {
        await createTestProcessor(db).authenticate(id, result === 'complete');
      }
      // Post/redirect/get: the page the frame then shows says how it ended, and a reload does not answer twice.
      return c.redirect(c.req.path, 303);
    });
}
