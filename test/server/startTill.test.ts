import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { startTill } from '../../src/server/startTill';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A server on a PGlite directory of its own, any free port, without a log; its merchants' names once it started. */
async function merchantsOfServerStartedWith(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'till-start-'));
  dirs.push(dataDir);
  const till = await startTill(loadConfig({ PORT: '0', DATA_DIR: dataDir, TILL_LOG_LEVEL: 'silent', ...env }));
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
});
