import { describe, expect, it } from 'vitest';
import { TillApiError } from '../../src/server/TillApiError';

describe('TillApiError', () => {
  it('writes the envelope without decline_code for an error that is not a decline', () => {
    expect(JSON.parse(JSON.stringify(new TillApiError('validation_error', 'Bad.', 'quantity')))).toStrictEqual({
      error: { type: 'invalid_request_error', code: 'validation_error', message: 'Bad.', param: 'quantity' },
    });
  });

  it('adds decline_code to a card_declined error', () => {
    const error = new TillApiError('card_declined', 'Your card has insufficient funds. Try another card.', 'card.number', 'insufficient_funds');
    expect(error.status).toBe(402);
    expect(JSON.parse(JSON.stringify(error))).toStrictEqual({
      error: {
        type: 'card_error',
        code: 'card_declined',
        message: 'Your card has insufficient funds. Try another card.',
        param: 'card.number',
        decline_code: 'insufficient_funds',
      },
    });
  });

  it('adds the request id to the body it sends, never to its JSON, which is what an idempotent retry stores', () => {
    const error = new TillApiError('card_declined', 'Declined.', 'card.number', 'expired_card');
    expect(error.toResponseBody('req_1')).toStrictEqual({
      error: { type: 'card_error', code: 'card_declined', message: 'Declined.', param: 'card.number', decline_code: 'expired_card', request_id: 'req_1' },
    });
    expect(JSON.stringify(error)).not.toContain('request_id');
    expect(TillApiError.fromJSON(error.toResponseBody('req_1')).toResponseBody('req_2').error.request_id).toBe('req_2');
  });

  it.each([
    new TillApiError('card_declined', 'Declined.', 'card.number', 'expired_card'),
    new TillApiError('promotion_code_expired', 'Expired.', 'promotion_code'),
    new TillApiError('session_completed', 'Done.'),
  ])('comes back from its JSON unchanged: $code', (error) => {
    const again = TillApiError.fromJSON(JSON.parse(JSON.stringify(error)));
    expect(again).toBeInstanceOf(TillApiError);
    expect(JSON.stringify(again)).toBe(JSON.stringify(error));
    expect(again.status).toBe(error.status);
  });

  it.each([
    ['promotion_code_not_found', 404],
    ['promotion_code_expired', 400],
    ['promotion_code_exhausted', 400],
    ['promotion_code_not_applicable', 400],
    ['promotion_codes_not_allowed', 409],
  ] as const)('gives %s the status %i', (code, status) => {
    expect(new TillApiError(code, 'x').status).toBe(status);
  });
});
