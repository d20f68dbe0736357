import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/createApp';
import type { DatabaseOptions } from '../src/server/store/openDatabase';
import { openStore } from '../src/server/store/openStore';
import { fillStore } from '../test/server/support/fillStore';
import { createPostgresSchema } from '../test/server/support/createPostgresSchema';

/** Median milliseconds of each operation, by the rows per growing table of the store it ran on. */
export type GrowthMeasures = Record<string, Record<number, number>>;

const NO_LIMITS = { paymentAttempts: null, apiKey: null, checkoutAddress: null };
const CARD = { number: '4242424242424242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A store of its own: a PGlite directory, or a fresh schema on the Postgres server of `postgresUrl`. */
async function freshPlace(postgresUrl: string | undefined): Promise<{ options: DatabaseOptions; drop(): Promise<void> }> {
  if (postgresUrl) return createPostgresSchema(postgresUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'till-growth-'));
  return { options: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * How the server's work grows with its store, in process (no HTTP, so only the server's own work is timed): a
 * returning customer's checkout created, a customer's subscriptions listed, a checkout completed, on stores filled
 * with `sizes` rows per growing table (`fillStore`). Each operation runs `rounds` times after a warm-up.
 */
export async function measureGrowth(sizes: number[], { postgresUrl, rounds = 100 }: { postgresUrl?: string; rounds?: number } = {}): Promise<GrowthMeasures> {
  const measures: GrowthMeasures = {};
  const record = (name: string, size: number, ms: number) => ((measures[name] ??= {})[size] = ms);
  for (const size of sizes) {
    const place = await freshPlace(postgresUrl);
    const { db, demo } = await openStore(place.options);
    try {
      await fillStore(db, { rows: size });
      const app = createApp({ db, publicUrl: 'http://localhost:3000/', rateLimits: NO_LIMITS });
      const call = async (method: string, path: string, body?: unknown, key: string | null = demo.apiKey) => {
        const response = await app.request(path, {
          method,
          headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
        return response.json() as Promise<any>;
      };
      const plans = await call('GET', '/v1/subscription_configs');
      const bundles = await call('GET', '/v1/credit_bundles');
      const plan = plans.data[0].subscription_config_id;
      const bundle = bundles.data.find((b: any) => b.subscription_config_id === plan).credit_bundle_id;
      const openSession = (body: Record<string, unknown> = {}) =>
        call('POST', '/v1/checkout_sessions', { checkout_mode: 'subscription', origin_url: 'https://shop.example/', subscription_config_id: plan, ...body });
      const secretOf = (session: any) => JSON.parse(Buffer.from(session.checkout_session_token, 'base64').toString('utf8')).secret as string;
      const pay = async (session: any, customer?: unknown) => {
        const method = await call('POST', '/test-processor/payment_methods', { card: CARD }, null);
        const started = performance.now();
        const paid = await call('POST', '/api/checkout/complete', { payment_method: method.id, ...(customer ? { customer } : {}) }, secretOf(session));
        return { paid, ms: performance.now() - started };
      };
      // The returning customer: subscribed through a checkout, as the demo merchant's customers are.
      const { paid } = await pay(await openSession(), { email: 'returning@example.com', name: 'Returning Customer' });
      const connectionId = paid.connection_id as string;

      const time = async (name: string, work: () => Promise<unknown>, times = rounds) => {
        for (let i = 0; i < 10; i++) await work();
        const samples: number[] = [];
        for (let i = 0; i < times; i++) {
          const started = performance.now();
          await work();
          samples.push(performance.now() - started);
        }
        record(name, size, median(samples));
      };
      await time("returning customer's checkout created", () =>
        call('POST', '/v1/checkout_sessions', { checkout_mode: 'credit_bundle', origin_url: 'https://shop.example/', credit_bundle_id: bundle, connection_id: connectionId }),
      );
      await time("a customer's subscriptions listed", () => call('GET', `/v1/subscriptions?connection_id=${connectionId}`));
      await time('payments listed, a page', () => call('GET', '/v1/payments?limit=10'));
      const completions: number[] = [];
      for (let i = 0; i < Math.min(rounds, 50); i++) {
        completions.push((await pay(await openSession(), { email: `growth${i}@example.com`, name: 'New Customer' })).ms);
      }
      record('checkout completed (new customer)', size, median(completions));
    } finally {
      await db.close();
      await place.drop();
    }
  }
  return measures;
}
