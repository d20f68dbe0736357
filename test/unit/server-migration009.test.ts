import { afterEach, describe, expect, it } from 'vitest';
import { createId } from '../../src/server/ids';
import { migrate } from '../../src/server/store/migrate';
import { openStoreBefore } from '../server/support/openStoreBefore';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('migration 009 on a store with tax rates', () => {
  it('gives each existing rate a unique id that sorts before new ones, and keeps it active', async () => {
    const db = await openStoreBefore('009', cleanups);
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
