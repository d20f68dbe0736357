import { priceSession } from '../pricing/priceSession';
import { serializeCheckoutSession, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Database } from '../store/Database';
import { recordEvent } from './recordEvent';

/** Sessions expired per transaction; a sweep that finds this many runs again. */
export const EXPIRY_BATCH = 100;

/**
 * Records `checkout.expired` for up to `limit` sessions that passed `expires_at` unpaid, marking each so it
 * expires as an event once. Sessions another sweep holds are skipped, not waited for, so two server instances
 * sweep side by side; a completion holds the session's row lock too, and a session paid before its expiry is no
 * longer open here. Returns how many expired, so a caller can sweep again while it finds a full batch.
 */
export async function expireCheckoutSessions(db: Database, limit = EXPIRY_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    const sessions = await tx.query<CheckoutSessionRow>(
      `UPDATE checkout_sessions SET expired_at = now()
       WHERE checkout_session_id IN (
         SELECT checkout_session_id FROM checkout_sessions
         WHERE status = 'open' AND expired_at IS NULL AND expires_at <= now()
         ORDER BY expires_at LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [limit],
    );
    for (const session of sessions) {
      await recordEvent(tx, session.merchant_id, 'checkout.expired', serializeCheckoutSession(session, await priceSession(tx, session)));
    }
    return sessions.length;
  });
}
