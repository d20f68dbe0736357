import { describe, expect, it } from 'vitest';
import type { SubscriptionConfigRow } from '../../src/server/catalog/catalogRows';
import { describePromotion, promotionError, promotionProblem, toDiscount, type PromotionCode } from '../../src/server/promotions/promotionCodes';

const NOW = new Date('2025-06-01T12:00:00Z');

const config = (overrides: Partial<SubscriptionConfigRow> = {}): SubscriptionConfigRow => ({
  subscription_config_id: 'sc_pro',
  merchant_id: 'mer_1',
  name: 'Pro',
  period_amount: 1900,
  currency: 'USD',
  billing_interval: 'month',
  interval_count: 1,
  included_credit: 0,
  seat_based: false,
  min_quantity: 1,
  max_quantity: 1,
  tax_behavior: 'exclusive',
  active: true,
  created_at: NOW,
  ...overrides,
});

const promotion = (overrides: Partial<PromotionCode> = {}): PromotionCode => ({
  promotion_code_id: 'promo_1',
  merchant_id: 'mer_1',
  code: 'SAVE',
  percent_off: 20,
  amount_off: null,
  currency: null,
  duration: 'once',
  duration_in_intervals: null,
  expires_at: null,
  max_redemptions: null,
  times_redeemed: 0,
  active: true,
  created_at: NOW,
  subscription_config_ids: [],
  ...overrides,
});

describe('promotionProblem', () => {
  it('finds none for an unrestricted, unexpired code with redemptions left', () => {
    expect(promotionProblem(promotion({ max_redemptions: 2, times_redeemed: 1, expires_at: new Date('2025-06-02T00:00:00Z') }), config(), NOW)).toBeNull();
  });

  it('calls a code expired at its expiry instant', () => {
    expect(promotionProblem(promotion({ expires_at: NOW }), config(), NOW)).toBe('expired');
    expect(promotionProblem(promotion({ expires_at: new Date(NOW.getTime() + 1) }), config(), NOW)).toBeNull();
  });

  it('calls a code exhausted when its redemptions reach the limit', () => {
    expect(promotionProblem(promotion({ max_redemptions: 3, times_redeemed: 3 }), config(), NOW)).toBe('exhausted');
  });

  it('limits a restricted code to its plans', () => {
    const restricted = promotion({ subscription_config_ids: ['sc_team'] });
    expect(promotionProblem(restricted, config(), NOW)).toBe('not_applicable');
    expect(promotionProblem(restricted, config({ subscription_config_id: 'sc_team' }), NOW)).toBeNull();
  });

  it('limits a fixed amount to plans in its currency', () => {
    const fiveDollars = promotion({ percent_off: null, amount_off: 500, currency: 'USD' });
    expect(promotionProblem(fiveDollars, config(), NOW)).toBeNull();
    expect(promotionProblem(fiveDollars, config({ currency: 'EUR' }), NOW)).toBe('not_applicable');
  });

  it('lets a percentage apply in any currency', () => {
    expect(promotionProblem(promotion(), config({ currency: 'JPY' }), NOW)).toBeNull();
  });
});

describe('describePromotion and toDiscount', () => {
  it.each([
    [promotion(), '20% off the first payment', { percentOff: 20, duration: 'once' }],
    [promotion({ percent_off: 10, duration: 'forever' }), '10% off every payment', { percentOff: 10, duration: 'forever' }],
    [promotion({ percent_off: null, amount_off: 500, currency: 'USD', duration: 'forever' }), '5.00 USD off every payment', { amountOff: 500, duration: 'forever' }],
    [promotion({ percent_off: null, amount_off: 300, currency: 'JPY' }), '300 JPY off the first payment', { amountOff: 300, duration: 'once' }],
    [promotion({ duration: 'repeating', duration_in_intervals: 3 }), '20% off the first 3 payments', { percentOff: 20, duration: 'repeating', durationInIntervals: 3 }],
    [promotion({ duration: 'repeating', duration_in_intervals: 1 }), '20% off the first payment', { percentOff: 20, duration: 'repeating', durationInIntervals: 1 }],
  ])('describes %# as “%s”', (code, description, discount) => {
    expect(describePromotion(code)).toBe(description);
    expect(toDiscount(code)).toStrictEqual(discount);
  });
});

describe('promotionError', () => {
  it.each([
    ['not_found', 'promotion_code_not_found', 404, "The promotion code 'SAVE' does not exist."],
    ['expired', 'promotion_code_expired', 400, "The promotion code 'SAVE' has expired."],
    ['exhausted', 'promotion_code_exhausted', 400, "The promotion code 'SAVE' has been fully redeemed."],
    ['not_applicable', 'promotion_code_not_applicable', 400, "The promotion code 'SAVE' does not apply to this plan."],
  ] as const)('names %s as %s', (problem, code, status, message) => {
    const error = promotionError(problem, ' save ');
    expect({ code: error.code, status: error.status, message: error.message, param: error.param }).toStrictEqual({ code, status, message, param: 'promotion_code' });
  });
});
