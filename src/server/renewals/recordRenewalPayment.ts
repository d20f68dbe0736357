import { createId } from '../ids';
import type { InvoiceRow } from '../invoices/serializeInvoice';
import { modeOf } from '../modes';
import type { PaymentProcessor, ProcessorPayment } from '../payments/PaymentProcessor';
import type { Queryable } from '../store/Database';
import type { DueSubscription } from './DueSubscription';

/**
 * Records what the processor answered for one attempt at an invoice as a payment of the invoice (migration 020),
 * so the merchant lists and refunds a renewal's charge as any other: a new attempt is a new payment; another look
 * at one that was processing changes the payment it made. Answers the payment's id, for the invoice to keep.
 */
export async function recordRenewalPayment(
  tx: Queryable,
  subscription: DueSubscription,
  invoice: InvoiceRow,
  processor: PaymentProcessor,
  payment: ProcessorPayment,
  lookedAgain: boolean,
): Promise<string> {
  const declineCode = payment.status === 'declined' ? payment.declineCode : null;
  if (lookedAgain && invoice.payment_id) {
    await tx.query('UPDATE payments SET status = $2, decline_code = $3 WHERE payment_id = $1', [invoice.payment_id, payment.status, declineCode]);
    return invoice.payment_id;
  }
  const paymentId = createId('pay', modeOf(subscription.merchant_id));
  await tx.query(
    `INSERT INTO payments
       (payment_id, merchant_id, invoice_id, connection_id, amount, currency, status, decline_code, card_brand, card_last4, card_exp_month,
        card_exp_year, processor, processor_credentials_id, processor_payment_id, payment_method_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [paymentId, subscription.merchant_id, invoice.invoice_id, subscription.connection_id, invoice.amount, invoice.currency, payment.status, declineCode,
      payment.card.brand, payment.card.last4, payment.card.exp_month, payment.card.exp_year, processor.name, processor.credentialsId, payment.id,
      subscription.renewal_payment_method_id, subscription.clock_now],
  );
  return paymentId;
}
