import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import type { Database } from '../../src/server/store/Database';
import { migrationFiles } from '../../src/server/store/migrate';
import { openStore } from '../../src/server/store/openStore';
import { captureLogs } from './support/captureLogs';
import { createTestDatabase } from './support/testDatabase';
import { expectApiError, PUBLIC_URL, useTestServer } from './support/testServer';

const till = useTestServer();

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const failing: Database = {
  query: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.9:5432')),
  transaction: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.9:5432')),
  close: async () => {},
};

async function get(app: { request: (path: string) => Response | Promise<Response> }, path: string) {
  const response = await app.request(path);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('GET /healthz', () => {
  it('answers 200 while the process serves, without a key', async () => {
    const response = await till.api('GET', '/healthz', { key: null });
    expect({ status: response.status, body: response.body }).toStrictEqual({ status: 200, body: { status: 'ok' } });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('X-Request-Id')).toMatch(/^req_/);
  });

  it('stays 200 when the store does not answer, so a slow store never gets the process restarted', async () => {
    const response = await get(createApp({ db: failing, publicUrl: PUBLIC_URL }), '/healthz');
    expect(response.status).toBe(200);
  });
});

describe('GET /readyz', () => {
  it('answers 200 when the store answers and has every migration', async () => {
    const response = await till.api('GET', '/readyz', { key: null });
    expect({ status: response.status, body: response.body }).toStrictEqual({ status: 200, body: { status: 'ready' } });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers 503 not_ready when the store does not answer, and logs why with the request id', async () => {
    const logs = captureLogs();
    const response = await get(createApp({ db: failing, publicUrl: PUBLIC_URL, logger: logs.logger }), '/readyz');

    expectApiError(response, 'not_ready');
    expect(response.body.error.message).toBe('The store does not answer.');
    // The probe's own request line is at debug level, so at info the cause is all there is.
    expect(logs.entries()).toMatchObject([
      { level: 'warn', request_id: response.headers.get('X-Request-Id'), err: { message: 'connect ECONNREFUSED 10.0.0.9:5432' } },
    ]);
    expect(logs.entries()).toHaveLength(1);
  });

  it('answers 503 not_ready naming the migrations the store lacks, and 200 once they are applied', async () => {
    const place = await createTestDatabase({ migrated: true });
    const { db } = await openStore(place.options);
    cleanups.push(async () => {
      await db.close();
      await place.drop();
    });
    const app = createApp({ db, publicUrl: PUBLIC_URL });
    const last = migrationFiles().at(-1)!;
    await db.query('DELETE FROM schema_migrations WHERE name = $1', [last]);

    const behind = await get(app, '/readyz');
    expectApiError(behind, 'not_ready');
    expect(behind.body.error.message).toBe(`The store is missing 1 migration(s) of this server: ${last}.`);

    await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [last]);
    expect((await get(app, '/readyz')).status).toBe(200);
  });
});
