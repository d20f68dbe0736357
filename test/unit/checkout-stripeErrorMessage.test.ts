import type { StripeError } from '@stripe/stripe-js';
import { describe, expect, it } from 'vitest';
import { localeCatalogs } from '../../src/checkout/i18n/localeCatalogs';
import { completeMessages, englishMessages as english } from '../../src/checkout/i18n/completeMessages';
import { stripeErrorMessage } from '../../src/checkout/stripe/stripeErrorMessage';

const error = (type: StripeError['type'], code?: string, declineCode?: string): StripeError => ({
  type,
  ...(code ? { code } : {}),
  ...(declineCode ? { decline_code: declineCode } : {}),
  message: 'Stripe’s own sentence, in Stripe’s locale',
});

describe('stripeErrorMessage', () => {
  it.each([
    [error('validation_error', 'incomplete_number'), english.errors.cardNumberInvalid],
    [error('validation_error', 'invalid_expiry_year_past'), english.errors.expiryInPast],
    [error('validation_error', 'incomplete_cvc'), english.errors.cvcInvalid],
    [error('validation_error', 'incomplete_zip'), english.errors.cardDetailsIncomplete],
    [error('card_error', 'incorrect_number'), english.errors.cardNumberMistyped],
    [error('card_error', 'card_declined', 'insufficient_funds'), english.declines.insufficient_funds],
    [error('card_error', 'card_declined', 'do_not_honor'), english.declines.card_declined],
    [error('api_connection_error'), english.paymentUnreachable],
  ])('says %o as the checkout’s own sentence', (stripeError, sentence) => {
    expect(stripeErrorMessage(stripeError, english)).toBe(sentence);
  });

  it.each(Object.keys(localeCatalogs) as (keyof typeof localeCatalogs)[])('speaks the checkout’s language, never Stripe’s (%s)', async (catalog) => {
    const messages = completeMessages(await localeCatalogs[catalog]());
    const sentences = [error('validation_error', 'incomplete_number'), error('validation_error', 'incomplete_zip'), error('card_error', 'card_declined')].map(
      (stripeError) => stripeErrorMessage(stripeError, messages),
    );
    expect(sentences).toEqual([messages.errors.cardNumberInvalid, messages.errors.cardDetailsIncomplete, messages.declines.card_declined]);
    for (const sentence of sentences) expect(sentence).not.toContain('Stripe');
    if (catalog !== 'en' && catalog !== 'ar-XB') expect(messages.errors.cardDetailsIncomplete).not.toBe(english.errors.cardDetailsIncomplete);
  });
});
