import type Stripe from 'stripe';
import { DECLINE_CODES } from '../../../protocol/api/apiErrors';
import { paymentCardBrand } from '../../../protocol/api/paymentCardBrand';
import type { Mode } from '../../modes';
import { TillApiError, type DeclineCode } from '../../TillApiError';
import type { CardSummary, PaymentProcessor, PaymentRequest, ProcessorPayment } from '../PaymentProcessor';
import { DECLINE_MESSAGES } from '../test/testCards';
import { loadStripe } from './loadStripe';

export interface StripeProcessorOptions {
  /** The merchant's secret key, `sk_test_…` or `sk_live_…` (a restricted `rk_…` key works too). */
  secretKey: string;
  /** Another Stripe API to talk to (the tests' local fake); Stripe's own by default. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
  /** The store's id of these keys (`processor_credentials`); none for keys the store does not hold. */
  credentialsId?: string;
}

/** The mode a Stripe key works in: its objects live in that mode of the Stripe account only. */
export function stripeKeyMode(key: string): Mode {
  return /^(sk|rk|pk)_live_/.test(key) ? 'live' : 'test';
}

const EXPAND = ['payment_method'];

/** Stripe's decline and error codes, in Till's words: the few Till tells apart, and `card_declined` for the rest. */
export function toDeclineCode(code: string | null | undefined, declineCode: string | null | undefined): DeclineCode {
  // The customer failed or left 3-D Secure: Stripe's code for it, in Till's word for every unconfirmed payment.
  if (code === 'payment_intent_authentication_failure' || code === 'setup_intent_authentication_failure') return 'authentication_required';
  for (const candidate of [declineCode, code]) {
    if (candidate && (DECLINE_CODES as readonly string[]).includes(candidate) && candidate !== 'live_payments_unavailable') {
      return candidate as DeclineCode;
    }
  }
  return 'card_declined';
}

function cardOf(method: string | Stripe.PaymentMethod | null | undefined): CardSummary {
  const card = typeof method === 'object' && method ? method.card : null;
  if (!card) throw new Error('The Stripe payment has no card: Till takes card payments only.');
  const { id } = method as Stripe.PaymentMethod;
  const brand = paymentCardBrand.safeParse(card.brand);
  return { brand: brand.success ? brand.data : 'unknown', last4: card.last4, exp_month: card.exp_month, exp_year: card.exp_year, id };
}

function declined(id: string, card: CardSummary, code: string | null | undefined, declineCode: string | null | undefined): ProcessorPayment {
  const till = toDeclineCode(code, declineCode);
  return { id, card, status: 'declined', declineCode: till, message: DECLINE_MESSAGES[till] };
}

/** Why the intent's last confirmation failed: a SetupIntent keeps it under a name of its own. */
const lastErrorOf = (intent: Stripe.PaymentIntent | Stripe.SetupIntent) =>
  intent.object === 'setup_intent' ? intent.last_setup_error : intent.last_payment_error;

/**
 * A PaymentIntent, or the SetupIntent of a payment of nothing, as Till's seam sees it. Created with `confirm: true`
 * and automatic capture, it never waits for Till.
 */
export function toProcessorPayment(intent: Stripe.PaymentIntent | Stripe.SetupIntent): ProcessorPayment {
  const lastError = lastErrorOf(intent);
  const card = cardOf(intent.payment_method ?? lastError?.payment_method);
  const { id } = intent;
  switch (intent.status) {
    case 'succeeded':
      return { id, card, status: 'succeeded' };
    case 'processing':
      return { id, card, status: 'processing' };
    // Confirmed without a return_url, a card's 3-D Secure is `use_stripe_sdk`: the frame's Stripe.js shows the
    // bank's challenge itself (`handleNextAction`) with the client secret, in the frame, for the redirect display too.
    case 'requires_action': {
      if (intent.next_action?.type !== 'use_stripe_sdk' || !intent.client_secret) {
        throw new Error(`Stripe asked for '${intent.next_action?.type}' on ${id}, which Till cannot show: it handles use_stripe_sdk only.`);
      }
      return { id, card, status: 'requires_action', action: { type: 'use_stripe_sdk', clientSecret: intent.client_secret } };
    }
    // Stripe puts a declined PaymentIntent back to wait for another card, with the reason in `last_payment_error`;
    // Till's payment is over then: the customer's next attempt is a new payment.
    case 'requires_payment_method':
      return declined(id, card, lastError?.code ?? 'card_declined', lastError?.decline_code);
    // Given up: the customer left the challenge for another card, or failed it.
    case 'canceled':
      return declined(id, card, 'authentication_required', null);
    default:
      throw new Error(`Stripe's ${intent.object} ${id} is '${intent.status}', which Till never asks for.`);
  }
}

/** A card declined when confirming: Stripe answers 402 with the PaymentIntent (or SetupIntent), declined, inside the error. */
function declinedByError(errors: typeof Stripe.errors, error: unknown): ProcessorPayment {
  const intent = error instanceof errors.StripeCardError ? (error.payment_intent ?? error.setup_intent) : undefined;
  if (!intent) throw error;
  const { code, decline_code, payment_method } = error as Stripe.errors.StripeCardError;
  const lastError = lastErrorOf(intent);
  return declined(intent.id, cardOf(payment_method ?? lastError?.payment_method ?? intent.payment_method), code, decline_code);
}

/**
 * What Stripe refuses in a payment as a request (its 400s), in Till's words, so the caller answers a 4xx and not a
 * 500: a total under Stripe's smallest charge for its currency, or a payment method this account does not know (a
 * stale or forged id) or cannot use. Anything else is unexpected, and thrown as it is.
 */
function refusedPayment(errors: typeof Stripe.errors, error: unknown): never {
  if (error instanceof errors.StripeInvalidRequestError) {
    if (error.code === 'amount_too_small' || error.param === 'amount') {
      throw new TillApiError('invalid_request', 'This total is below the smallest amount the merchant’s processor can charge.', 'amount');
    }
    if (error.param === 'payment_method' || error.code === 'resource_missing' || error.code?.startsWith('payment_method_')) {
      throw new TillApiError('validation_error', 'This card could not be read. Enter it again.', 'payment_method');
    }
  }
  throw error;
}

/**
 * The `stripe` processor: Till's payment seam over Stripe's PaymentIntents, with the official library. Each call
 * that moves money passes Till's idempotency key as Stripe's, so a retry (the library's own, or Till's after a
 * crash) answers with the first PaymentIntent instead of charging again.
 *
 * A card saved for renewals belongs to a Stripe Customer (Stripe refuses off-session charges of a card that is
 * not), so a payment that saves its card makes one for a card that has none, and an off-session charge finds it
 * through the card; Till keeps no Stripe object of its own.
 */
export async function createStripeProcessor({ secretKey, api, credentialsId }: StripeProcessorOptions): Promise<PaymentProcessor> {
  const Stripe = await loadStripe();
  const stripe = new Stripe(secretKey, { ...api, maxNetworkRetries: 2, telemetry: false, appInfo: { name: 'Till' } });
  const mode = stripeKeyMode(secretKey);
  const declinedBy = (error: unknown) => {
    try {
      return declinedByError(Stripe.errors, error);
    } catch (notDeclined) {
      return refusedPayment(Stripe.errors, notDeclined);
    }
  };

  function checkMode(request: PaymentRequest) {
    // A live checkout paid with a test key would complete without charging anyone, and the reverse charge for real.
    if (request.livemode !== (mode === 'live')) {
      throw new Error(`A ${request.livemode ? 'live' : 'test'} payment cannot go through a Stripe ${mode} key.`);
    }
  }

  async function customerOf(paymentMethodId: string): Promise<string | null> {
    const { customer } = await stripe.paymentMethods.retrieve(paymentMethodId).catch((error) => refusedPayment(Stripe.errors, error));
    return typeof customer === 'string' ? customer : (customer?.id ?? null);
  }

  // A payment of nothing is a SetupIntent (`seti_…`): Stripe charges no PaymentIntent under its smallest amount.
  const intentsOf = (id: string) => (id.startsWith('seti_') ? stripe.setupIntents : stripe.paymentIntents);

  async function retrievePayment(id: string) {
    return toProcessorPayment(await intentsOf(id).retrieve(id, { expand: EXPAND }));
  }

  return {
    name: 'stripe',
    credentialsId: credentialsId ?? null,
    async confirmPayment(request) {
      checkMode(request);
      // The customer this attempt makes for a new card; the same one again on its retry, by the same key.
      const ownCustomer = async () => (await stripe.customers.create({}, { idempotencyKey: `${request.idempotencyKey}:customer` })).id;
      let customer = await customerOf(request.paymentMethodId);
      if (!customer && request.savePaymentMethod) customer = await ownCustomer();
      // A card already saved to a Stripe customer is paid with as the paying customer's own saved card, or as this
      // attempt's (its retry once the card was saved): another customer's card, its id however learned, never is.
      else if (customer && !request.savedCard && customer !== (await ownCustomer())) {
        throw new TillApiError('validation_error', 'This card could not be read. Enter it again.', 'payment_method');
      }
      // Nothing due today (a later start, a code that takes it all): the card is saved for the renewals, and checked by
      // the bank where it asks (3-D Secure), without a charge.
      if (request.amount === 0) {
        return stripe.setupIntents
          .create(
            {
              payment_method: request.paymentMethodId,
              allowed_payment_method_types: ['card'],
              ...(customer ? { customer } : {}),
              usage: 'off_session',
              confirm: true,
              expand: EXPAND,
            },
            { idempotencyKey: request.idempotencyKey },
          )
          .then(toProcessorPayment, declinedBy);
      }
      return stripe.paymentIntents
        .create(
          {
            amount: request.amount,
            currency: request.currency.toLowerCase(),
            payment_method: request.paymentMethodId,
            allowed_payment_method_types: ['card'],
            ...(customer ? { customer } : {}),
            ...(request.savePaymentMethod ? { setup_future_usage: 'off_session' } : {}),
            // No return_url: Stripe then answers 3-D Secure with `use_stripe_sdk`, which the frame's Stripe.js shows
            // in place (a card never needs to leave the page), instead of a redirect the frame would have to follow.
            confirm: true,
            expand: EXPAND,
          },
          { idempotencyKey: request.idempotencyKey },
        )
        .then(toProcessorPayment, declinedBy);
    },
    async chargeOffSession(request) {
      checkMode(request);
      const customer = await customerOf(request.paymentMethodId);
      if (!customer) throw new Error(`The card ${request.paymentMethodId} was never saved to a Stripe customer, so it cannot be charged off session.`);
      return stripe.paymentIntents
        .create(
          {
            amount: request.amount,
            currency: request.currency.toLowerCase(),
            payment_method: request.paymentMethodId,
            allowed_payment_method_types: ['card'],
            customer,
            off_session: true,
            confirm: true,
            expand: EXPAND,
          },
          { idempotencyKey: request.idempotencyKey },
        )
        .then(toProcessorPayment, declinedBy);
    },
    retrievePayment,
    async cancelPayment(id) {
      try {
        return toProcessorPayment(await intentsOf(id).cancel(id, { expand: EXPAND }));
      } catch (error) {
        // It succeeded (the customer answered the challenge meanwhile) or was canceled already: answer as it stands.
        const unexpected = ['payment_intent_unexpected_state', 'setup_intent_unexpected_state'];
        if (error instanceof Stripe.errors.StripeInvalidRequestError && unexpected.includes(error.code!)) return retrievePayment(id);
        throw error;
      }
    },
    async refund({ idempotencyKey, paymentId, amount }) {
      try {
        const refund = await stripe.refunds.create({ payment_intent: paymentId, amount }, { idempotencyKey });
        return { id: refund.id, amount: refund.amount };
      } catch (error) {
        // Refunded in Stripe's dashboard already, in part or whole, or disputed: Stripe says what, to the merchant.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new TillApiError('payment_not_refundable', `Stripe refused the refund: ${(error.raw as { message?: string }).message ?? error.code}`, 'amount');
        }
        throw error;
      }
    },
  };
}
