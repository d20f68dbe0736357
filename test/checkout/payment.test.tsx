import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CompletedCheckout } from '../../src/checkout/api/CheckoutApi';
import { englishMessages as messages } from '../../src/checkout/i18n/completeMessages';
import { createMessage } from '../../src/protocol';
import {
  aCompletedCheckout,
  apiError,
  CHECKOUT_SESSION_ID,
  deferred,
  fieldDescription,
  fillValidForm,
  payButton,
  renderCheckout,
} from './renderCheckout';

async function renderFilledForm() {
  const rendered = renderCheckout();
  await screen.findByRole('heading', { name: 'Acme AI' });
  fillValidForm();
  return rendered;
}

describe('paying', () => {
  it('shows the success screen and tells the loader once', async () => {
    const { sentOfType } = await renderFilledForm();
    fireEvent.click(payButton());

    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(screen.getByText('You’re subscribed to Pro for $19.00 / month.')).toBeTruthy();
    expect(sentOfType('success')).toEqual([
      createMessage('success', {
        checkoutSessionId: CHECKOUT_SESSION_ID,
        connectionId: 'conn_1',
        checkoutMode: 'subscription',
        subscriptionId: 'sub_1',
        creditsAdded: '100.00',
      }),
    ]);
    expect(sentOfType('close')).toEqual([]);
  });

  it('passes on the subscription and the credit the server reports', async () => {
    const { api, sentOfType } = await renderFilledForm();
    api.complete.mockResolvedValueOnce({ ...aCompletedCheckout, subscription_id: 'sub_test_42', credits_added: '12.50' });
    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'Payment successful' });
    expect(sentOfType('success')).toMatchObject([{ subscriptionId: 'sub_test_42', creditsAdded: '12.50' }]);
  });

  it('asks the loader to close when the customer presses Done', async () => {
    const { sentOfType } = await renderFilledForm();
    fireEvent.click(payButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Done' }));
    expect(sentOfType('close')).toEqual([createMessage('close', {})]);
  });

  it('disables Pay while the payment runs, so a double click sends one request', async () => {
    const { api } = await renderFilledForm();
    const payment = deferred<CompletedCheckout>();
    api.complete.mockReturnValueOnce(payment.promise);

    const button = payButton();
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(payButton().hasAttribute('disabled')).toBe(true));
    expect(payButton().textContent).toBe('Processing…');
    fireEvent.click(payButton());

    payment.resolve(aCompletedCheckout);
    await screen.findByRole('heading', { name: 'Payment successful' });
    expect(api.complete).toHaveBeenCalledTimes(1);
  });

  it('sends one request when two submits land before the button re-renders', async () => {
    const { api } = await renderFilledForm();
    const form = payButton().closest('form')!;
    // Outside act(), so Preact hasn't re-rendered the disabled button between the two (Enter pressed twice fast).
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await screen.findByRole('heading', { name: 'Payment successful' });
    expect(api.complete).toHaveBeenCalledTimes(1);
  });

  it('shows the decline in an alert, keeps the form filled, and lets the customer retry', async () => {
    const { api, sentOfType } = await renderFilledForm();
    const decline = messages.declines.card_declined;
    api.complete.mockRejectedValueOnce(apiError(402, 'card_declined', 'Declined (server wording).'));

    fireEvent.click(payButton());

    expect((await screen.findByRole('alert')).textContent).toBe(decline);
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('jane@example.com');
    expect((screen.getByLabelText('Card number') as HTMLInputElement).value).toBe('4242 4242 4242 4242');
    expect(payButton().hasAttribute('disabled')).toBe(false);

    fireEvent.click(payButton());

    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(api.complete).toHaveBeenCalledTimes(2);
    expect(sentOfType('success')).toHaveLength(1);
  });

  it('shows a server validation error under the field it names', async () => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(400, 'validation_error', 'This card number is not valid.', 'card.number'));

    fireEvent.click(payButton());

    const cardNumber = screen.getByLabelText('Card number');
    await waitFor(() => expect(cardNumber.getAttribute('aria-invalid')).toBe('true'));
    expect(fieldDescription('Card number')).toContain('This card number is not valid.');
    expect(document.activeElement).toBe(cardNumber);
  });

  it('keeps the form and offers a retry when the payment request fails on the network', async () => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(0, 'network_error', 'TypeError: Failed to fetch'));

    fireEvent.click(payButton());

    expect((await screen.findByRole('alert')).textContent).toBe(messages.paymentUnreachable);
    expect(payButton().hasAttribute('disabled')).toBe(false);
  });

  it.each([
    [409, 'session_completed', 'This checkout is already complete'],
    [410, 'session_expired', 'This checkout has expired'],
  ] as const)('ends the checkout when paying gets HTTP %i', async (status, code, heading) => {
    const { api, sentOfType } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(status, code));

    fireEvent.click(payButton());

    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    expect(sentOfType('failure').map((m) => m.code)).toEqual([code]);
    expect(sentOfType('success')).toEqual([]);
  });
});
