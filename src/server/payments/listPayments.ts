import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import { serializePayment, type PaymentRow } from './serializePayment';
import { listPaymentsQuery } from '../../protocol/api/payments';

/**
 * The merchant's payments, declined attempts included, in id order (oldest first). Served by `payments_by_merchant`,
 * `payments_by_session`, `payments_by_connection` or `payments_by_merchant_status` (migration 006).
 */
export async function listPayments(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, checkout_session_id, connection_id, status } = parseInput(listPaymentsQuery, query);
  const rows = await db.query<PaymentRow>(
    `SELECT * FROM payments
     WHERE merchant_id = $1 AND payment_id > $2 AND ($3::text IS NULL OR checkout_session_id = $3)
       AND ($4::text IS NULL OR connection_id = $4) AND ($5::text IS NULL OR status = $5)
     ORDER BY payment_id LIMIT $6`,
    [merchantId, cursor ?? '', checkout_session_id ?? null, connection_id ?? null, status ?? null, limit + 1],
  );
  return toList(rows, limit, (row) => row.payment_id, (page) => page.map(serializePayment));
}
