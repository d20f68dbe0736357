import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { A_PAYMENT_METHOD, aCompletedCheckout, apiError, aSession, fillValidForm, payButton, renderOpenCheckout, returningCustomer } from './renderCheckout';

const withSavedCard = aSession({ ...returningCustomer, saved_card: { brand: 'visa', last4: '4242' } });

const bundleWithSavedCard = aSession({
  ...returningCustomer,
  saved_card: { brand: 'visa', last4: '4242' },
  checkout_mode: 'credit_bundle',
  bundle: { name: 'Top-up', credit_amount: '5.00', price: '5.00' },
  amount_due: '5.00',
  credit_balance: '10.00',
  credit_balance_after: '15.00',
});

describe('returning customer with a saved card', () => {
  it('pays in one step with the saved card', async () => {
    const { api } = await renderOpenCheckout(withSavedCard);
    expect(screen.queryByLabelText('Card number')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Pay with •••• 4242' }));

    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(api.complete).toHaveBeenCalledWith({ use_saved_card: true, expected_total: withSavedCard.amount_due }, expect.any(String));
  });

  it('can use another card instead, and go back to the saved one', async () => {
    const { api } = await renderOpenCheckout(withSavedCard);
    fireEvent.click(screen.getByRole('button', { name: 'Use another card' }));

    fillValidForm();
    expect(screen.queryByRole('button', { name: 'Pay with •••• 4242' })).toBeNull();
    fireEvent.click(payButton());
    await waitFor(() =>
      expect(api.complete).toHaveBeenCalledWith({ payment_method: A_PAYMENT_METHOD, expected_total: withSavedCard.amount_due }, expect.any(String)),
    );
    await screen.findByRole('heading', { name: 'Payment successful' });
  });

  it('offers the saved card again from the card form', async () => {
    await renderOpenCheckout(withSavedCard);
    fireEvent.click(screen.getByRole('button', { name: 'Use another card' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use the saved card •••• 4242' }));
    expect(screen.getByRole('button', { name: 'Pay with •••• 4242' })).toBeTruthy();
    expect(screen.queryByLabelText('Card number')).toBeNull();
  });

  it('shows a decline of the saved card and lets the customer enter another', async () => {
    const { api } = await renderOpenCheckout(withSavedCard);
    api.complete.mockRejectedValueOnce(apiError(402, 'card_declined', 'x', null, 'insufficient_funds'));
    fireEvent.click(screen.getByRole('button', { name: 'Pay with •••• 4242' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Your card has insufficient funds. Try another card.');
    fireEvent.click(screen.getByRole('button', { name: 'Use another card' }));
    expect(screen.getByLabelText('Card number')).toBeTruthy();
  });

  it('shows a bundle buyer the credit balance now and after the purchase', async () => {
    const { api } = await renderOpenCheckout(bundleWithSavedCard);
    api.complete.mockResolvedValueOnce({ ...aCompletedCheckout, checkout_mode: 'credit_bundle', subscription_id: null, credits_added: '5.00' });

    expect(screen.getByText('Credit balance').nextElementSibling?.textContent).toBe('10');
    expect(screen.getByText('Balance after purchase').nextElementSibling?.textContent).toBe('15');
    fireEvent.click(screen.getByRole('button', { name: 'Pay with •••• 4242' }));
    expect(await screen.findByText('Top-up: 5 credits added to your account.')).toBeTruthy();
  });

  it('shows the card form alone when there is no saved card', async () => {
    await renderOpenCheckout(aSession(returningCustomer));
    expect(screen.getByLabelText('Card number')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Pay with/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /saved card/ })).toBeNull();
  });
});
