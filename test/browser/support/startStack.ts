import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createShopApp, SHOP_WEBHOOK_PATH } from '../../../src/demo/createShopApp';
import { registerShopWebhook, type ShopWebhook } from '../../../src/demo/registerShopWebhook';
import {
  createApp,
  listen,
  resolveHostname,
  startCheckoutServer,
  startWebhookWorker,
  type Database,
  type RunningServer,
  type WebhookUrlPolicy,
} from '../../../src/server';
import { processorForMerchant } from '../../../src/server/payments/processorForMerchant';
import type { StripeProcessorOptions } from '../../../src/server/payments/stripe/createStripeProcessor';
import { captureLogs } from '../../server/support/captureLogs';
import { freePort } from './freePort';
import { listenBothSchemes } from './listenBothSchemes';
import { openTestStore } from '../../server/support/openTestStore';

export interface ServedFile {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface CreatedSession {
  checkout_session_id: string;
  checkout_session_token: string;
  checkout_url: string;
}

export interface Stack {
  tillUrl: string;
  /** The same checkout server, reached over https. */
  tillHttpsUrl: string;
  shopUrl: string;
  /** The shop's webhook endpoint, registered as `npm start` registers it; its secret is the shop's. */
  shopWebhook: ShopWebhook;
  apiKey: string;
  /** The store behind the checkout server, for states no API reaches (an expired session). */
  db: Database;
  /** Every line the checkout server logged, at debug level: one per request and every failure. */
  logs(): string;
  /** Serves `html` at `/` of a third origin (another port), for pages that must not get in. */
  startThirdOrigin(html: string): Promise<string>;
  /** A second checkout server over the same store, on another port: the real app from the wrong origin. */
  startCheckoutMirror(): Promise<string>;
  /** Serves files on an origin of their own (another port); returns its URL. */
  serve(files: Record<string, ServedFile>): Promise<string>;
  /** Creates a subscription session for the demo plan, opened from the shop's origin unless told otherwise. */
  createSubscriptionSession(fields?: Record<string, unknown>): Promise<CreatedSession>;
  /** Calls the merchant API as the demo merchant: GET, or POST with a body unless `method` says otherwise. */
  api<T = any>(path: string, body?: object, method?: 'PATCH' | 'DELETE'): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /**
   * A Stripe API for the merchants set to Stripe (the local fake): the server then has an encryption key for
   * their keys. Without it every merchant pays through the test processor.
   */
  stripeApi?: StripeProcessorOptions['api'];
}

/**
 * The real thing on real ports: the checkout server over a store of its own (see `openTestStore`) with its webhook
 * worker, and the demo shop, which learns of purchases from those webhooks.
 */
export async function startStack({ stripeApi }: StackOptions = {}): Promise<Stack> {
  const store = await openTestStore();
  const { db, demo } = store;
  const tillPort = await freePort();
  const publicUrl = `http://localhost:${tillPort}/`;
  // Development mode, as `npm start` runs: the shop's webhooks go to localhost over http. The worker looks for due
  // deliveries every 100 ms besides being woken, so no test waits on the production poll of a second.
  const urlPolicy: WebhookUrlPolicy = { resolve: resolveHostname, allowLoopback: true };
  const worker = startWebhookWorker({ db, urlPolicy, pollIntervalMs: 100 });
  const webhooks = { urlPolicy, wake: worker.wake };
  // Also over https on the same port: the checkout page from an origin that differs in its scheme alone.
  const logs = captureLogs('debug');
  const encryptionKey = stripeApi && randomBytes(32);
  const payments = encryptionKey ? { encryptionKey, processorFor: processorForMerchant({ encryptionKey, stripeApi }) } : {};
  const app = createApp({ db, publicUrl, webhooks, logger: logs.logger, ...payments });
  const servers: RunningServer[] = [await listenBothSchemes(app.fetch, tillPort)];
  // The shop's port is picked first, as `npm start` knows SHOP_PORT: its endpoint is registered before it listens.
  const shopPort = await freePort();
  const shopWebhook = await registerShopWebhook({
    tillUrl: publicUrl,
    apiKey: demo.apiKey,
    url: new URL(SHOP_WEBHOOK_PATH, `http://localhost:${shopPort}/`).href,
    db,
  });
  const shop = await listen(createShopApp({ tillUrl: publicUrl, apiKey: demo.apiKey, webhookSecret: shopWebhook.secret }).fetch, shopPort);
  servers.push(shop);

  const serve: Stack['serve'] = async (files) => {
    const app = new Hono().get('*', (c) => {
      const file = files[c.req.path];
      if (!file) return c.notFound();
      return c.body(file.body, 200, { 'Content-Type': file.type ?? 'text/html; charset=utf-8', ...file.headers });
    });
    const server = await listen(app.fetch, 0);
    servers.push(server);
    return server.url;
  };

  const api: Stack['api'] = async (path, body, method) => {
    const response = await fetch(new URL(path, publicUrl), {
      method: method ?? (body ? 'POST' : 'GET'),
      headers: { Authorization: `Bearer ${demo.apiKey}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  return {
    tillUrl: publicUrl,
    tillHttpsUrl: `https://localhost:${tillPort}/`,
    shopUrl: shop.url,
    shopWebhook,
    apiKey: demo.apiKey,
    db,
    logs: logs.text,
    async startThirdOrigin(html) {
      return serve({ '/': { body: html } });
    },
    serve,
    async startCheckoutMirror() {
      const port = await freePort();
      const mirror = await startCheckoutServer({ db, publicUrl: `http://localhost:${port}/`, port, webhooks });
      servers.push(mirror);
      return mirror.url;
    },
    api,
    async createSubscriptionSession(fields) {
      const { body: plans } = await api('v1/subscription_configs');
      const { status, body } = await api('v1/checkout_sessions', {
        checkout_mode: 'subscription',
        origin_url: shop.url,
        subscription_config_id: plans.data[0].subscription_config_id,
        ...fields,
      });
      if (status !== 201) throw new Error(`session not created: ${JSON.stringify(body)}`);
      return body;
    },
    async stop() {
      // The worker first, while the shop still answers the deliveries it has in flight.
      await worker.stop();
      await Promise.all(servers.map((server) => server.close()));
      await store.close();
    },
  };
}
