import type { CheckoutNextAction } from '../protocol/api/checkout/completedCheckout';
import type { CheckoutApi, CheckoutSession, CompleteCheckoutBody, CompletedCheckout, PaymentAttempt } from './api/CheckoutApi';
import { CheckoutApiError, CheckoutApiErrorCode } from './api/CheckoutApiError';
import { createAttemptKeys } from './api/createAttemptKeys';
import type { Messages } from './i18n/messages';

/** How often a payment that is settling is asked after, at first. */
const CONFIRMING_POLL_MS = 1000;

/**
 * The wait before asking after a settling payment again, having asked `asked` times: a second for the first few,
 * while a card payment mostly settles, then twice as long each time up to half a minute, so a payment that takes
 * days (a bank debit) costs an open tab two requests a minute rather than sixty.
 */
export const confirmingPollDelay = (asked: number) => Math.min(CONFIRMING_POLL_MS * 2 ** Math.max(0, asked - 4), 30 * CONFIRMING_POLL_MS);

/**
 * Over the open form while a payment waits: the bank's challenge (the test processor's page, or Stripe.js's, which
 * draws its own over the page), or settling.
 */
export type Waiting = { name: 'challenge'; url: string; answered: () => void } | { name: 'stripe' } | { name: 'confirming' };

/** What a payment shows and says on its way, which the app draws. */
export interface PaymentView {
  /**
   * The session as the customer sees it: its processor, and its total (`amount_due`), which the server charges
   * exactly or refuses with `total_changed`.
   */
  session: Pick<CheckoutSession, 'processor' | 'amount_due'>;
  messages: Messages;
  /** What the payment waits on, over the form; null once it has an outcome. */
  wait(waiting: Waiting | null): void;
  /** The payment settles later: called once, the first time the server says so. */
  announcePending(): void;
}

export type Payer = ReturnType<typeof createPayer>;

/**
 * Takes the session's payments, one attempt after another, remembering across them what makes a retry the same
 * attempt: its idempotency key and, for a card in the frame's fields, the payment method the card became.
 */
export function createPayer(api: CheckoutApi) {
  const attemptKeys = createAttemptKeys();
  // The processor's payment method for each attempt's card: a retried attempt pays with the card it tokenized.
  const paymentMethods = new Map<string, string>();

  /** The card goes to the processor, and only the payment method id it answers with goes to Till's API. */
  async function toCompleteBody(attempt: Exclude<PaymentAttempt, { collectPaymentMethod: unknown }>, key: string): Promise<CompleteCheckoutBody> {
    if (!('card' in attempt)) return attempt;
    const paymentMethod = paymentMethods.get(key) ?? (await api.createPaymentMethod(attempt.card)).id;
    paymentMethods.set(key, paymentMethod);
    return attempt.customer ? { customer: attempt.customer, payment_method: paymentMethod } : { payment_method: paymentMethod };
  }

  /**
   * The attempt's body and key. A card in the processor's own fields (Stripe's) is unseen here, so each press of Pay
   * makes it a new payment method and a new attempt; the session's row lock still lets only one of them pay.
   */
  async function prepareAttempt(attempt: PaymentAttempt, messages: Messages): Promise<{ body: CompleteCheckoutBody; key: string }> {
    if ('collectPaymentMethod' in attempt) {
      const { customer, collectPaymentMethod } = attempt;
      const paymentMethod = await collectPaymentMethod(messages);
      const body = customer ? { customer, payment_method: paymentMethod } : { payment_method: paymentMethod };
      return { body, key: attemptKeys.keyFor(body) };
    }
    const key = attemptKeys.keyFor(attempt);
    return { body: await toCompleteBody(attempt, key), key };
  }

  /** The bank's challenge: the test processor's page in the frame, or Stripe.js's own (from the Stripe chunk). */
  async function authenticate(action: CheckoutNextAction, view: PaymentView) {
    if (action.type === 'challenge_page') {
      return new Promise<void>((answered) => view.wait({ name: 'challenge', url: action.url, answered }));
    }
    const { processor } = view.session;
    if (processor.name !== 'stripe') throw new CheckoutApiError(0, CheckoutApiErrorCode.UNEXPECTED_RESPONSE, action.type);
    view.wait({ name: 'stripe' });
    const { handleStripeNextAction } = await import('./stripe/mountPaymentElement');
    await handleStripeNextAction(processor.publishable_key, action.client_secret, view.messages);
  }

  /** Pays `attempt` until it has an outcome, which it answers with; a refusal or a failure rejects. */
  async function pay(attempt: PaymentAttempt, view: PaymentView): Promise<CompletedCheckout> {
    try {
      const { body: prepared, key } = await prepareAttempt(attempt, view.messages);
      const body = { ...prepared, expected_total: view.session.amount_due };
      let result = await api.complete(body, key);
      const handled = new Set<string>();
      let announced = false;
      let asked = 0;
      // Until the payment has an outcome: the customer answers their bank, or it settles; the same attempt again
      // then says how it ended.
      while (result.status !== 'completed') {
        if (result.status === 'requires_action') {
          const action = result.next_action;
          // Stripe.js answers once the customer is done, whatever they did: the same action again means it could not act.
          const handle = action.type === 'challenge_page' ? action.url : action.client_secret;
          if (handled.has(handle) && action.type === 'use_stripe_sdk') {
            throw new CheckoutApiError(0, CheckoutApiErrorCode.UNEXPECTED_RESPONSE, 'Stripe.js did not handle the next action');
          }
          handled.add(handle);
          await authenticate(action, view);
        } else {
          if (!announced) view.announcePending();
          announced = true;
          view.wait({ name: 'confirming' });
          await new Promise((wait) => setTimeout(wait, confirmingPollDelay(asked++)));
        }
        result = await api.complete(body, key);
      }
      attemptKeys.settle();
      return result;
    } catch (error) {
      // After no answer the same attempt may be retried with its key; after an answer, the next is a new one.
      if (!(error instanceof CheckoutApiError && error.isTransient)) attemptKeys.settle();
      throw error;
    } finally {
      view.wait(null);
    }
  }

  return { pay };
}
