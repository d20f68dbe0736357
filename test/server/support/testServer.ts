import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { insertApiKey } from '../../../src/server/apiKeys/apiKeys';
import { createApp, type AppOptions } from '../../../src/server/createApp';
import { createId } from '../../../src/server/ids';
import { merchantInMode } from '../../../src/server/merchants/merchants';
import type { Database } from '../../../src/server/store/Database';
import { testProcessorForAll, type ProcessorFor } from '../../../src/server/payments/ProcessorFor';
import type { RateLimits } from '../../../src/server/rateLimits/rateLimitSettings';
import type { DemoMerchant } from '../../../src/server/store/seedDemo';
import { API_ERROR_STATUS, type ApiErrorCode } from '../../../src/protocol/api/apiErrors';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../../../src/server/webhooks/startWebhookWorker';
import { checkResponse } from './contract';
import type { CheckoutSession } from '../../../src/protocol/api/checkoutSessions';
import { FakeDns, loopbackOnlyConnector } from './loopbackOnly';
import { olderTransactionsEnded } from './olderTransactionsEnded';
import { openTestStore } from './openTestStore';

export const PUBLIC_URL = 'http://localhost:3000/';
/** The demo shop's origin: where the sessions these tests create are opened. */
export const SHOP_ORIGIN_URL = 'http://localhost:4000/';

export const nextYear = new Date().getUTCFullYear() + 1;
export const VISA = '4242424242424242';
/** The test-mode number that the processor declines. */
export const DECLINED_VISA = '4000000000000002';
/** Stripe's test card that asks for 3-D Secure on every payment. */
export const AUTHENTICATE_ALWAYS = '4000002760003184';
/** The test card whose payments settle a few seconds later. */
export const PROCESSING = '4000000000007726';

export const validCard = (number = VISA) => ({ number, exp_month: 12, exp_year: nextYear, cvc: '123' });
let customerCount = 0;
/**
 * A customer's details; without an email, a new address each time. A new customer with an address the merchant
 * already knows becomes that connection (seed 003), so tests that mean a new person need a new address.
 */
export const newCustomer = (email = `jane.${++customerCount}@example.com`, name = 'Jane Doe') => ({ email, name });
/** A complete body for `POST /api/checkout/complete` by a customer the merchant does not know yet. */
export const newCustomerPayment = (overrides: Record<string, unknown> = {}) => ({
  customer: newCustomer(),
  card: validCard(),
  ...overrides,
});

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** JSON-encoded, unless it is a string, which is sent as it is (for malformed JSON). */
  body?: unknown;
  /** Sent as `Authorization: Bearer <key>`; the demo merchant's API key unless given, none when `null`. */
  key?: string | null;
  headers?: Record<string, string>;
}

/** A session as the merchant API returns it: the contract's own type, so a test cannot expect a field it does not have. */
export type { CheckoutSession } from '../../../src/protocol/api/checkoutSessions';
export type { Estimate } from '../../../src/protocol/api/estimate';

export interface DemoCatalog {
  configId: string;
  starterBundle: { id: string; cost: string; creditAmount: string };
  powerBundle: { id: string; cost: string; creditAmount: string };
}

/** Issue 4's seeded plans, by name. */
export interface DemoPlans {
  pro: string;
  proYearly: string;
  team: string;
  proJpy: string;
}

export interface PromotionCodeFields {
  code?: string;
  percent_off?: number | null;
  amount_off?: number | null;
  currency?: string | null;
  duration?: 'once' | 'forever';
  expires_at?: Date | null;
  max_redemptions?: number | null;
  times_redeemed?: number;
  /** Restricts the code to these plans. */
  configIds?: string[];
  merchantId?: string;
}

export interface Subscriber {
  connectionId: string;
  session: CheckoutSession;
}

export interface OtherMerchant {
  merchantId: string;
  apiKey: string;
  configId: string;
  bundleId: string;
}

/** The token is standard base64 of `{"secret","base","handle"}`. */
export function decodeToken(token: string): { secret: string; base: string; handle: string } {
  return JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
}

export function secretOf(session: CheckoutSession): string {
  if (!session.checkout_session_token) throw new Error('Only a creation response carries the token.');
  return decodeToken(session.checkout_session_token).secret;
}

/** The checkout page's handle: base64url SHA-256 of the secret, computed here independently of the server. */
export function handleOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

const ERROR_TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'card_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  410: 'invalid_request_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
};

/**
 * Every error is exactly `{error: {type, code, message, param, request_id}}`, with the status its code carries and
 * `request_id` the response's own `X-Request-Id`; a declined card adds the reason, `decline_code` (one of
 * `DeclineCode`), and no other error has it.
 */
export function expectApiError(response: ApiResponse, code: ApiErrorCode, param: string | null = null) {
  const status = API_ERROR_STATUS[code];
  const declineCode = code === 'card_declined' ? { decline_code: expect.stringMatching(/^(card_declined|insufficient_funds|expired_card|test_mode_live_card|live_payments_unavailable)$/) } : {};
  const requestId = response.headers.get('X-Request-Id');
  expect(requestId, 'X-Request-Id').toMatch(/^[\w=-]{1,200}$/);
  expect({ status: response.status, body: response.body }).toStrictEqual({
    status,
    body: { error: { type: ERROR_TYPE_BY_STATUS[status], code, message: expect.stringMatching(/\S/), param, request_id: requestId, ...declineCode } },
  });
}

export interface TestServerOptions {
  allowLoopback?: boolean;
  rateLimits?: RateLimits;
  /** Who takes payments, for the app and its workers; the built-in test processor unless given. */
  processorFor?: ProcessorFor;
  /** More of the app's options, read when the server starts: after the `beforeAll`s registered before `useTestServer`. */
  app?: () => Pick<AppOptions, 'processorFor' | 'encryptionKey'>;
  /** What the app and the workers use instead of the store itself (a recorder of the queries sent). */
  wrapDatabase?: (db: Database) => Database;
}

/**
 * One checkout server for one test file: a store of its own (see `openTestStore`), migrated and seeded
 * with the demo merchant, and the real Hono app, called through `app.request` without a socket.
 * Tests in a file share the store, so each creates the sessions and connections it looks at.
 */
export class TestServer {
  db!: Database;
  demo!: DemoMerchant;
  app!: ReturnType<typeof createApp>;
  /** The names webhook URLs resolve to; `localhost` is loopback, anything else a test adds. */
  readonly dns = new FakeDns();
  /** Addresses outside loopback that a worker tried to connect to: must stay empty. */
  readonly refusedConnections: string[] = [];
  #workers: WebhookWorker[] = [];
  /** The store itself, as opened: what the tests' own bookkeeping reads, so a recorder of the server's queries does not see it. */
  #store!: Database;
  #closeStore = async () => {};
  #catalog: DemoCatalog | undefined;

  /**
   * `allowLoopback: false` runs the server as in production, where webhooks go to public https URLs only;
   * `rateLimits` replaces the production defaults.
   */
  constructor(private readonly options: TestServerOptions = {}) {}

  /** Who takes this server's payments: the option, else the built-in test processor, as `createApp` defaults. */
  get processorFor(): ProcessorFor {
    return this.options.processorFor ?? testProcessorForAll;
  }

  async start() {
    const { db, demo, close } = await openTestStore();
    this.#store = db;
    this.db = this.options.wrapDatabase?.(db) ?? db;
    this.demo = demo;
    this.app = createApp({
      db: this.db,
      publicUrl: PUBLIC_URL,
      webhooks: { urlPolicy: this.dns.policy(this.options.allowLoopback ?? true), wake: () => this.#workers.forEach((w) => w.wake()) },
      rateLimits: this.options.rateLimits,
      processorFor: this.options.processorFor,
      ...this.options.app?.(),
    });
    this.#closeStore = close;
  }

  async stop() {
    await this.stopWorkers();
    await this.#closeStore();
  }

  /**
   * A webhook worker on this store, with the tests' DNS and a connector that refuses all but loopback; quick to
   * poll, and with retries seconds apart unless told otherwise. Stopped by `stopWorkers` or `stop`.
   */
  startWorker(options: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
    const worker = startWebhookWorker({
      db: this.db,
      urlPolicy: this.dns.policy(this.options.allowLoopback ?? true),
      connector: loopbackOnlyConnector(this.refusedConnections),
      pollIntervalMs: 50,
      retryDelaysMs: [100, 100, 100],
      timeoutMs: 2000,
      processorFor: this.options.processorFor,
      ...options,
    });
    this.#workers.push(worker);
    return worker;
  }

  async stopWorkers() {
    await Promise.all(this.#workers.splice(0).map((worker) => worker.stop()));
  }

  /** `POST /v1/webhook_endpoints` as the demo merchant, expecting a 201 with the secret. */
  async createEndpoint(url: string, enabledEvents: string[] = ['*']) {
    const response = await this.api('POST', '/v1/webhook_endpoints', { body: { url, enabled_events: enabledEvents } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { webhook_endpoint_id: string; secret: string; url: string };
  }

  /** The merchant's events of one type, oldest first. */
  async eventsOfType(type: string) {
    const response = await this.api('GET', `/v1/events?type=${type}&limit=100`);
    expect(response.status).toBe(200);
    return response.body.data as { event_id: string; type: string; created_at: string; livemode: boolean; data: any }[];
  }

  async request(method: string, path: string, { body, key = this.demo.apiKey, headers = {} }: RequestOptions = {}) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (key !== null) (init.headers as Record<string, string>).Authorization ??= `Bearer ${key}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return this.app.request(path, init);
  }

  /**
   * A request whose response is JSON (every API route, errors included). A merchant API response is held to its
   * route's contract (`checkResponse`), so every server test that calls the API is a contract test too.
   */
  async api<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    // The list holds an event back while a transaction begun before it runs (`listEvents`); the tests read events
    // as they are once every change they made is listable. `request` lists without waiting.
    if (method === 'GET' && /^\/v1\/events(\?|$)/.test(path)) await olderTransactionsEnded(this.#store);
    const response = await this.request(method, path, options);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const body = await response.json();
    checkResponse(method, path, response.status, body);
    return { status: response.status, headers: response.headers, body };
  }

  /** The demo merchant's plan and its two bundles, as seeded. */
  async catalog(): Promise<DemoCatalog> {
    if (this.#catalog) return this.#catalog;
    const [config] = await this.db.query<{ subscription_config_id: string }>(
      "SELECT subscription_config_id FROM subscription_configs WHERE merchant_id = $1 AND name = 'Pro'",
      [this.demo.merchantId],
    );
    const bundles = await this.db.query<{ credit_bundle_id: string; name: string }>(
      'SELECT credit_bundle_id, name FROM credit_bundles WHERE subscription_config_id = $1',
      [config!.subscription_config_id],
    );
    const idOf = (name: string) => bundles.find((bundle) => bundle.name === name)!.credit_bundle_id;
    this.#catalog = {
      configId: config!.subscription_config_id,
      starterBundle: { id: idOf('Starter pack'), cost: '5.00', creditAmount: '5.00' },
      powerBundle: { id: idOf('Power pack'), cost: '20.00', creditAmount: '25.00' },
    };
    return this.#catalog;
  }

  /** `POST /v1/checkout_sessions` as the demo merchant, expecting a 201. */
  async createSession(overrides: Record<string, unknown> = {}): Promise<CheckoutSession> {
    const response = await this.api<CheckoutSession>('POST', '/v1/checkout_sessions', {
      body: await this.sessionBody(overrides),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  /** A subscription session for the demo plan and a new customer, with `overrides` merged in. */
  async sessionBody(overrides: Record<string, unknown> = {}) {
    const { configId } = await this.catalog();
    return { checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: configId, ...overrides };
  }

  async createBundleSession(connectionId: string, bundleId?: string): Promise<CheckoutSession> {
    return this.createSession({
      checkout_mode: 'credit_bundle',
      subscription_config_id: undefined,
      credit_bundle_id: bundleId ?? (await this.catalog()).starterBundle.id,
      connection_id: connectionId,
    });
  }

  /** The seeded plans of issue 4's demo catalog. */
  async plans(): Promise<DemoPlans> {
    const rows = await this.db.query<{ subscription_config_id: string; name: string }>(
      'SELECT subscription_config_id, name FROM subscription_configs WHERE merchant_id = $1 ORDER BY subscription_config_id',
      [this.demo.merchantId],
    );
    const idOf = (name: string) => rows.find((row) => row.name === name)!.subscription_config_id;
    return { pro: idOf('Pro'), proYearly: idOf('Pro Yearly'), team: idOf('Team'), proJpy: idOf('Pro (JPY)') };
  }

  /** A promotion code of the demo merchant (20 % off once unless told otherwise), with a fresh code text. */
  async insertPromotionCode(fields: PromotionCodeFields = {}): Promise<string> {
    const code = fields.code ?? `TEST${createId('x', 'test').slice(-10)}`;
    const promotionCodeId = createId('promo', 'test');
    const amountOff = fields.amount_off ?? null;
    await this.db.query(
      `INSERT INTO promotion_codes
         (promotion_code_id, merchant_id, code, percent_off, amount_off, currency, duration, expires_at, max_redemptions, times_redeemed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        promotionCodeId,
        fields.merchantId ?? this.demo.merchantId,
        code,
        fields.percent_off === undefined ? (amountOff === null ? 20 : null) : fields.percent_off,
        amountOff,
        fields.currency ?? (amountOff === null ? null : 'USD'),
        fields.duration ?? 'once',
        fields.expires_at ?? null,
        fields.max_redemptions ?? null,
        fields.times_redeemed ?? 0,
      ],
    );
    for (const configId of fields.configIds ?? []) {
      await this.db.query('INSERT INTO promotion_code_configs (promotion_code_id, subscription_config_id) VALUES ($1, $2)', [promotionCodeId, configId]);
    }
    return code;
  }

  async timesRedeemed(code: string): Promise<number> {
    const [row] = await this.db.query<{ times_redeemed: number }>('SELECT times_redeemed FROM promotion_codes WHERE code = $1', [code]);
    return row!.times_redeemed;
  }

  /** `PATCH /api/checkout/session`: the customer's changes, answered with the new view. */
  updateSession(secret: string, body: unknown) {
    return this.api('PATCH', '/api/checkout/session', { key: secret, body });
  }

  getSessionView(secret: string) {
    return this.api('GET', '/api/checkout/session', { key: secret });
  }

  /**
   * Pays as the checkout app does: a `card` in `body` goes to the test processor's tokenization first, and only the
   * payment method id it answers with goes to `POST /api/checkout/complete`. A card the tokenization refuses is
   * answered with its error, and nothing reaches Till's API.
   */
  async complete(secret: string, body: unknown = newCustomerPayment(), headers: Record<string, string> = {}) {
    if (typeof body === 'object' && body !== null && 'card' in body) {
      const { card, ...rest } = body as { card: unknown };
      const tokenized = await this.createPaymentMethod(card);
      if (tokenized.status !== 200) return tokenized;
      body = { ...rest, payment_method: tokenized.body.id };
    }
    return this.api('POST', '/api/checkout/complete', { key: secret, body, headers });
  }

  /** The customer's answer on the test processor's 3-D Secure page (`next_action.url`), as its form posts it. */
  async answerChallenge(url: string, result: 'complete' | 'fail') {
    const response = await this.app.request(url, { method: 'POST', body: new URLSearchParams({ result }) });
    expect(response.status).toBe(303);
  }

  /** The test processor's tokenization, which takes no key: the card for a payment method id. */
  createPaymentMethod(card: unknown) {
    return this.api<{ id: string; card: { brand: string; last4: string; exp_month: number; exp_year: number } }>(
      'POST', '/test-processor/payment_methods', { key: null, body: { card } },
    );
  }

  /** A new customer who subscribed to the demo plan through a completed checkout. */
  async subscribe(customer = newCustomer()): Promise<Subscriber> {
    const session = await this.createSession();
    const response = await this.complete(secretOf(session), newCustomerPayment({ customer }));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return { connectionId: response.body.connection_id, session };
  }

  /** Subscribes a new customer, or the existing `connectionId`, to `configId` through a completed checkout. */
  async subscribeTo(configId: string, connectionId?: string): Promise<Subscriber> {
    const session = await this.createSession({ subscription_config_id: configId, connection_id: connectionId });
    const response = await this.complete(secretOf(session), connectionId ? { card: validCard() } : newCustomerPayment());
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return { connectionId: response.body.connection_id, session };
  }

  /** A second plan of the demo merchant (yearly, 49.00 USD, 50 credits included) with one bundle. */
  async insertExtraPlan(): Promise<{ configId: string; bundleId: string }> {
    const plan = { configId: createId('sc', 'test'), bundleId: createId('cb', 'test') };
    await this.db.query(
      `INSERT INTO subscription_configs (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, included_credit)
       VALUES ($1, $2, 'Team', 4900, 'USD', 'year', 5000)`,
      [plan.configId, this.demo.merchantId],
    );
    await this.db.query(
      "INSERT INTO credit_bundles (credit_bundle_id, subscription_config_id, name, cost, credit_amount) VALUES ($1, $2, 'Team pack', 1000, 1200)",
      [plan.bundleId, plan.configId],
    );
    return plan;
  }

  async getConnection(connectionId: string) {
    const response = await this.api('GET', `/v1/connections/${connectionId}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async expireSession(checkoutSessionId: string) {
    await this.db.query(
      "UPDATE checkout_sessions SET expires_at = now() - interval '1 minute' WHERE checkout_session_id = $1",
      [checkoutSessionId],
    );
  }

  /** A second merchant, written straight into the store, with its own key, plan and bundle. */
  async insertOtherMerchant(): Promise<OtherMerchant> {
    const other = {
      merchantId: createId('mer', 'test'),
      apiKey: `sk_test_other_${createId('k', 'test')}`,
      configId: createId('sc', 'test'),
      bundleId: createId('cb', 'test'),
    };
    await this.db.query("INSERT INTO merchants (merchant_id, account_id, name) VALUES ($1, $1, 'Other Co')", [other.merchantId]);
    await insertApiKey(this.db, other.merchantId, { secret: other.apiKey });
    await this.db.query(
      `INSERT INTO subscription_configs (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, included_credit)
       VALUES ($1, $2, 'Other plan', 900, 'EUR', 'year', 0)`,
      [other.configId, other.merchantId],
    );
    await this.db.query(
      "INSERT INTO credit_bundles (credit_bundle_id, subscription_config_id, name, cost, credit_amount) VALUES ($1, $2, 'Other pack', 100, 100)",
      [other.bundleId, other.configId],
    );
    return other;
  }

  /** A new live-mode key of the demo merchant, made as `keys create --mode live` makes it. */
  async insertLiveKey(): Promise<string> {
    const liveMerchantId = (await merchantInMode(this.db, this.demo.merchantId, 'live'))!;
    return (await insertApiKey(this.db, liveMerchantId)).secret;
  }

  /** Every row of every table, as JSON text: to prove what the store does not hold. */
  async dumpStore(): Promise<string> {
    const tables = await this.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    expect(tables.map((table) => table.table_name)).toContain('checkout_sessions');
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await this.db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      dump += `${table_name}\n${rows.map((r) => r.row).join('\n')}\n`;
    }
    return dump;
  }
}

/** Starts a `TestServer` before the file's tests and stops it (dropping its schema) after them. */
export function useTestServer(options: TestServerOptions = {}): TestServer {
  const server = new TestServer(options);
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  return server;
}
