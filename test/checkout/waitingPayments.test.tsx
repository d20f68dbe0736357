import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { apiError, aSession, fillValidForm, payButton, renderCheckout, renderOpenCheckout } from './renderCheckout';
import { englishMessages } from '../../src/checkout/i18n/completeMessages';

const SESSION_ID = 'cs_test_01KK2ZZZZZZZZZZZZZZZZZZZZZ';
const requiresAction = { checkout_session_id: SESSION_ID, status: 'requires_action', next_action: { type: 'challenge_page', url: '/test-processor/authenticate/pi_test_1' } } as const;
const processing = { checkout_session_id: SESSION_ID, status: 'processing' } as const;

async function payWithFilledForm() {
  const rendered = await renderOpenCheckout(aSession());
  fillValidForm();
  return rendered;
}

/**
 * What the test processor's page does once the customer has answered: it loads marked with the result. (happy-dom
 * loads no frames, so the frame is given that page's document; the browser tests answer a real one.)
 */
function answerChallenge(frame: HTMLIFrameElement) {
  const answered = document.implementation.createHTMLDocument('Done');
  answered.body.innerHTML = '<p data-challenge-result="succeeded">Returning to the checkout…</p>';
  Object.defineProperty(frame, 'contentDocument', { value: answered, configurable: true });
  fireEvent.load(frame);
}

describe('a payment the bank asks the customer to confirm', () => {
  it('shows the challenge over an inert form, then asks again with the same attempt and shows success', async () => {
    const { api, steps } = await payWithFilledForm();
    api.complete.mockResolvedValueOnce(requiresAction);
    fireEvent.click(payButton());

    const frame = (await screen.findByTitle('Confirm the payment with your bank')) as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe('/test-processor/authenticate/pi_test_1');
    expect(payButton().closest('[inert]')).not.toBeNull();
    expect(steps().at(-1)).toBe('processing');

    fireEvent.load(frame); // the challenge itself has loaded: nothing is answered yet
    expect(api.complete).toHaveBeenCalledTimes(1);

    answerChallenge(frame);
    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    const [first, second] = api.complete.mock.calls;
    expect(second).toStrictEqual(first); // the same body and Idempotency-Key: the same attempt
    expect(api.createPaymentMethod).toHaveBeenCalledTimes(1);
    expect(screen.queryByTitle('Confirm the payment with your bank')).toBeNull();
  });

  it('shows the decline when the customer fails the challenge, and the form takes another card', async () => {
    const { api } = await payWithFilledForm();
    api.complete
      .mockResolvedValueOnce(requiresAction)
      .mockRejectedValueOnce(apiError(402, 'card_declined', 'x', 'payment_method', 'authentication_required'));
    fireEvent.click(payButton());
    answerChallenge((await screen.findByTitle('Confirm the payment with your bank')) as HTMLIFrameElement);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your bank asked you to confirm this payment, and it was not confirmed. Try again or use another card.',
    );
    expect(screen.queryByTitle('Confirm the payment with your bank')).toBeNull();
    expect(payButton().closest('[inert]')).toBeNull();
  });
});

describe('a payment that settles later', () => {
  it('says it is being confirmed, asks again until it has an outcome, then shows success', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { api } = await payWithFilledForm();
      api.complete.mockResolvedValueOnce(processing).mockResolvedValueOnce(processing);
      fireEvent.click(payButton());
      expect((await screen.findByText(/Your payment is being confirmed/)).getAttribute('role')).toBe('status');
      expect(payButton().closest('[inert]')).not.toBeNull();
      await vi.advanceTimersByTimeAsync(2000);
      await waitFor(() => expect(api.complete).toHaveBeenCalledTimes(3));
      expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
      expect(new Set(api.complete.mock.calls.map((call) => call[1])).size).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks less often the longer it settles, down to twice a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { api } = await payWithFilledForm();
      api.complete.mockResolvedValue(processing);
      fireEvent.click(payButton());
      await screen.findByText(/Your payment is being confirmed/);
      await vi.advanceTimersByTimeAsync(5_000);
      const firstSeconds = api.complete.mock.calls.length;
      expect(firstSeconds).toBeGreaterThanOrEqual(5);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      // Every second, 600 more; here the first few, then 2, 4, 8 and 16 s, then 30 s apart.
      const tenMinutes = api.complete.mock.calls.length - firstSeconds;
      expect(tenMinutes).toBeGreaterThanOrEqual(18);
      expect(tenMinutes).toBeLessThanOrEqual(25);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the pending outcome', () => {
  it('tells the loader once that the payment is pending, and lets it close, while it waits for the outcome', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { api, sentOfType, steps } = await payWithFilledForm();
      api.complete.mockResolvedValueOnce(processing).mockResolvedValueOnce(processing).mockResolvedValueOnce(processing);
      fireEvent.click(payButton());
      await screen.findByText(/Your payment is being confirmed/);
      await vi.advanceTimersByTimeAsync(2500);
      await waitFor(() => expect(api.complete).toHaveBeenCalledTimes(4));
      expect(sentOfType('pending')).toHaveLength(1);
      expect(steps()).toContain('ended');
    } finally {
      vi.useRealTimers();
    }
  });

  it('goes to the session’s pending_url in redirect display', async () => {
    const { api, location } = await renderOpenCheckout(aSession({ pending_url: 'https://shop.example/pending' }), { mode: 'redirect' });
    fillValidForm();
    api.complete.mockResolvedValue(processing);
    fireEvent.click(payButton());
    await waitFor(() => expect(location.assign).toHaveBeenCalledTimes(1));
    expect(new URL(location.assign.mock.calls[0]![0]).pathname).toBe('/pending');
  });

  describe('reopened while it settles', () => {
    /** The app reopened on a settling payment, whose session the server then answers with `later`, one a second. */
    async function reopen(...later: Array<ReturnType<typeof aSession> | Error>) {
      const rendered = renderCheckout(aSession({ status: 'processing' }));
      await screen.findByText(/Your payment is being confirmed/);
      for (const answer of later) {
        answer instanceof Error ? rendered.api.getSession.mockRejectedValueOnce(answer) : rendered.api.getSession.mockResolvedValueOnce(answer);
      }
      await vi.advanceTimersByTimeAsync(1000 * later.length);
      return rendered;
    }

    it('asks again each second until the payment has settled, then shows its success', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        const { api, sentOfType } = await reopen(aSession({ status: 'processing' }), apiError(0, 'network_error', 'offline'), aSession({ status: 'completed' }));
        expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
        expect(api.getSession).toHaveBeenCalledTimes(4);
        // The loader heard its one outcome, pending, when the app reopened.
        expect(sentOfType('pending')).toHaveLength(1);
        expect(sentOfType('success')).toHaveLength(0);
        await vi.advanceTimersByTimeAsync(3000);
        expect(api.getSession).toHaveBeenCalledTimes(4);
      } finally {
        vi.useRealTimers();
      }
    });

    it('shows the form again, saying why the card was declined, when the payment was declined as it settled', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        const { steps } = await reopen(aSession({ status: 'open', last_decline_code: 'insufficient_funds' }));
        expect((await screen.findByRole('alert')).textContent).toBe(englishMessages.declines.insufficient_funds);
        expect(payButton().hasAttribute('disabled')).toBe(false);
        expect(steps().at(-1)).toBe('payment');
      } finally {
        vi.useRealTimers();
      }
    });

    it('says the card was declined when the server does not say why', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        await reopen(aSession({ status: 'open' }));
        expect((await screen.findByRole('alert')).textContent).toBe('Your card was declined. Try another card.');
      } finally {
        vi.useRealTimers();
      }
    });

    it('asks less often the longer it settles, down to twice a minute', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        const { api } = await reopen();
        api.getSession.mockResolvedValue(aSession({ status: 'processing' }));
        await vi.advanceTimersByTimeAsync(10 * 60_000);
        expect(api.getSession.mock.calls.length).toBeGreaterThanOrEqual(20);
        expect(api.getSession.mock.calls.length).toBeLessThanOrEqual(30);
      } finally {
        vi.useRealTimers();
      }
    });

    it('shows the end of a session that expired meanwhile, and asks no more', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        const { api } = await reopen(apiError(410, 'session_expired', 'The checkout session has expired.'));
        expect(await screen.findByRole('heading', { name: 'This checkout has expired' })).toBeTruthy();
        await vi.advanceTimersByTimeAsync(3000);
        expect(api.getSession).toHaveBeenCalledTimes(2);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('says the payment is being confirmed when reopened while it settles, and tells the loader it is pending', async () => {
    const { sentOfType } = renderCheckout(aSession({ status: 'processing' }));
    expect(await screen.findByRole('heading', { name: 'Processing…' })).toBeTruthy();
    expect(screen.getByText(/Your payment is being confirmed/)).toBeTruthy();
    expect(sentOfType('pending')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /^Pay / })).toBeNull();
  });
});
