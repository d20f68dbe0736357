import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import type { InvoiceRow } from './serializeInvoice';

/** A merchant's invoice, or a 404 naming the path's `id`: another merchant's invoice is just as missing. */
export async function findInvoice(db: Queryable, merchantId: string, invoiceId: string) {
  const [row] = await db.query<InvoiceRow>('SELECT * FROM invoices WHERE invoice_id = $1 AND merchant_id = $2', [invoiceId, merchantId]);
  if (!row) throw new TillApiError('resource_missing', `No invoice with id '${invoiceId}'.`, 'id');
  return row;
}
