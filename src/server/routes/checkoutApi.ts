import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { completeCheckout } from '../checkout/completeCheckout';
import { describeCheckout } from '../checkout/describeCheckout';
import type { PreparedViews } from '../checkout/preparedViews';
import { preformatView, viewLocales } from '../checkout/preformatView';
import { updateCheckout } from '../checkout/updateCheckout';
import { clientAddress } from '../rateLimits/clientAddress';
import { countHit, rateLimit, type RateLimitOptions } from '../rateLimits/rateLimit';
import { describeWindow, type RateLimits } from '../rateLimits/rateLimitSettings';
import { CHECKOUT_SESSION_HEADER } from '../../protocol/api/checkoutSessionHeader';
import { hashSecret } from '../secrets';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import { findCheckoutSessionByHash } from '../sessions/findCheckoutSession';
import type { ProcessorFor } from '../payments/ProcessorFor';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { readJsonBody } from '../validation';
import { bearerToken } from './merchantAuth';

type SessionEnv = { Variables: { session: CheckoutSessionRow } };

export interface CheckoutApiOptions {
  rateLimits: RateLimits;
  /** See `clientAddress`. */
  trustedProxies: number;
  processorFor: ProcessorFor;
  /** What the checkout page started describing; the first `GET /session` takes it. */
  preparedViews: PreparedViews;
}

/**
 * The checkout app's own API, under `/api/checkout`. It is authorised by the session secret, sent as a
 * bearer token (never in a URL), and can see nothing but that one session: `GET /session` (the view),
 * `PATCH /session` (the customer's choices, answered with the new view) and `POST /complete` (pay, with an
 * optional `Idempotency-Key` header), after which the webhook worker is woken.
 */
export function checkoutApi(db: Database, wakeWebhooks: () => void, { rateLimits, trustedProxies, processorFor, preparedViews }: CheckoutApiOptions) {
  // Before the secret is checked, so guessing secrets is limited too.
  const perAddress = rateLimit(db, {
    name: 'checkout_address',
    limit: rateLimits.checkoutAddress,
    keyOf: (c) => clientAddress(c, trustedProxies),
    message: ({ max, windowMs }) => `Too many requests from your network: at most ${max} per ${describeWindow(windowMs)}. Please wait a moment and try again.`,
  });
  // Card testing: a stolen list tried through one session. Every attempt counts, declined or not.
  const paymentAttempts = rateLimit<SessionEnv>(db, {
    name: 'payment_attempts',
    limit: rateLimits.paymentAttempts,
    keyOf: (c) => c.get('session').checkout_session_id,
    message: ({ max, windowMs }) =>
      `Too many payment attempts for this checkout: at most ${max} per ${describeWindow(windowMs)}. Please start a new checkout or try again later.`,
  });

  // Guessing the merchant's codes, one session at a time: only a change that carries a code counts.
  const promotionCodeAttempts: RateLimitOptions<SessionEnv> = {
    name: 'promotion_code_attempts',
    limit: rateLimits.promotionCodeAttempts,
    keyOf: (c) => c.get('session').checkout_session_id,
    message: ({ max, windowMs }) =>
      `Too many promotion codes tried in this checkout: at most ${max} per ${describeWindow(windowMs)}. Please start a new checkout or try again later.`,
  };

  const sessionAuth = createMiddleware<SessionEnv>(async (c, next) => {
    const secret = bearerToken(c.req.header('Authorization'));
    const session = secret && (await findCheckoutSessionByHash(db, hashSecret(secret)));
    // The app names the session of the page it runs in. The loader takes the page's handle from the token, not
    // from the secret, so a token pairing one session's handle with another's secret must fail here rather than
    // show the second session in the first one's page (framed by its merchant, under its CSP).
    const pageSession = c.req.header(CHECKOUT_SESSION_HEADER);
    if (!session || (pageSession !== undefined && pageSession !== session.checkout_session_id)) {
      throw new TillApiError('invalid_session_secret', 'This checkout link is not valid.');
    }
    c.set('session', session);
    await next();
  });

  return new Hono<SessionEnv>()
    .use(perAddress)
    .use(sessionAuth)
    .get('/session', async (c) => {
      const session = c.get('session');
      const view = (await preparedViews.take(session)) ?? (await describeCheckout(db, session));
      return c.json({ ...view, formats: preformatView(view, viewLocales(view.locale, c.req.header('Accept-Language'))) });
    })
    .patch('/session', async (c) => {
      const body = await readJsonBody(c);
      if (typeof (body as { promotion_code?: unknown } | null)?.promotion_code === 'string') await countHit(db, promotionCodeAttempts, c);
      return c.json(await updateCheckout(db, processorFor, c.get('session').secret_hash, body));
    })
    .post('/complete', paymentAttempts, async (c) => {
      // A completion records events whether it pays or is declined; either way they go out now.
      try {
        return c.json(await completeCheckout(db, processorFor, c.get('session').secret_hash, await readJsonBody(c), c.req.header('Idempotency-Key') ?? null));
      } finally {
        wakeWebhooks();
      }
    });
}
