import { createId } from '../ids';
import type { Mode } from '../modes';
import type { Queryable } from '../store/Database';

/** A new business, as its test-mode row: the row every business has, whose id also names the business. */
export async function insertMerchant(db: Queryable, name: string): Promise<string> {
  const merchantId = createId('mer', 'test');
  await db.query('INSERT INTO merchants (merchant_id, account_id, name) VALUES ($1, $1, $2)', [merchantId, name]);
  return merchantId;
}

/**
 * The row of `merchantId`'s business in `mode`, or null when the business is unknown. A business's live row is made
 * the first time it is asked for (with its first live key), with the business's name and logo.
 */
export async function merchantInMode(db: Queryable, merchantId: string, mode: Mode): Promise<string | null> {
  const [account] = await db.query<{ account_id: string }>('SELECT account_id FROM merchants WHERE merchant_id = $1', [merchantId]);
  if (!account) return null;
  // Two first live keys at once both insert; the unique (account_id, livemode) keeps one row, which both then read.
  await db.query(
    `INSERT INTO merchants (merchant_id, account_id, name, logo_url, livemode)
     SELECT $2, account_id, name, logo_url, $3 FROM merchants WHERE merchant_id = $1
     ON CONFLICT (account_id, livemode) DO NOTHING`,
    [account.account_id, createId('mer', mode), mode === 'live'],
  );
  const [row] = await db.query<{ merchant_id: string }>('SELECT merchant_id FROM merchants WHERE account_id = $1 AND livemode = $2', [
    account.account_id,
    mode === 'live',
  ]);
  return row!.merchant_id;
}
