import { z } from 'zod';
import { EVENT_TYPES } from './events';
import { objectId, timestamp } from './fields';
import { pageQuery } from './lists';

/** `GET /v1/webhook_endpoints/{id}/deliveries`. */
export const listWebhookAttemptsQuery = pageQuery.extend({
  event_id: z.string().min(1).max(100).optional().describe("Only the attempts to deliver this event."),
});

/** One attempt to deliver an event to an endpoint, as its delivery log shows it. */
export const webhookAttempt = z
  .strictObject({
    attempt_id: objectId('wha').describe('The id of the attempt, `wha_…`.'),
    livemode: z.boolean().describe('Whether it belongs to live mode (true) or test mode (false).'),
    event_id: objectId('evt').describe('The event sent.'),
    event_type: z.enum(EVENT_TYPES).describe("The event's type."),
    attempt: z.number().int().min(1).describe("Which attempt this was for the event: 1 for the first."),
    status: z.enum(['succeeded', 'failed']).describe('`succeeded` if the endpoint answered 2xx in time; `failed` otherwise.'),
    response_status: z.number().int().nullable().describe("The endpoint's HTTP status; null if it did not answer."),
    response_body: z.string().nullable().describe("The start of the endpoint's answer (1 KB at most); null if it did not answer."),
    error: z.string().nullable().describe('What went wrong (a timeout, a refused connection, a refused address); null if it answered.'),
    duration_ms: z.number().int().min(0).describe('How long the attempt took, in milliseconds.'),
    next_retry_at: timestamp.nullable().describe('When the next attempt is due; null if none follows.'),
    created_at: timestamp.describe('When the attempt was made.'),
  })
  .meta({ id: 'WebhookAttempt', description: 'One attempt to deliver an event to a webhook endpoint.' });

export type WebhookAttempt = z.output<typeof webhookAttempt>;
