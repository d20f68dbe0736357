import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { anEstimate, aPlan, aSession, breakdownAmount, estimateWith, fillValidForm, payButton, renderCheckout, renderOpenCheckout } from './renderCheckout';

/** A per-seat plan whose first payment is the merchant's custom amount (seed 003), with tax added on top. */
const teamAtCustomAmount = aSession({
  plan: aPlan({ name: 'Team', seat_based: true, included_credit: '0', subscription_config_id: 'sc_team', price: '12.00' }),
  quantity: 3,
  seat_limits: { min_quantity: 2, max_quantity: 50 },
  custom_amount: '20.00',
  amount_due: '23.80',
  estimate: estimateWith({
    tax_behavior: 'exclusive',
    tax_rate: { country: 'DE', percentage: 19, display_name: 'MwSt.' },
    due_today: { subtotal: '20.00', discount: '0.00', tax: '3.80', total: '23.80' },
    next_invoice: { date: '2030-02-15T12:00:00.000Z', amount: '42.84' },
  }),
});

describe('a custom first payment (seed 003)', () => {
  it('shows the first payment beside the plan’s price, and charges the server’s total', async () => {
    await renderOpenCheckout(teamAtCustomAmount);
    expect(screen.getByText('First payment: $20.00, then the plan’s price')).toBeTruthy();
    expect(screen.getByText('$12.00 / month')).toBeTruthy();
    expect(breakdownAmount('Subtotal')).toBe('$20.00');
    expect(breakdownAmount('Total due today')).toBe('$23.80');
    expect(screen.getByText('Then $42.84 on February 15, 2030')).toBeTruthy();
    expect(payButton().textContent).toBe('Pay $23.80');
  });

  it('offers no seats to change, as the amount is for the seats the merchant set', async () => {
    await renderOpenCheckout(teamAtCustomAmount);
    expect(screen.queryByRole('spinbutton', { name: 'Seats' })).toBeNull();
    expect(screen.getByText('3 seats × $12.00')).toBeTruthy();
  });

  it('explains the subtotal as the first payment’s own price', async () => {
    await renderOpenCheckout(teamAtCustomAmount);
    fireEvent.click(screen.getByRole('button', { name: 'How is this calculated?' }));
    const lines = screen.getByRole('dialog', { name: 'How your total is calculated' }).querySelectorAll('li');
    expect([...lines].map((line) => line.textContent)).toEqual([
      'Subtotal: $20.00, a price set for this first payment only; later payments are at the plan’s price.',
      'Tax: 19% MwSt. is added on top, which is $3.80.',
      'Total due today: $23.80.',
      'Next charge: $42.84 on February 15, 2030, then every month.',
    ]);
  });
});

/** Pro starting on 1 March 2030 (seed 002's start_date): nothing today, the first payment then. */
const startsLater = aSession({
  start_date: '2030-03-01T12:00:00.000Z',
  amount_due: '0.00',
  estimate: anEstimate('0.00', { date: '2030-03-01T12:00:00.000Z', amount: '15.20' }),
});

describe('a later start and a fixed term (seed 002)', () => {
  it('says when the subscription starts, that nothing is due today, and what the first charge is', async () => {
    await renderOpenCheckout(startsLater);
    expect(screen.getByText('Starts on March 1, 2030: nothing is charged today')).toBeTruthy();
    expect(breakdownAmount('Total due today')).toBe('$0.00');
    expect(screen.getByText('Then $15.20 on March 1, 2030')).toBeTruthy();
    expect(payButton().textContent).toBe('Pay $0.00');
  });

  it('explains the next charge as the first, on the start date, and says when a term ends', async () => {
    await renderOpenCheckout({ ...startsLater, end_date: '2031-03-01T12:00:00.000Z' });
    expect(screen.getByText('Ends on March 1, 2031')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'How is this calculated?' }));
    const lines = screen.getByRole('dialog', { name: 'How your total is calculated' }).querySelectorAll('li');
    expect([...lines].map((line) => line.textContent)).toEqual([
      'Total due today: $0.00.',
      'First charge: $15.20 on March 1, 2030, when the subscription starts.',
      'The subscription ends on March 1, 2031.',
    ]);
  });

  it('confirms a later start without claiming a recurring price, with the first charge and the end', async () => {
    renderCheckout({ ...startsLater, end_date: '2031-03-01T12:00:00.000Z' });
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    fireEvent.click(payButton());
    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(screen.getByText('You’re subscribed to Pro, starting on March 1, 2030.')).toBeTruthy();
    expect(screen.getByText('Your next charge is $15.20 on March 1, 2030.')).toBeTruthy();
    expect(screen.getByText('Ends on March 1, 2031')).toBeTruthy();
  });

  it('says it in the checkout’s language', async () => {
    renderCheckout({ ...startsLater, end_date: '2031-03-01T12:00:00.000Z', locale: 'de-DE' });
    expect(await screen.findByText('Beginnt am 1. März 2030: Heute wird nichts abgebucht')).toBeTruthy();
    expect(screen.getByText('Endet am 1. März 2031')).toBeTruthy();
  });
});
