import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import { serializeInvoice, type InvoiceRow } from './serializeInvoice';
import { listInvoicesQuery } from '../../protocol/api/invoices';

/**
 * The merchant's invoices in id order (oldest first), as `GET /v1/payments` lists payments. Served by
 * `invoices_by_merchant`, `invoices_by_subscription`, `invoices_by_connection` or `invoices_by_merchant_status`
 * (migration 016).
 */
export async function listInvoices(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, subscription_id, connection_id, status } = parseInput(listInvoicesQuery, query);
  const rows = await db.query<InvoiceRow>(
    `SELECT * FROM invoices
     WHERE merchant_id = $1 AND invoice_id > $2 AND ($3::text IS NULL OR subscription_id = $3)
       AND ($4::text IS NULL OR connection_id = $4) AND ($5::text IS NULL OR status = $5)
     ORDER BY invoice_id LIMIT $6`,
    [merchantId, cursor ?? '', subscription_id ?? null, connection_id ?? null, status ?? null, limit + 1],
  );
  return toList(rows, limit, (row) => row.invoice_id, (page) => page.map(serializeInvoice));
}
