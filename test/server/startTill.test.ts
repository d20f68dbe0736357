import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { startTill } from '../../src/server/startTill';
import { openDatabase } from '../../src/server/store/openDatabase';
import { createTestDatabase, type TestDatabase } from './support/testDatabase';

const stores: TestDatabase[] = [];
afterAll(() => Promise.all(stores.map((store) => store.drop())));

/** A server on a migrated store of its own (a PGlite copy, or a Postgres schema), any free port, no log. */
async function merchantsOfServerStartedWith(env: Record<string, string>) {
  const store = await createTestDatabase({ migrated: true });
  stores.push(store);
  const { dataDir = '', databaseUrl = '' } = store.options;
  const till = await startTill(loadConfig({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, TILL_LOG_LEVEL: 'silent', ...env }));
  try {
    const merchants = await till.db.query<{ name: string }>('SELECT name FROM merchants ORDER BY name');
    return { demo: till.demo, names: merchants.map((row) => row.name) };
  } finally {
    await till.close();
  }
}

describe('startTill', () => {
  it('makes no demo merchant, nor a key kept readable, on a production server', async () => {
    const { demo, names } = await merchantsOfServerStartedWith({});
    expect(demo).toBeNull();
    expect(names).toStrictEqual([]);
  });

  it('makes the demo merchant in development, and when TILL_API_KEY pins its key', async () => {
    expect((await merchantsOfServerStartedWith({ TILL_ENV: 'development' })).names).toContain('Acme AI');
    const pinned = await merchantsOfServerStartedWith({ TILL_API_KEY: 'sk_test_pinned_0123456789' });
    expect(pinned.demo).toMatchObject({ apiKey: 'sk_test_pinned_0123456789' });
    expect(pinned.names).toContain('Acme AI');
  });

  it('gives its store back when its port is taken, so that the PGlite directory can be opened again', async () => {
    const store = await createTestDatabase({ migrated: true, pglite: true });
    stores.push(store);
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    try {
      const port = String((taken.address() as { port: number }).port);
      const config = loadConfig({ PORT: port, DATA_DIR: store.options.dataDir!, TILL_LOG_LEVEL: 'silent' });
      await expect(startTill(config)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // Held still, the directory's lock would refuse this second open in the same process.
      const reopened = await openDatabase({ dataDir: store.options.dataDir! });
      await reopened.close();
    } finally {
      taken.close();
    }
  });
});
