import type { PaymentCardBrand } from '../../protocol/api/paymentCardBrand';
import { detectCardBrand } from '../../protocol/cardNumbers';
import type { DeclineCode } from '../TillApiError';

export interface TestCard {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

/** A payment's `card_brand`: the brand the checkout app showed, or `unknown` (Stripe's word) for a number of none. */
export type { PaymentCardBrand };

export type ChargeOutcome =
  | { ok: true; brand: PaymentCardBrand; last4: string }
  | { ok: false; brand: PaymentCardBrand; last4: string; declineCode: DeclineCode; message: string };

/** Test-mode numbers that fail as a real processor would (Stripe's test numbers); any other valid number succeeds. */
const DECLINES: Record<string, { declineCode: DeclineCode; message: string }> = {
  '4000000000000002': { declineCode: 'card_declined', message: 'Your card was declined. Try another card.' },
  '4000000000009995': { declineCode: 'insufficient_funds', message: 'Your card has insufficient funds. Try another card.' },
  '4000000000000069': { declineCode: 'expired_card', message: 'Your card has expired. Try another card.' },
};

export function paymentCardBrand(number: string): PaymentCardBrand {
  return detectCardBrand(number) ?? 'unknown';
}

/**
 * Stripe's documented test numbers (docs.stripe.com/testing): the ones Till's test mode gives meaning to, and the
 * brands' success numbers a merchant is likely to try.
 */
const TEST_CARD_NUMBERS = new Set([
  ...Object.keys(DECLINES),
  '4242424242424242', '4000056655665556', '5555555555554444', '2223003122003222', '5200828282828210', '5105105105105100',
  '378282246310005', '371449635398431', '6011111111111117', '6011000990139424', '3056930009020004', '36227206271667',
  '3566002020360505', '6200000000000005', '4000002760003184', '4000002500003155', '4000000000000341',
]);

/**
 * A live-mode charge: there is no live processor until issue 12, so nothing is charged. A test card is refused as
 * Stripe refuses one in live mode; any other card with a sentence that says payments are not available yet.
 */
export function refuseLiveCharge({ brand, last4, number }: { brand: PaymentCardBrand; last4: string; number?: string }): ChargeOutcome {
  return number !== undefined && TEST_CARD_NUMBERS.has(number)
    ? { ok: false, brand, last4, declineCode: 'test_mode_live_card', message: 'This is a test card, and this checkout takes real payments. Use a real card.' }
    : { ok: false, brand, last4, declineCode: 'live_payments_unavailable', message: 'Card payments are not available for this checkout yet. You have not been charged.' };
}

/** Decides a test-mode charge. The card is validated before this; only brand and last four leave it. */
export function chargeTestCard(card: TestCard): ChargeOutcome {
  const brand = paymentCardBrand(card.number);
  const last4 = card.number.slice(-4);
  const decline = DECLINES[card.number];
  return decline ? { ok: false, brand, last4, ...decline } : { ok: true, brand, last4 };
}
