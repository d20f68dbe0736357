import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aPromotion, aSession, breakdownAmount, estimateWith, fillValidForm, payButton, renderOpenCheckout } from './renderCheckout';

const discountedAndTaxed = aSession({
  amount_due: '18.24',
  currency: 'EUR',
  promotion: aPromotion({ code: 'LAUNCH20', percent_off: 20 }),
  estimate: estimateWith({
    currency: 'EUR',
    tax_behavior: 'exclusive',
    tax_rate: null,
    due_today: { subtotal: '19.00', discount: '3.80', tax: '3.04', total: '18.24' },
    next_invoice: { date: '2030-02-15T12:00:00.000Z', amount: '22.80' },
  }),
});

describe('price breakdown', () => {
  it('states subtotal, discount with its description, tax and the total due today', async () => {
    await renderOpenCheckout(discountedAndTaxed);

    expect(breakdownAmount('Subtotal')).toBe('€19.00');
    expect(breakdownAmount('Discount (20% off the first payment)')).toBe('-€3.80');
    expect(breakdownAmount('Tax')).toBe('€3.04');
    expect(breakdownAmount('Total due today')).toBe('€18.24');
  });

  it('says when and how much the next charge of a subscription is', async () => {
    await renderOpenCheckout(discountedAndTaxed);
    expect(screen.getByText('Then €22.80 on February 15, 2030')).toBeTruthy();
  });

  it('shows the total due today on the pay button', async () => {
    await renderOpenCheckout(discountedAndTaxed);
    expect(payButton().textContent).toBe('Pay €18.24');
  });

  it('leaves out the subtotal, discount and tax lines when there is nothing to subtract or add', async () => {
    await renderOpenCheckout(aSession());
    expect(breakdownAmount('Total due today')).toBe('$19.00');
    expect(screen.queryByText('Subtotal')).toBeNull();
    expect(screen.queryByText(/^Discount/)).toBeNull();
    expect(screen.queryByText('Tax')).toBeNull();
    expect(screen.queryByText(/^Then /)).toBeNull();
  });

  it('formats amounts in the session’s currency without inventing minor units', async () => {
    await renderOpenCheckout(aSession({ currency: 'JPY', amount_due: '1900' }));
    expect(breakdownAmount('Total due today')).toBe('¥1,900');
  });
});

describe('success screen', () => {
  it('names the recurring price and the next charge, not today’s discounted total', async () => {
    await renderOpenCheckout(discountedAndTaxed);
    fillValidForm();
    fireEvent.click(payButton());

    await screen.findByRole('heading', { name: 'Payment successful' });
    expect(screen.getByText('You’re subscribed to Pro for €22.80 / month.')).toBeTruthy();
    expect(screen.getByText('Your next charge is €22.80 on February 15, 2030.')).toBeTruthy();
  });
});
