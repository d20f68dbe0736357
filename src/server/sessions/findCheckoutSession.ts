import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import type { CheckoutSessionRow } from './checkoutSessionRow';

export async function findCheckoutSessionById(db: Queryable, merchantId: string, id: string) {
  const [session] = await db.query<CheckoutSessionRow>(
    'SELECT * FROM checkout_sessions WHERE checkout_session_id = $1 AND merchant_id = $2',
    [id, merchantId],
  );
  if (!session) throw new TillApiError('resource_missing', `No checkout session with id '${id}'.`, 'id');
  return session;
}

/** The checkout frame's handle is the secret's hash, so one lookup serves the page and the app's API. */
export async function findCheckoutSessionByHash(db: Queryable, secretHash: string, lock = false) {
  const [session] = await db.query<CheckoutSessionRow>(
    `SELECT * FROM checkout_sessions WHERE secret_hash = $1${lock ? ' FOR UPDATE' : ''}`,
    [secretHash],
  );
  return session ?? null;
}
