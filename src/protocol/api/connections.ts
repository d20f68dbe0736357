import { z } from 'zod';
import { decimalAmount, objectId, timestamp } from './fields';
import { pageQuery } from './lists';
import { subscription } from './subscriptions';

/** `GET /v1/connections`. */
export const listConnectionsQuery = pageQuery.extend({
  /** The customer's address, matched exactly but without case, as checkout matches a returning customer. */
  email: z.string().trim().min(1).max(254).optional().describe('Only the customer with this email address, matched exactly but in any case.'),
});

/**
 * A connection (a customer of the merchant) as the merchant API returns it, alone, in lists and in
 * `connection.created` events. Of the card, nothing.
 */
export const connection = z
  .strictObject({
    connection_id: objectId('con').describe('The id of the customer, `con_…`.'),
    livemode: z.boolean().describe('Whether the customer belongs to live mode (true) or test mode (false).'),
    customer: z
      .strictObject({
        email: z.string().describe("The customer's email address."),
        name: z.string().describe("The customer's name."),
      })
      .describe('Who the customer is, as they gave it at checkout.'),
    subscription: subscription
      .nullable()
      .describe('The current subscription: the newest active one, else the newest scheduled to start; null when there is none.'),
    credit_balance: decimalAmount.describe('The credits the customer holds, a decimal string.'),
    created_at: timestamp.describe('When the customer first paid.'),
  })
  .meta({ id: 'Connection', description: 'A customer: who they are, their current subscription and their credit balance.' });

export type Connection = z.output<typeof connection>;
