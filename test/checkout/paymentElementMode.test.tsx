import { describe, expect, it, vi } from 'vitest';
import { mountPaymentElement } from '../../src/checkout/stripe/mountPaymentElement';

// Stripe.js as the Element sees it: what the Elements group is made and updated with.
const made: Record<string, unknown>[] = [];
const updates: Record<string, unknown>[] = [];
vi.mock('../../src/checkout/stripe/stripeClient', () => ({
  stripeClient: async () => ({
    elements: (options: Record<string, unknown>) => {
      made.push(options);
      return { create: () => ({ mount() {}, destroy() {} }), update: (changes: Record<string, unknown>) => updates.push(changes) };
    },
  }),
}));

const mount = (amount: number) => mountPaymentElement(document.createElement('div'), { publishableKey: 'pk_test_x', amount, currency: 'USD', locale: 'en' });

describe('Stripe’s Payment Element, by what is due today', () => {
  it('takes a payment of the total, and keeps its card for later', async () => {
    await mount(1900);
    expect(made.at(-1)).toMatchObject({ mode: 'payment', amount: 1900, currency: 'usd', setupFutureUsage: 'off_session', allowedPaymentMethodTypes: ['card'] });
  });

  it('sets the card up for later when nothing is due, as the server’s SetupIntent does, and follows the total either way', async () => {
    const element = await mount(0);
    expect(made.at(-1)).toMatchObject({ mode: 'setup', setupFutureUsage: null, currency: 'usd', allowedPaymentMethodTypes: ['card'] });
    expect(made.at(-1)).not.toHaveProperty('amount');

    element.updateAmount(2400); // the code removed
    element.updateAmount(0); // and applied again
    expect(updates.slice(-2)).toStrictEqual([{ mode: 'payment', amount: 2400, setupFutureUsage: 'off_session' }, { mode: 'setup', setupFutureUsage: null }]);
  });
});
