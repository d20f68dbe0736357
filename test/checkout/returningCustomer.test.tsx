import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aSession, fillValidForm, payButton, renderCheckout, returningCustomer } from './renderCheckout';

describe('returning customer', () => {
  it('greets the customer and asks only for the card', async () => {
    renderCheckout(aSession(returningCustomer));
    await screen.findByRole('heading', { name: 'Acme AI' });

    expect(screen.getByText('Signed in as Jane Doe · j•••@example.com')).toBeTruthy();
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(screen.queryByLabelText('Full name')).toBeNull();
    expect(screen.getByLabelText('Card number')).toBeTruthy();
  });

  it('pays without sending customer details', async () => {
    const { api } = renderCheckout(aSession(returningCustomer));
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    fireEvent.click(payButton());
    expect(api.complete).toHaveBeenCalledWith({
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' },
    }, expect.any(String));
  });
});
