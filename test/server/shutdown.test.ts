import { request, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/testDatabase';
import { spawnTill, type StoreLocation } from './support/spawnTill';

// A real server process stopped the way a process manager stops it, on its real store (PGlite in a directory, or
// TEST_DATABASE_URL's Postgres).
const API_KEY = 'sk_test_shutdown_0123456789';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshStore(): Promise<StoreLocation> {
  const database = await createTestDatabase({ migrated: true });
  cleanups.push(() => database.drop());
  return database.options;
}

describe('SIGTERM', { timeout: 120_000 }, () => {
  it('lets a request in flight finish, takes no new connection, then exits 0', async () => {
    const till = await spawnTill(await freshStore(), API_KEY);
    cleanups.push(() => till.kill());
    const plans = await till.api('GET', '/v1/subscription_configs');
    const body = JSON.stringify({
      checkout_mode: 'subscription',
      origin_url: 'http://localhost:4000/',
      subscription_config_id: plans.body.data[0].subscription_config_id,
    });

    // The request's head goes now and its body only after the signal; `Expect: 100-continue` has the server say
    // it has taken the request, so it is in flight, not a connection still waiting to be read.
    const inFlight = request(`${till.url}/v1/checkout_sessions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${API_KEY}`,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        Expect: '100-continue',
      },
    });
    const answered = new Promise<{ response: IncomingMessage; text: string }>((resolve, reject) => {
      inFlight.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ response, text }));
      });
      inFlight.on('error', reject);
    });
    await new Promise((resolve) => inFlight.once('continue', resolve));

    const exited = till.terminate();
    await till.waitForOutput('Stopping');
    await expect(fetch(`${till.url}/healthz`)).rejects.toThrow();

    inFlight.end(body);
    const { response, text } = await answered;
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(text).checkout_session_id).toMatch(/^cs_test_/);
    expect(response.headers.connection).toBe('close');
    expect(await exited).toBe(0);
    const lines = till.output().trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.msg, line.route ?? null, line.status ?? null]).slice(-3)).toStrictEqual([
      ['Stopping: no new connections; finishing the requests and webhook attempts in flight', null, null],
      ['request', '/v1/checkout_sessions', 201],
      ['Stopped', null, null],
    ]);
  });
});
