import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_DIST_DIR } from './builtAssets';
import { INPUT_LIMITS } from './inputLimits';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rateLimits/rateLimitSettings';
import { createLogger, type Logger } from './logging/createLogger';
import { checkoutRoutes } from '../protocol/api/checkoutRoutes';
import { createPreparedViews } from './checkout/preparedViews';
import { merchantRoutes } from '../protocol/api/merchantRoutes';
import { apiReference } from './routes/apiReference';
import { testProcessorForAll, type ProcessorFor } from './payments/ProcessorFor';
import { stripeRoutes } from './payments/stripe/stripeRoutes';
import { testProcessorRoutes } from './payments/test/testProcessorRoutes';
import { checkoutApi } from './routes/checkoutApi';
import { checkoutPage } from './routes/checkoutPage';
import { checkRequestUrl } from './routes/checkRequestUrl';
import { healthChecks } from './routes/healthChecks';
import { merchantApi, type WebhookSettings } from './routes/merchantApi';
import { preloadPage } from './routes/preloadPage';
import { requestIds } from './routes/requestIds';
import { requestedRoute, requestLog } from './routes/requestLog';
import { staticAssets } from './routes/staticAssets';
import type { Database } from './store/Database';
import { TillApiError } from './TillApiError';
import { productionUrlPolicy } from './webhooks/checkWebhookUrl';

export interface AppOptions {
  db: Database;
  /** The `base` written into tokens, ending with `/`. */
  publicUrl: string;
  /** Vite's output: `checkout/` (the app) and `loader/` (checkout.js). */
  distDir?: string;
  /** Default: public https URLs only (production), and no worker to wake (it finds new deliveries at its next poll). */
  webhooks?: Partial<WebhookSettings>;
  /** Where request lines and failures go; by default failures only, as JSON on stdout. */
  logger?: Logger;
  /** Default `DEFAULT_RATE_LIMITS`. */
  rateLimits?: RateLimits;
  /** Proxies in front of the server that append to `X-Forwarded-For` (see `clientAddress`); default 0. */
  trustedProxies?: number;
  /** Who takes each merchant's payments; default the built-in test processor for all. */
  processorFor?: ProcessorFor;
  /** `TILL_ENCRYPTION_KEY`: seals and reads merchants' Stripe keys; without it Stripe keys are refused. */
  encryptionKey?: Buffer;
}

let sharedDefaultLogger: Logger | undefined;

/** For an app made without a logger (tests, embedding): what went wrong is still printed, the traffic is not. */
export function defaultAppLogger(): Logger {
  return (sharedDefaultLogger ??= createLogger({ level: 'error' }));
}

/** The whole checkout server as one Hono app: merchant API, checkout pages, the app's API, the loader. */
export function createApp(options: AppOptions) {
  const { db, publicUrl, distDir = DEFAULT_DIST_DIR, webhooks = {}, logger = defaultAppLogger() } = options;
  const { rateLimits = DEFAULT_RATE_LIMITS, trustedProxies = 0, processorFor = testProcessorForAll, encryptionKey } = options;
  const { urlPolicy = productionUrlPolicy, wake = () => {} } = webhooks;
  const app = new Hono();
  // Before every route, so each answer (pages, assets and 404s included) has its id and no route sees oversized input.
  app.use(requestIds());
  app.use(requestLog(logger));
  app.use(
    bodyLimit({
      maxSize: INPUT_LIMITS.bodyBytes,
      onError: () => {
        throw new TillApiError('request_too_large', `The request body must be at most ${INPUT_LIMITS.bodyBytes} bytes.`);
      },
    }),
  );
  app.use(checkRequestUrl());
  app.route('/', healthChecks(db, logger));
  // Before the merchant API, whose key check would otherwise guard the public reference too.
  app.route('/v1', apiReference({ ...merchantRoutes, ...checkoutRoutes }, publicUrl));
  app.route('/v1', merchantApi(db, publicUrl, { urlPolicy, wake }, rateLimits, { processorFor, encryptionKey }));
  const preparedViews = createPreparedViews(db);
  app.route('/api/checkout', checkoutApi(db, wake, { rateLimits, trustedProxies, processorFor, preparedViews }));
  app.route('/test-processor', testProcessorRoutes(db, rateLimits, trustedProxies));
  app.route('/stripe', stripeRoutes(db, { encryptionKey, processorFor }));
  app.route('/checkout', checkoutPage(db, join(distDir, 'checkout'), preparedViews));
  app.route('/', preloadPage(join(distDir, 'checkout')));
  app.route('/', staticAssets(distDir, publicUrl));
  app.get('/', (c) => c.text('Till checkout server. The merchant API is under /v1.'));

  app.notFound((c) =>
    c.json(new TillApiError('route_not_found', `No route for ${c.req.method} ${c.req.path}.`).toResponseBody(c.get('requestId')), 404),
  );
  app.onError((error, c) => {
    const requestId = c.get('requestId');
    if (error instanceof TillApiError) {
      const headers = error.retryAfterSeconds === null ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
      return c.json(error.toResponseBody(requestId), error.status, headers);
    }
    // Never the request's headers or body, which may hold keys or card numbers; the error itself is cut down to its
    // scrubbed message and stack (a database error carries the query's parameters in its other fields).
    logger.error({ request_id: requestId, method: c.req.method, route: requestedRoute(c), err: error }, 'request failed');
    return c.json(new TillApiError('internal_error', 'Something went wrong on our side. Please try again.').toResponseBody(requestId), 500);
  });
  return app;
}
