import type { DeclineCode } from '../../TillApiError';

/**
 * What a card does in the test processor, decided from its number when it is tokenized; only this word, the
 * brand, last four and expiry are kept, never the number.
 */
export type TestCardBehaviour =
  | 'succeeds'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  /** 3-D Secure on every payment, renewals included (which therefore fail: the customer is away). */
  | 'authenticate_always'
  /** 3-D Secure when the customer is present; set up for off-session use, renewals go through. */
  | 'authenticate_on_session'
  /** Succeeds at checkout; every later off-session charge is declined (a renewal that fails). */
  | 'decline_off_session'
  /**
   * Accepted, then settled a few seconds later, on session and off session alike, as Stripe answers a payment
   * method that settles later (a bank debit): `processing`, then succeeded or failed. No Stripe card number does
   * this; Stripe documents this one for refunds that are pending before they succeed, and in Stripe's own test mode
   * its payments succeed at once.
   */
  | 'processing';

/**
 * Stripe's documented test numbers (docs.stripe.com/testing), with what each does in Stripe's test mode; any
 * other valid number succeeds.
 */
const BEHAVIOUR_OF_NUMBER: Record<string, TestCardBehaviour> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  '4000002760003184': 'authenticate_always',
  '4000002500003155': 'authenticate_on_session',
  '4000000000000341': 'decline_off_session',
  '4000000000007726': 'processing',
};

/** The brands' own success numbers a merchant is likely to try: refused in live mode as Stripe refuses them. */
const SUCCESS_NUMBERS = [
  '4242424242424242', '4000056655665556', '5555555555554444', '2223003122003222', '5200828282828210', '5105105105105100',
  '378282246310005', '371449635398431', '6011111111111117', '6011000990139424', '3056930009020004', '36227206271667',
  '3566002020360505', '6200000000000005',
];

export function testCardBehaviour(number: string): TestCardBehaviour {
  return BEHAVIOUR_OF_NUMBER[number] ?? 'succeeds';
}

export function isTestCardNumber(number: string): boolean {
  return number in BEHAVIOUR_OF_NUMBER || SUCCESS_NUMBERS.includes(number);
}

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'Your card was declined. Try another card.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  expired_card: 'Your card has expired. Try another card.',
  authentication_required: 'Your bank asked to confirm this payment, and it was not confirmed. Try again or use another card.',
  test_mode_live_card: 'This is a test card, and this checkout takes real payments. Use a real card.',
  live_payments_unavailable: 'Card payments are not available for this checkout yet. You have not been charged.',
};
