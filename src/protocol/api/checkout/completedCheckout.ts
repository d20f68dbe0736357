import { z } from 'zod';
import { checkoutMode } from '../checkoutMode';
import { decimalAmount, objectId, timestamp } from '../fields';

/**
 * What `POST /api/checkout/complete` answers once the customer has paid. A retry with the same `Idempotency-Key`
 * answers the same again, without charging.
 */
export const completedCheckout = z
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

export type CompletedCheckout = z.infer<typeof completedCheckout>;
