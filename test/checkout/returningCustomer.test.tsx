import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { A_PAYMENT_METHOD, aSession, fillValidForm, payButton, renderCheckout, returningCustomer } from './renderCheckout';

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
    const session = aSession(returningCustomer);
    const { api } = renderCheckout(session);
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    fireEvent.click(payButton());
    await waitFor(() => expect(api.complete).toHaveBeenCalledWith({ payment_method: A_PAYMENT_METHOD, expected_total: session.amount_due }, expect.any(String)));
  });
});
