import type { DeclineCode } from '../TillApiError';

export interface TestCard {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

export type ChargeOutcome =
  | { ok: true; brand: CardBrand; last4: string }
  | { ok: false; brand: CardBrand; last4: string; declineCode: DeclineCode; message: string };

/** Test-mode numbers that fail as a real processor would (Stripe's test numbers); any other valid number succeeds. */
const DECLINES: Record<string, { declineCode: DeclineCode; message: string }> = {
  '4000000000000002': { declineCode: 'card_declined', message: 'Your card was declined. Try another card.' },
  '4000000000009995': { declineCode: 'insufficient_funds', message: 'Your card has insufficient funds. Try another card.' },
  '4000000000000069': { declineCode: 'expired_card', message: 'Your card has expired. Try another card.' },
};

export function detectCardBrand(number: string): CardBrand {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'unknown';
}

export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return number.length > 0 && sum % 10 === 0;
}

/** Decides a test-mode charge. The card is validated before this; only brand and last four leave it. */
export function chargeTestCard(card: TestCard): ChargeOutcome {
  const brand = detectCardBrand(card.number);
  const last4 = card.number.slice(-4);
  const decline = DECLINES[card.number];
  return decline ? { ok: false, brand, last4, ...decline } : { ok: true, brand, last4 };
}
