import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aCompletedCheckout, aSession, fillValidForm, payButton, renderCheckout, returningCustomer } from './renderCheckout';

const creditBundleSession = aSession({
  ...returningCustomer,
  checkout_mode: 'credit_bundle',
  bundle: { name: 'Starter pack', credit_amount: '1500.00', price: '15.00' },
  amount_due: '49.5',
  currency: 'EUR',
});

describe('credit bundle checkout', () => {
  it('shows the bundle, its credits and its one-off price', async () => {
    const { sentOfType } = renderCheckout(creditBundleSession);
    await screen.findByRole('heading', { name: 'Acme AI' });

    expect(screen.getByText('Starter pack')).toBeTruthy();
    expect(screen.getByText('1,500 credits')).toBeTruthy();
    expect(screen.getByText('Starter pack').nextElementSibling?.textContent).toBe('€49.50');
    expect(screen.getByText('Total due today').nextElementSibling?.textContent).toBe('€49.50');
    expect(payButton().textContent).toBe('Pay €49.50');
    expect(sentOfType('ready')).toEqual([expect.objectContaining({ checkoutMode: 'credit_bundle' })]);
  });

  it('names the bundle on the success screen and reports the credit_bundle mode', async () => {
    const { api, sentOfType } = renderCheckout(creditBundleSession);
    api.complete.mockResolvedValueOnce({
      ...aCompletedCheckout,
      checkout_mode: 'credit_bundle',
      subscription_id: null,
      credits_added: '1500.00',
    });
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    fireEvent.click(payButton());

    expect(await screen.findByText('Starter pack: 1,500 credits added to your account.')).toBeTruthy();
    expect(sentOfType('success')).toMatchObject([{ checkoutMode: 'credit_bundle', subscriptionId: null, creditsAdded: '1500.00' }]);
  });
});
