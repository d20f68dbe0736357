import type { PaymentCardBrand } from '../../protocol/api/paymentCardBrand';
import type { DeclineCode } from '../TillApiError';

/** What a processor tells of a card: enough to show it again ("Visa ending 4242, 12/34"), never its number. */
export interface CardSummary {
  brand: PaymentCardBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
  /**
   * The processor's id of the card it paid with, where it made one of the card it was given (Stripe makes a
   * PaymentMethod of a test token such as `pm_card_visa`): the id to keep, as the card saved for later is that one.
   */
  id?: string;
}

/**
 * How the customer authenticates: on the test processor's challenge page, or with Stripe.js, which needs the
 * PaymentIntent's client secret (for the session's own frame only: it lets the browser act on that payment).
 */
export type CustomerAction = { type: 'challenge_page'; url: string } | { type: 'use_stripe_sdk'; clientSecret: string };

/**
 * A payment as the processor sees it now. `requires_action`: the customer must authenticate (3-D Secure), as
 * `action` says, before it can succeed; `processing`: accepted, settled later (the processor tells of it then).
 */
export type ProcessorPayment = { id: string; card: CardSummary } & (
  | { status: 'succeeded' }
  | { status: 'declined'; declineCode: DeclineCode; message: string }
  | { status: 'requires_action'; action: CustomerAction }
  | { status: 'processing' }
);

export interface PaymentRequest {
  /**
   * Derived from what the payment is for (a checkout session's attempt, a subscription's period): the processor
   * answers a repeated key with the first payment instead of charging again, so a retry after a crash is safe.
   */
  idempotencyKey: string;
  /** In the currency's minor units, decided by the server. */
  amount: number;
  currency: string;
  /** The processor's id of the card: made by its tokenization (the frame's card fields), or saved. */
  paymentMethodId: string;
  livemode: boolean;
}

export interface RefundRequest {
  idempotencyKey: string;
  /** The processor's payment id. */
  paymentId: string;
  /** Minor units; the caller keeps the sum of refunds within what was paid. */
  amount: number;
}

/**
 * The one interface the server pays through, whatever the processor (after Medusa's payment providers): the rest
 * of the server never sees a card number or a processor's own objects. Every call that moves money takes an
 * idempotency key.
 */
export interface PaymentProcessor {
  readonly name: 'test' | 'stripe';
  /**
   * The merchant's set of keys it pays with (`processor_credentials`), recorded with each payment it takes so that
   * the payment is looked up with them again after the merchant moves to others; null for the test processor.
   */
  readonly credentialsId: string | null;
  /**
   * Charges the customer who is present. `savePaymentMethod` keeps the card for off-session charges (renewals);
   * `savedCard` says the card is the paying customer's own saved one (one-step payment), where any other is one they
   * just entered. The answer may be `requires_action` or `processing`.
   */
  confirmPayment(request: PaymentRequest & { savePaymentMethod: boolean; savedCard?: boolean }): Promise<ProcessorPayment>;
  /**
   * Charges a saved card while the customer is away. Never `requires_action`: a card that asks for authentication
   * then is declined with `authentication_required`, and the customer must come back to pay.
   */
  chargeOffSession(request: PaymentRequest): Promise<ProcessorPayment>;
  /** The payment's state now: after the customer's challenge, or one that was processing. */
  retrievePayment(id: string): Promise<ProcessorPayment>;
  /**
   * Gives up a payment that waits for the customer's bank (they tried another card instead): it is declined with
   * `authentication_required`. One the customer confirmed meanwhile is answered as it stands, succeeded.
   */
  cancelPayment(id: string): Promise<ProcessorPayment>;
  refund(request: RefundRequest): Promise<{ id: string; amount: number }>;
}
