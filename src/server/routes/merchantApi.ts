import { Hono } from 'hono';
import { knownPlanCache } from '../catalog/knownPlans';
import { listCreditBundles, listSubscriptionConfigs } from '../catalog/listCatalog';
import { getConnection } from '../connections/getConnection';
import { findEvent, listEvents } from '../events/listEvents';
import { redeliverEvent } from '../events/redeliverEvent';
import { serializeEvent } from '../events/serializeEvent';
import { rateLimit } from '../rateLimits/rateLimit';
import { DEFAULT_RATE_LIMITS, describeWindow, type RateLimits } from '../rateLimits/rateLimitSettings';
import { priceSession } from '../pricing/priceSession';
import { createCheckoutSession } from '../sessions/createCheckoutSession';
import { serializeCheckoutSession } from '../sessions/checkoutSessionRow';
import { findCheckoutSessionById } from '../sessions/findCheckoutSession';
import type { Database } from '../store/Database';
import { parseInput, readJsonBody } from '../validation';
import type { WebhookUrlPolicy } from '../webhooks/checkWebhookUrl';
import { listWebhookAttempts } from '../webhooks/listWebhookAttempts';
import { advanceTestClock } from '../testClock/advanceTestClock';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../webhooks/webhookEndpoints';
import { catalogApi } from './catalogApi';
import { apiKeyApi } from './apiKeyApi';
import { testProcessorForAll, type ProcessorFor } from '../payments/ProcessorFor';
import { customerApi } from './customerApi';
import { idempotency } from './idempotency';
import { merchantAuth, type MerchantEnv } from './merchantAuth';
import { pricingRulesApi } from './pricingRulesApi';
import { processorSettingsApi } from './processorSettingsApi';
import { pageQuery } from '../../protocol/api/lists';

export interface WebhookSettings {
  /** Which URLs may receive webhooks. */
  urlPolicy: WebhookUrlPolicy;
  /**
   * Tells the background worker that a request queued deliveries, so they go out now rather than at its next poll,
   * or moved the test clock, so what fell due renews now.
   */
  wake(): void;
}

/**
 * The merchant API under `/v1`, authenticated by the merchant's secret key and limited per key. `encryptionKey`
 * (TILL_ENCRYPTION_KEY) seals the processor keys merchants send; without it they are refused.
 */
export function merchantApi(
  db: Database,
  publicUrl: string,
  webhooks: WebhookSettings,
  rateLimits: RateLimits = DEFAULT_RATE_LIMITS,
  { processorFor = testProcessorForAll, encryptionKey }: { processorFor?: ProcessorFor; encryptionKey?: Buffer } = {},
) {
  const plans = knownPlanCache();
  return new Hono<MerchantEnv>()
    .use(merchantAuth(db))
    // Before `idempotency`, so a refused request claims no key and its retry later runs.
    .use(
      rateLimit<MerchantEnv>(db, {
        name: 'api_key',
        limit: rateLimits.apiKey,
        keyOf: (c) => c.get('apiKeyId'),
        message: ({ max, windowMs }) => `Too many requests with this API key: at most ${max} per ${describeWindow(windowMs)}. Retry after the time in Retry-After.`,
      }),
    )
    .use(idempotency(db))
    .route('/', customerApi(db, processorFor))
    .route('/', apiKeyApi(db))
    .route('/', pricingRulesApi(db))
    .route('/', catalogApi(db))
    .route('/', processorSettingsApi(db, publicUrl, encryptionKey))
    .post('/checkout_sessions', async (c) =>
      c.json(await createCheckoutSession(db, c.get('merchantId'), publicUrl, await readJsonBody(c), plans), 201),
    )
    .get('/checkout_sessions/:id', async (c) => {
      const session = await findCheckoutSessionById(db, c.get('merchantId'), c.req.param('id'));
      return c.json(serializeCheckoutSession(session, await priceSession(db, session)));
    })
    .get('/subscription_configs', async (c) =>
      c.json(await listSubscriptionConfigs(db, c.get('merchantId'), parseInput(pageQuery, c.req.query()))),
    )
    .get('/credit_bundles', async (c) =>
      c.json(await listCreditBundles(db, c.get('merchantId'), parseInput(pageQuery, c.req.query()))),
    )
    .get('/connections/:id', async (c) => c.json(await getConnection(db, c.get('merchantId'), c.req.param('id'))))
    .get('/events', async (c) => c.json(await listEvents(db, c.get('merchantId'), c.req.query())))
    .get('/events/:id', async (c) => c.json(serializeEvent(await findEvent(db, c.get('merchantId'), c.req.param('id')))))
    .post('/events/:id/redeliver', async (c) => {
      const queued = await redeliverEvent(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c));
      webhooks.wake();
      return c.json(queued, 202);
    })
    .post('/webhook_endpoints', async (c) =>
      c.json(await createWebhookEndpoint(db, c.get('merchantId'), await readJsonBody(c), webhooks.urlPolicy), 201),
    )
    .get('/webhook_endpoints', async (c) =>
      c.json(await listWebhookEndpoints(db, c.get('merchantId'), parseInput(pageQuery, c.req.query()))),
    )
    .get('/webhook_endpoints/:id', async (c) => c.json(await getWebhookEndpoint(db, c.get('merchantId'), c.req.param('id'))))
    .patch('/webhook_endpoints/:id', async (c) =>
      c.json(await updateWebhookEndpoint(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c), webhooks.urlPolicy)),
    )
    .delete('/webhook_endpoints/:id', async (c) => c.json(await deleteWebhookEndpoint(db, c.get('merchantId'), c.req.param('id'))))
    .post('/webhook_endpoints/:id/rotate_secret', async (c) =>
      c.json(await rotateWebhookSecret(db, c.get('merchantId'), c.req.param('id'))),
    )
    .get('/webhook_endpoints/:id/deliveries', async (c) =>
      c.json(await listWebhookAttempts(db, c.get('merchantId'), c.req.param('id'), c.req.query())),
    )
    .post('/test_helpers/advance_time', async (c) => {
      const clock = await advanceTestClock(db, c.get('merchantId'), c.req.method, c.req.path, await readJsonBody(c));
      webhooks.wake();
      return c.json(clock);
    });
}
