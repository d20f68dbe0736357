import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createId } from '../../src/server/ids';
import type { Database } from '../../src/server/store/Database';
import { migrate } from '../../src/server/store/migrate';
import { openDatabase } from '../../src/server/store/openDatabase';
import { createTestDatabase } from '../server/support/testDatabase';

const MIGRATIONS_DIR = new URL('../../src/server/store/migrations/', import.meta.url);
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store as a release before migration 009 left it: every earlier migration applied and recorded, as `migrate` does. */
async function openStoreBefore009(): Promise<Database> {
  const place = await createTestDatabase();
  const db = await openDatabase(place.options);
  cleanups.push(async () => {
    await db.close();
    await place.drop();
  });
  await db.query('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const earlier = readdirSync(MIGRATIONS_DIR).filter((name) => /^\d+_.+\.sql$/.test(name) && name < '009').sort();
  for (const name of earlier) {
    const sql = readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8').replace(/--.*$/gm, '');
    for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await db.query(statement);
    await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
  }
  return db;
}

describe('migration 009 on a store with tax rates', () => {
  it('gives each existing rate a unique id that sorts before new ones, and keeps it active', async () => {
    const db = await openStoreBefore009();
    for (const merchant of ['mer_a', 'mer_b']) {
      await db.query("INSERT INTO merchants (merchant_id, name) VALUES ($1, 'Shop')", [merchant]);
      for (const country of ['DE', 'FR']) {
        await db.query("INSERT INTO tax_rates (merchant_id, country, rate_bps, display_name) VALUES ($1, $2, 1900, 'VAT')", [merchant, country]);
      }
    }
    await migrate(db);
    const rows = await db.query<{ tax_rate_id: string; active: boolean }>('SELECT tax_rate_id, active FROM tax_rates ORDER BY tax_rate_id');
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row) => row.tax_rate_id)).size).toBe(4);
    for (const row of rows) {
      expect(row).toStrictEqual({ tax_rate_id: expect.stringMatching(/^txr_test_0{10}\d{16}$/), active: true });
      expect(row.tax_rate_id.length).toBe(createId('txr', 'test').length);
      expect(row.tax_rate_id < createId('txr', 'test')).toBe(true);
    }
    await expect(db.query("INSERT INTO tax_rates (tax_rate_id, merchant_id, country, rate_bps, display_name) VALUES ('t', 'mer_a', 'DE', 700, 'x')"))
      .rejects.toThrow(/unique|duplicate/);
  });
});
