import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/createApp';
import type { Database } from '../src/server/store/Database';
import type { DatabaseOptions } from '../src/server/store/openDatabase';
import { openStore } from '../src/server/store/openStore';
import { fillStore } from '../test/server/support/fillStore';
import { createPostgresSchema } from '../test/server/support/createPostgresSchema';

export interface GrowthMeasures {
  /** Median milliseconds of each operation, by the rows per growing table of the store it ran on. */
  operations: Record<string, Record<number, number>>;
  /** Seconds `fillStore` took, by the rows per growing table. */
  fillSeconds: Record<number, number>;
}

const NO_LIMITS = { paymentAttempts: null, promotionCodeAttempts: null, apiKey: null, checkoutAddress: null };
const CARD = { number: '4242424242424242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' };

/** The values in a random order (Fisher–Yates). */
function shuffled<T>(values: Iterable<T>): T[] {
  const result = [...values];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A store of its own: a PGlite directory, or a fresh schema on the Postgres server of `postgresUrl`. */
async function freshPlace(postgresUrl: string | undefined): Promise<{ options: DatabaseOptions; drop(): Promise<void> }> {
  if (postgresUrl) return createPostgresSchema(postgresUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'till-growth-'));
  return { options: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The operations timed on one store, each doing its work once and returning the milliseconds to count. */
type Operations = Record<string, () => Promise<number>>;

/** A filled store with a returning customer, and the operations the measure times on it. */
async function openFilledStore(db: Database, apiKey: string): Promise<Operations> {
  const app = createApp({ db, publicUrl: 'http://localhost:3000/', rateLimits: NO_LIMITS });
  const call = async (method: string, path: string, body?: unknown, key: string | null = apiKey) => {
    const response = await app.request(path, {
      method,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<any>;
  };
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const plans = await call('GET', '/v1/subscription_configs');
  const bundles = await call('GET', '/v1/credit_bundles');
  const plan = plans.data[0].subscription_config_id;
  const bundle = bundles.data.find((b: any) => b.subscription_config_id === plan).credit_bundle_id;
  const openSession = () => call('POST', '/v1/checkout_sessions', { checkout_mode: 'subscription', origin_url: 'https://shop.example/', subscription_config_id: plan });
  const secretOf = (session: any) => JSON.parse(Buffer.from(session.checkout_session_token, 'base64').toString('utf8')).secret as string;
  /** Pays `session` (only the completion is timed), as a new customer when `customer` is given. */
  const pay = async (session: any, customer?: unknown) => {
    const method = await call('POST', '/test-processor/payment_methods', { card: CARD }, null);
    let paid: any;
    const ms = await timed(async () => {
      paid = await call('POST', '/api/checkout/complete', { payment_method: method.id, ...(customer ? { customer } : {}) }, secretOf(session));
    });
    return { paid, ms };
  };
  // The returning customer: subscribed through a checkout, as the demo merchant's customers are.
  const { paid } = await pay(await openSession(), { email: 'returning@example.com', name: 'Returning Customer' });
  const connectionId = paid.connection_id as string;
  let customers = 0;
  return {
    "returning customer's checkout created": () =>
      timed(() => call('POST', '/v1/checkout_sessions', { checkout_mode: 'credit_bundle', origin_url: 'https://shop.example/', credit_bundle_id: bundle, connection_id: connectionId })),
    "a customer's subscriptions listed": () => timed(() => call('GET', `/v1/subscriptions?connection_id=${connectionId}`)),
    'payments listed, a page': () => timed(() => call('GET', '/v1/payments?limit=10')),
    'checkout completed (new customer)': async () => (await pay(await openSession(), { email: `growth${customers++}@example.com`, name: 'New Customer' })).ms,
  };
}

/**
 * How the server's work grows with its store, in process (no HTTP, so only the server's own work is timed): a
 * returning customer's checkout created, a customer's subscriptions listed, a page of payments, a checkout
 * completed, on stores filled with `sizes` rows per growing table (`fillStore`). Every store is filled first and
 * stays open; then each operation runs `rounds` times on each store after a warm-up, a round running it once on
 * every store in a random order. The machine's load, which drifts over the minutes a large fill takes (and with
 * others' work on a shared machine), then falls on every size alike. Measured one size after the other, as before,
 * two 1 k stores filled alike differed by up to 1.8 × in the same run (issue 13).
 */
export async function measureGrowth(sizes: number[], { postgresUrl, rounds = 100 }: { postgresUrl?: string; rounds?: number } = {}): Promise<GrowthMeasures> {
  const opened: { size: number; db: Database; drop(): Promise<void> }[] = [];
  const stores: { size: number; operations: Operations }[] = [];
  const fillSeconds: Record<number, number> = {};
  const operations: GrowthMeasures['operations'] = {};
  try {
    for (const size of sizes) {
      const place = await freshPlace(postgresUrl);
      const { db, demo } = await openStore(place.options);
      opened.push({ size, db, drop: () => place.drop() });
      const started = performance.now();
      await fillStore(db, { rows: size });
      fillSeconds[size] = (performance.now() - started) / 1000;
      stores.push({ size, operations: await openFilledStore(db, demo.apiKey) });
    }
    for (const name of Object.keys(stores[0]!.operations)) {
      const times = name.startsWith('checkout completed') ? Math.min(rounds, 50) : rounds;
      for (const { operations } of stores) for (let i = 0; i < 10; i++) await operations[name]!();
      const samples = stores.map((): number[] => []);
      for (let round = 0; round < times; round++) {
        for (const index of shuffled(stores.keys())) samples[index]!.push(await stores[index]!.operations[name]!());
      }
      operations[name] = Object.fromEntries(stores.map(({ size }, index) => [size, median(samples[index]!)]));
    }
  } finally {
    for (const { db, drop } of opened) {
      await db.close();
      await drop();
    }
  }
  return { operations, fillSeconds };
}
