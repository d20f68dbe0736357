import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../src/checkout/api/CheckoutApi';
import { aPlan, aPromotion, aSession, estimateWith, renderCheckout, renderOpenCheckout } from './renderCheckout';

const teamInGermany = aSession({
  plan: aPlan({ name: 'Team', seat_based: true, included_credit: '20.00', subscription_config_id: 'sc_team', price: '12.00' }),
  quantity: 4,
  seat_limits: { min_quantity: 2, max_quantity: 50 },
  promotion: aPromotion({ code: 'TEAM10', percent_off: 10, duration: 'forever' }),
  amount_due: '51.41',
  estimate: estimateWith({
    quantity: 4,
    unit_amount: '12.00',
    tax_behavior: 'exclusive',
    tax_rate: { country: 'DE', percentage: 19, display_name: 'MwSt.' },
    due_today: { subtotal: '48.00', discount: '4.80', tax: '8.21', total: '51.41' },
    next_invoice: { date: '2030-02-15T12:00:00.000Z', amount: '51.41' },
  }),
});

const yenTaxIncluded = aSession({
  currency: 'JPY',
  plan: aPlan({ name: 'Pro (JPY)', included_credit: '10.00', subscription_config_id: 'sc_jpy', price: '2900' }),
  promotion: aPromotion({ code: 'WELCOME20', percent_off: 20 }),
  amount_due: '2320',
  estimate: estimateWith({
    currency: 'JPY',
    tax_behavior: 'inclusive',
    tax_rate: { country: 'JP', percentage: 10, display_name: 'consumption tax' },
    due_today: { subtotal: '2900', discount: '580', tax: '211', total: '2320' },
    next_invoice: { date: '2030-02-15T12:00:00.000Z', amount: '2900' },
  }),
});

const explainButton = () => screen.getByRole('button', { name: 'How is this calculated?' });

async function openExplanation(session: CheckoutSession) {
  await renderOpenCheckout(session);
  fireEvent.click(explainButton());
  return screen.getByRole('dialog', { name: 'How your total is calculated' });
}

describe('price explanation', () => {
  it('is closed at first, behind a button that says what it controls', async () => {
    await renderOpenCheckout(teamInGermany);
    const button = explainButton();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.getElementById(button.getAttribute('aria-controls')!)).not.toBeNull();
  });

  it('explains seats, a lasting discount, added tax with its rate, the total and the next charge', async () => {
    const popover = await openExplanation(teamInGermany);
    expect(explainButton().getAttribute('aria-expanded')).toBe('true');
    expect(explainButton().getAttribute('aria-controls')).toBe(popover.id);
    expect([...popover.querySelectorAll('li')].map((line) => line.textContent)).toEqual([
      'Subtotal: 4 seats × $12.00 per seat = $48.00.',
      'Discount: code TEAM10 takes $4.80 off today, and applies to every renewal too.',
      'Tax: 19% MwSt. is added on top, which is $8.21.',
      'Total due today: $51.41.',
      'Next charge: $51.41 on February 15, 2030, then every month.',
    ]);
  });

  it('explains a first-payment discount and tax the price already includes, in whole yen', async () => {
    const popover = await openExplanation(yenTaxIncluded);
    expect([...popover.querySelectorAll('li')].map((line) => line.textContent)).toEqual([
      'Subtotal: Pro (JPY) at ¥2,900 per month.',
      'Discount: code WELCOME20 takes ¥580 off this first payment only.',
      'Tax: the price already includes 10% consumption tax, which is ¥211.',
      'Total due today: ¥2,320.',
      'Next charge: ¥2,900 on February 15, 2030, then every month.',
    ]);
  });

  it('explains a credit bundle as a one-off purchase without a next charge', async () => {
    const popover = await openExplanation(
      aSession({ checkout_mode: 'credit_bundle', bundle: { name: 'Starter pack', credit_amount: '1500.00', price: '15.00' }, amount_due: '15.00' }),
    );
    expect([...popover.querySelectorAll('li')].map((line) => line.textContent)).toEqual([
      'Subtotal: Starter pack, a one-off purchase of $15.00.',
      'Total due today: $15.00.',
    ]);
  });

  it('moves focus into the popover, and Escape closes it and gives focus back to the button', async () => {
    const { sent } = renderCheckout(teamInGermany);
    await screen.findByRole('heading', { name: 'Acme AI' });
    fireEvent.click(explainButton());
    const popover = screen.getByRole('dialog');
    await waitFor(() => expect(document.activeElement).toBe(popover));

    fireEvent.keyDown(popover, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(explainButton().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(explainButton());
    // The key closed the popover, not the whole checkout.
    expect(sent.filter((message) => message.type === 'close')).toEqual([]);
  });

  it('closes on a press outside it, and stays open on a press inside', async () => {
    const popover = await openExplanation(teamInGermany);
    fireEvent.pointerDown(popover.querySelector('li')!);
    expect(screen.getByRole('dialog')).toBe(popover);
    fireEvent.pointerDown(screen.getByRole('heading', { level: 1 }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes when the button is pressed again', async () => {
    await openExplanation(teamInGermany);
    fireEvent.click(explainButton());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lets Escape close the checkout again once the popover is closed', async () => {
    const { sent } = renderCheckout(teamInGermany);
    await screen.findByRole('heading', { name: 'Acme AI' });
    fireEvent.keyDown(explainButton(), { key: 'Escape' });
    expect(sent.filter((message) => message.type === 'close')).toHaveLength(1);
  });
});
