import { isLive } from '../modes';
import { toDecimalString } from '../money';
import type { DeclineCode } from '../TillApiError';
import type { Invoice } from '../../protocol/api/invoices';

/** One period of a subscription, as migration 016 stores it: amounts in the currency's minor units. */
export interface InvoiceRow {
  invoice_id: string;
  merchant_id: string;
  subscription_id: string;
  connection_id: string;
  period_start: Date;
  period_end: Date;
  currency: string;
  subtotal: number;
  discount: number;
  tax: number;
  amount: number;
  status: Invoice['status'];
  attempts: number;
  next_attempt_at: Date | null;
  processor: 'test' | 'stripe' | null;
  /** Migration 027: the Stripe keys that took the last charge; null for the test processor, or none charged. */
  processor_credentials_id: string | null;
  processor_payment_id: string | null;
  /** Migration 020: the payment of the latest attempt; null when none was charged, or before the migration. */
  payment_id: string | null;
  decline_code: DeclineCode | null;
  paid_at: Date | null;
  created_at: Date;
}

/** An invoice as `GET /v1/invoices/:id` returns it and `invoice.*` events carry it. */
export function serializeInvoice(invoice: InvoiceRow): Invoice {
  const money = (minorUnits: number) => toDecimalString(minorUnits, invoice.currency);
  return {
    invoice_id: invoice.invoice_id,
    livemode: isLive(invoice.invoice_id),
    subscription_id: invoice.subscription_id,
    connection_id: invoice.connection_id,
    period_start: invoice.period_start.toISOString(),
    period_end: invoice.period_end.toISOString(),
    currency: invoice.currency,
    subtotal: money(invoice.subtotal),
    discount: money(invoice.discount),
    tax: money(invoice.tax),
    amount: money(invoice.amount),
    status: invoice.status,
    attempts: invoice.attempts,
    next_attempt_at: invoice.next_attempt_at?.toISOString() ?? null,
    decline_code: invoice.decline_code,
    payment_id: invoice.payment_id,
    customer_action_required: invoice.decline_code === 'authentication_required',
    paid_at: invoice.paid_at?.toISOString() ?? null,
    created_at: invoice.created_at.toISOString(),
  };
}
