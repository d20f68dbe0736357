import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CompletedCheckout } from '../../src/checkout/api/CheckoutApi';
import { aCompletedCheckout, apiError, deferred, fillValidForm, payButton, renderCheckout } from './renderCheckout';

async function renderFilledForm() {
  const rendered = renderCheckout();
  await screen.findByRole('heading', { name: 'Acme AI' });
  fillValidForm();
  return rendered;
}

/** Messages as short labels (`step:processing`, `success`), to read the order they were sent in. */
const labels = (sent: { type: string; step?: string }[]) => sent.map((m) => (m.type === 'step' ? `step:${m.step}` : m.type));

describe('steps', () => {
  it('goes payment → processing → success, telling the step before the outcome', async () => {
    const { sent } = await renderFilledForm();
    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'Payment successful' });
    // The loader closes on success and refuses to while processing, so `success` must find the step moved on.
    expect(labels(sent)).toEqual(['ready', 'step:payment', 'step:processing', 'step:success', 'success']);
  });

  it('stays at processing exactly while the payment request runs', async () => {
    const { api, steps } = await renderFilledForm();
    const payment = deferred<CompletedCheckout>();
    api.complete.mockReturnValueOnce(payment.promise);

    fireEvent.click(payButton());
    await waitFor(() => expect(steps()).toEqual(['payment', 'processing']));

    payment.resolve(aCompletedCheckout);
    await screen.findByRole('heading', { name: 'Payment successful' });
    expect(steps()).toEqual(['payment', 'processing', 'success']);
  });

  it('goes back to payment after a decline, and on to success when another try works', async () => {
    const { api, steps } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(402, 'card_declined', 'Your card was declined.'));

    fireEvent.click(payButton());
    await screen.findByRole('alert');
    expect(steps()).toEqual(['payment', 'processing', 'payment']);

    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'Payment successful' });
    expect(steps()).toEqual(['payment', 'processing', 'payment', 'processing', 'success']);
  });

  it('goes back to payment after a field error from the server', async () => {
    const { api, steps } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(400, 'validation_error', 'This card number is not valid.', 'card.number'));
    fireEvent.click(payButton());
    await waitFor(() => expect(screen.getByLabelText('Card number').getAttribute('aria-invalid')).toBe('true'));
    expect(steps()).toEqual(['payment', 'processing', 'payment']);
  });

  it('goes back to payment when the payment request fails on the network', async () => {
    const { api, steps } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(0, 'network_error', 'Failed to fetch'));
    fireEvent.click(payButton());
    await screen.findByRole('alert');
    expect(steps()).toEqual(['payment', 'processing', 'payment']);
  });

  it('sends no step for errors found before anything is sent', async () => {
    const { api, steps } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    fireEvent.click(payButton());
    expect(api.complete).not.toHaveBeenCalled();
    expect(steps()).toEqual(['payment']);
  });

  it('goes from processing to ended, before the failure, when the session expires while paying', async () => {
    const { api, sent } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(410, 'session_expired'));
    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'This checkout has expired' });
    expect(labels(sent)).toEqual(['ready', 'step:payment', 'step:processing', 'step:ended', 'failure']);
  });

  it('never says payment for a session that cannot be paid', async () => {
    const { steps } = renderCheckout(() => Promise.reject(apiError(404, 'session_not_found')));
    await screen.findByRole('heading', { name: 'Checkout not found' });
    expect(steps()).toEqual(['ended']);
  });
});
