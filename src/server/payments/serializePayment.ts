import type { PaymentCardBrand } from '../../protocol/api/paymentCardBrand';
import { toDecimalString } from '../money';
import type { DeclineCode } from '../TillApiError';
import { isLive } from '../modes';
import type { Payment } from '../../protocol/api/payments';

/** Every charge attempt, declined ones too. Of the card only its brand, last four digits and expiry are stored. */
export interface PaymentRow {
  payment_id: string;
  /** Added by migration 006, copied from the checkout session. */
  merchant_id: string;
  /** Migration 020: a payment is for a checkout session or for an invoice (a renewal), never both. */
  checkout_session_id: string | null;
  invoice_id: string | null;
  /** Migration 006: the customer's connection, as the store knew it (null for a new customer's declined attempt). */
  connection_id: string | null;
  amount: number;
  /** Migration 019. */
  amount_refunded: number;
  currency: string;
  status: Payment['status'];
  card_brand: PaymentCardBrand;
  card_last4: string;
  /** Migration 015, with the processor's id of the payment; null before it. */
  card_exp_month: number | null;
  card_exp_year: number | null;
  processor: 'test' | 'stripe';
  /** Migration 027: the merchant's Stripe keys that took it; null for the test processor. */
  processor_credentials_id: string | null;
  processor_payment_id: string | null;
  decline_code: DeclineCode | null;
  created_at: Date;
}

/** A payment as `GET /v1/payments` returns it: the amount as a decimal string in its currency. */
export function serializePayment(payment: PaymentRow): Payment {
  return {
    payment_id: payment.payment_id,
    livemode: isLive(payment.payment_id),
    checkout_session_id: payment.checkout_session_id,
    invoice_id: payment.invoice_id,
    connection_id: payment.connection_id,
    amount: toDecimalString(payment.amount, payment.currency),
    amount_refunded: toDecimalString(payment.amount_refunded, payment.currency),
    currency: payment.currency,
    status: payment.status,
    decline_code: payment.decline_code,
    card_brand: payment.card_brand,
    card_last4: payment.card_last4,
    card_exp_month: payment.card_exp_month,
    card_exp_year: payment.card_exp_year,
    created_at: payment.created_at.toISOString(),
  };
}
