import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { englishLaterMessages } from '../../src/checkout/i18n/englishLaterMessages';
import { messages } from '../../src/checkout/i18n/messages';
import { apiError, aSession, fillFields, fillValidForm, payButton, renderOpenCheckout } from './renderCheckout';

async function renderFilledForm() {
  const rendered = await renderOpenCheckout(aSession());
  fillValidForm();
  return rendered;
}

const keysSent = (calls: unknown[][]) => calls.map((call) => call[1]);

describe('declines', () => {
  it.each([
    ['insufficient_funds', 'Your card has insufficient funds. Try another card.'],
    ['expired_card', 'Your card has expired. Try another card.'],
    ['card_declined', 'Your card was declined. Try another card.'],
    [null, 'Your card was declined. Try another card.'],
    ['do_not_honor', 'Your card was declined. Try another card.'],
  ])('says in words why the card was declined (%s)', async (declineCode, sentence) => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(402, 'card_declined', 'server text', 'card.number', declineCode));
    fireEvent.click(payButton());
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
  });

  it('shows the new total when it changed before Pay, and charges it only on the next press, keeping the card', async () => {
    const { api } = await renderFilledForm();
    const raised = aSession({ amount_due: '21.00' });
    api.complete.mockRejectedValueOnce(apiError(409, 'total_changed', 'server text', 'expected_total'));
    api.update.mockResolvedValue(raised);
    fireEvent.click(payButton());

    expect((await screen.findByRole('alert')).textContent).toBe(englishLaterMessages.serverErrors.total_changed);
    expect(await screen.findByRole('button', { name: 'Pay $21.00' })).toBeTruthy();
    expect(api.complete).toHaveBeenCalledTimes(1);
    expect(api.complete.mock.calls[0]![0]).toMatchObject({ expected_total: aSession().amount_due });

    fireEvent.click(payButton());
    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(api.complete.mock.calls[1]![0]).toMatchObject({ payment_method: expect.any(String), expected_total: raised.amount_due });
  });

  it('takes another card after a decline', async () => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(402, 'card_declined', 'x', 'card.number', 'expired_card'));
    fireEvent.click(payButton());
    await screen.findByRole('alert');

    fillFields({ 'Card number': '4242 4242 4242 4242' });
    fireEvent.click(payButton());
    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('idempotency keys', () => {
  it('sends a new key with each payment attempt after a decline', async () => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(402, 'card_declined', 'x', 'card.number', 'card_declined'));
    fireEvent.click(payButton());
    await screen.findByRole('alert');
    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'Payment successful' });

    const [first, second] = keysSent(api.complete.mock.calls);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });

  it('reuses the key when the same payment is retried after a network error', async () => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(0, 'network_error', 'Failed to fetch'));
    fireEvent.click(payButton());
    expect((await screen.findByRole('alert')).textContent).toBe(messages.paymentUnreachable);
    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'Payment successful' });

    const [first, second] = keysSent(api.complete.mock.calls);
    expect(second).toBe(first);
  });

  it('uses a new key when the card changed after a network error, as that is another attempt', async () => {
    const { api } = await renderFilledForm();
    api.complete.mockRejectedValueOnce(apiError(0, 'network_error', 'Failed to fetch'));
    fireEvent.click(payButton());
    await screen.findByRole('alert');
    fillFields({ 'Card number': '5555 5555 5555 4444' });
    fireEvent.click(payButton());
    await screen.findByRole('heading', { name: 'Payment successful' });

    const [first, second] = keysSent(api.complete.mock.calls);
    expect(second).not.toBe(first);
  });
});
