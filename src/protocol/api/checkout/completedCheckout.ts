import { z } from 'zod';
import { checkoutMode } from '../checkoutMode';
import { decimalAmount, objectId, timestamp } from '../fields';

/**
 * What `POST /api/checkout/complete` answers once the customer has paid. A retry with the same `Idempotency-Key`
 * answers the same again, without charging.
 */
const completed = z
  .strictObject({
    checkout_session_id: objectId('cs').describe('The session’s id.'),
    checkout_mode: checkoutMode.describe('What was bought: a subscription, or a credit bundle.'),
    connection_id: objectId('con').describe('The customer’s connection: new, found by email, or the one the merchant named.'),
    status: z.literal('completed').describe('Always `completed`.'),
    completed_at: timestamp.describe('When the customer paid.'),
    subscription_id: objectId('sub').nullable().describe('The subscription started (or scheduled, for a later start); null for a credit bundle.'),
    credits_added: decimalAmount.describe('Credit added to the connection’s balance ("10.00").'),
  })
  .meta({ id: 'CheckoutCompleted', description: 'The completed checkout: who paid, and what it started.' });

/**
 * How the customer confirms the payment with their bank: the test processor's challenge page, shown in the frame;
 * or, for Stripe, the PaymentIntent's client secret for Stripe.js's `handleNextAction`, which shows the bank's
 * challenge itself. The client secret goes to the session's own frame only, in this answer to its secret.
 */
const nextAction = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('challenge_page').describe('Show `url` in the frame.'),
      url: z.string().describe('The challenge page, on the checkout’s origin.'),
    }),
    z.strictObject({
      type: z.literal('use_stripe_sdk').describe('Call Stripe.js’s `handleNextAction` with `client_secret`.'),
      client_secret: z
        .string()
        .regex(/^(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/)
        .describe(
          'The client secret of the Stripe PaymentIntent, or of the SetupIntent that saves the card when nothing is due today: it lets ' +
            'Stripe.js act on this one payment, nothing else.',
        ),
    }),
  ])
  .describe('Where, or how, the customer confirms the payment.');

/**
 * The customer's bank asks them to confirm the payment (3-D Secure): the app shows the challenge (`next_action`)
 * in the frame, then sends the same request again, with the same `Idempotency-Key`, to learn how it ended.
 */
const requiresAction = z
  .strictObject({
    checkout_session_id: objectId('cs').describe('The session’s id.'),
    status: z.literal('requires_action').describe('Always `requires_action`.'),
    next_action: nextAction,
  })
  .meta({ id: 'CheckoutRequiresAction', description: 'The payment waits for the customer to confirm it with their bank.' });

/** The processor accepted the payment and settles it later; the same request again tells of the outcome. */
const processing = z
  .strictObject({
    checkout_session_id: objectId('cs').describe('The session’s id.'),
    status: z.literal('processing').describe('Always `processing`.'),
  })
  .meta({ id: 'CheckoutProcessing', description: 'The payment is being confirmed.' });

export const completedCheckout = z
  .discriminatedUnion('status', [completed, requiresAction, processing])
  .meta({ id: 'CheckoutCompleteResult', description: 'Paid, or waiting for the customer’s bank or for the payment to settle.' });

export type CompleteCheckoutResult = z.infer<typeof completedCheckout>;
export type CompletedCheckout = z.infer<typeof completed>;
export type CheckoutNextAction = z.infer<typeof nextAction>;
