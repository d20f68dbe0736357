import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../src/checkout/api/CheckoutApi';
import { anEstimate, apiError, aPlan, aPlanOption, aSession, breakdownAmount, deferred, fillFields, payButton, renderOpenCheckout } from './renderCheckout';

const seats = (quantity: number): CheckoutSession =>
  aSession({
    plan: aPlan({ name: 'Team', seat_based: true, included_credit: '0', subscription_config_id: 'sc_team', price: '10.00' }),
    quantity,
    seat_limits: { min_quantity: 2, max_quantity: 5 },
    amount_due: `${quantity * 10}.00`,
  });

const monthly = aPlanOption({ subscription_config_id: 'sc_pro', name: 'Pro monthly', price: '19.00' });
const yearly = aPlanOption({ subscription_config_id: 'sc_pro_year', name: 'Pro yearly', price: '190.00', billing_interval: 'year' });
const planChoice = aSession({ plan_options: [monthly, yearly] });
const yearlyChosen = aSession({
  plan: aPlan({ name: 'Pro yearly', billing_interval: 'year', included_credit: '100.00', subscription_config_id: 'sc_pro_year', price: '190.00' }),
  plan_options: [monthly, yearly],
  amount_due: '190.00',
  estimate: anEstimate('190.00', { date: '2031-01-15T12:00:00.000Z', amount: '190.00' }),
});

describe('seats', () => {
  it('shows the seats, the unit price and the total for them', async () => {
    await renderOpenCheckout(seats(3));
    expect((screen.getByRole('spinbutton', { name: 'Seats' }) as HTMLInputElement).value).toBe('3');
    expect(screen.getByText('3 seats × $10.00')).toBeTruthy();
    expect(breakdownAmount('Total due today')).toBe('$30.00');
  });

  it('adds a seat and shows the new total the server computed', async () => {
    const { api } = await renderOpenCheckout(seats(3));
    api.update.mockResolvedValueOnce(seats(4));
    fireEvent.click(screen.getByRole('button', { name: 'Add a seat' }));

    await waitFor(() => expect(payButton().textContent).toBe('Pay $40.00'));
    expect(api.update).toHaveBeenCalledWith({ quantity: 4 });
    expect((screen.getByRole('spinbutton', { name: 'Seats' }) as HTMLInputElement).value).toBe('4');
  });

  it('keeps the count within the plan’s range', async () => {
    const { api } = await renderOpenCheckout(seats(5));
    expect(screen.getByRole('button', { name: 'Add a seat' }).hasAttribute('disabled')).toBe(true);

    api.update.mockResolvedValueOnce(seats(2));
    const input = screen.getByRole('spinbutton', { name: 'Seats' });
    fireEvent.change(input, { target: { value: '1' } });
    await waitFor(() => expect(api.update).toHaveBeenCalledWith({ quantity: 2 }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove a seat' }).hasAttribute('disabled')).toBe(true));
  });

  it('shows why a change failed and keeps the seats it had', async () => {
    const { api } = await renderOpenCheckout(seats(3));
    api.update.mockRejectedValueOnce(apiError(0, 'network_error', 'Failed to fetch'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove a seat' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/couldn’t update/);
    expect((screen.getByRole('spinbutton', { name: 'Seats' }) as HTMLInputElement).value).toBe('3');
    expect(payButton().textContent).toBe('Pay $30.00');
  });

  it('has no seat control for a plan that is not per seat', async () => {
    await renderOpenCheckout(aSession());
    expect(screen.queryByRole('spinbutton', { name: 'Seats' })).toBeNull();
  });
});

describe('plan options', () => {
  it('offers the plans as a radio group with the current one checked', async () => {
    await renderOpenCheckout(planChoice);
    screen.getByRole('group', { name: 'Plan' });
    expect((screen.getByRole('radio', { name: 'Pro monthly · $19.00 / month' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }) as HTMLInputElement).checked).toBe(false);
  });

  it('switches plan and shows the new total and next charge', async () => {
    const { api } = await renderOpenCheckout(planChoice);
    api.update.mockResolvedValueOnce(yearlyChosen);
    fireEvent.click(screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }));

    await waitFor(() => expect(payButton().textContent).toBe('Pay $190.00'));
    expect(api.update).toHaveBeenCalledWith({ subscription_config_id: 'sc_pro_year' });
    expect((screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Then $190.00 on January 15, 2031')).toBeTruthy();
  });

  it('has no plan choice with a single plan', async () => {
    await renderOpenCheckout(aSession({ plan_options: [monthly] }));
    expect(screen.queryByRole('radio')).toBeNull();
  });
});

describe('a change when the session has ended', () => {
  it('shows the expired screen', async () => {
    const { api, sentOfType } = await renderOpenCheckout(planChoice);
    api.update.mockRejectedValueOnce(apiError(410, 'session_expired'));
    fireEvent.click(screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }));
    expect(await screen.findByRole('heading', { name: 'This checkout has expired' })).toBeTruthy();
    expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_expired']);
  });

  it('shows the already-complete screen when the change found a payment waiting for the bank answered', async () => {
    const { api, sentOfType } = await renderOpenCheckout(planChoice);
    api.update.mockResolvedValueOnce({ ...planChoice, status: 'completed' });
    fireEvent.click(screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }));
    expect(await screen.findByRole('heading', { name: 'This checkout is already complete' })).toBeTruthy();
    expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_completed']);
  });

  it('tells the loader once, when a change queued behind the one that found the session paid is refused as completed', async () => {
    const session = { ...planChoice, allows_promotion_codes: true };
    const { api, sentOfType } = await renderOpenCheckout(session);
    const first = deferred<typeof session>();
    api.update.mockReturnValueOnce(first.promise).mockRejectedValueOnce(apiError(409, 'session_completed'));
    fireEvent.click(screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }));
    fillFields({ 'Promotion code': 'LAUNCH20' });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    first.resolve({ ...session, status: 'completed' });
    expect(await screen.findByRole('heading', { name: 'This checkout is already complete' })).toBeTruthy();
    await waitFor(() => expect(api.update).toHaveBeenCalledTimes(2));
    // The app's handler of the refusal was attached first, so it has run once this one has.
    await (api.update.mock.results[1]!.value as Promise<unknown>).catch(() => undefined);
    expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_completed']);
  });

  it('waits for the payment the change found settling, telling the loader it is pending', async () => {
    const { api, sentOfType } = await renderOpenCheckout(planChoice);
    api.update.mockResolvedValueOnce({ ...planChoice, status: 'processing' });
    fireEvent.click(screen.getByRole('radio', { name: 'Pro yearly · $190.00 / year' }));
    expect(await screen.findByText(/Your payment is being confirmed/)).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(sentOfType('pending')).toHaveLength(1);
  });
});

describe('seats from the keyboard', () => {
  it('keeps focus on the step button while the change is on its way, and ignores a second press until then', async () => {
    const { api } = await renderOpenCheckout(seats(3));
    let answer!: (session: CheckoutSession) => void;
    api.update.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const more = screen.getByRole('button', { name: 'Add a seat' });
    more.focus();
    fireEvent.click(more);
    fireEvent.click(more);

    expect(more.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(more);
    answer(seats(4));
    await waitFor(() => expect(payButton().textContent).toBe('Pay $40.00'));
    expect(api.update).toHaveBeenCalledTimes(1);
  });
});
