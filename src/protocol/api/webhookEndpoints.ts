import { z } from 'zod';
import { EVENT_TYPES } from './events';
import { objectId, redirectUrl, timestamp } from './fields';

/** An absolute http(s) URL without credentials, as redirect URLs are; a fragment would never be sent. */
const webhookUrl = redirectUrl.refine((value) => !value.includes('#'), 'must not have a #fragment');

const eventTypeOrAll = z.enum(['*', ...EVENT_TYPES]);

const enabledEvents = z
  .array(eventTypeOrAll)
  .min(1, "must name at least one event type, or be ['*'] for all")
  .refine((types) => new Set(types).size === types.length, 'must not repeat an event type')
  .refine((types) => !types.includes('*') || types.length === 1, "must be ['*'] alone, or a list of event types");

const description = z.string().trim().max(500);

const urlDescription =
  'Where webhooks are sent: an https URL whose host resolves only to public addresses (http and loopback too in development), without a #fragment.';

/** `POST /v1/webhook_endpoints`. */
export const createWebhookEndpointBody = z.strictObject({
  url: webhookUrl.describe(urlDescription),
  enabled_events: enabledEvents.describe('The event types to send, each at most once; `["*"]` for all.'),
  description: description.optional().describe('Your note about the endpoint, at most 500 characters.'),
});

/** `PATCH /v1/webhook_endpoints/{id}`: only what is sent changes. */
export const updateWebhookEndpointBody = z.strictObject({
  url: webhookUrl.optional().describe(urlDescription),
  enabled_events: enabledEvents.optional().describe('The event types to send, each at most once; `["*"]` for all.'),
  description: description.nullable().optional().describe('Your note about the endpoint; `null` removes it.'),
  /** Re-enabling an endpoint that was disabled for failing gives it a fresh start. */
  disabled: z
    .boolean()
    .optional()
    .describe('true disables the endpoint; false enables it again, with a fresh start if it was disabled for failing.'),
});

const endpointFields = {
  webhook_endpoint_id: objectId('we').describe('The id of the endpoint, `we_…`.'),
  url: z.string().describe('Where webhooks are sent.'),
  description: z.string().nullable().describe('Your note about the endpoint; null if none.'),
  enabled_events: z.array(eventTypeOrAll).describe('The event types sent to it; `["*"]` for all.'),
  status: z.enum(['enabled', 'disabled']).describe('Whether webhooks are sent to it.'),
  disabled_reason: z
    .string()
    .nullable()
    .describe('Why it is disabled: by you, or every attempt failing for days (with the last error); null while enabled.'),
  livemode: z.boolean().describe('Whether it receives the events of live mode (true) or test mode (false).'),
  created_at: timestamp.describe('When the endpoint was created.'),
};

/** A Standard Webhooks secret: `whsec_` and a base64 key. */
const secret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/)
  .describe('The signing secret, `whsec_…`: shown only in this response, so keep it now.');

export const webhookEndpoint = z
  .strictObject(endpointFields)
  .meta({ id: 'WebhookEndpoint', description: 'A URL of yours that receives signed webhooks for chosen event types.' });

/** The answer that made the endpoint: the only one, with rotation's, that shows its secret. */
export const newWebhookEndpoint = z
  .strictObject({ ...endpointFields, secret })
  .meta({ id: 'NewWebhookEndpoint', description: 'A webhook endpoint just created, with its signing secret.' });

export const rotatedWebhookEndpoint = z
  .strictObject({
    ...endpointFields,
    secret,
    previous_secret_expires_at: timestamp.describe('Until when the previous secret still signs webhooks beside the new one: 24 hours.'),
  })
  .meta({ id: 'RotatedWebhookEndpoint', description: 'A webhook endpoint with its new signing secret.' });

export const deletedWebhookEndpoint = z
  .strictObject({
    webhook_endpoint_id: objectId('we').describe('The id of the endpoint deleted.'),
    deleted: z.literal(true).describe('Always true.'),
  })
  .meta({ id: 'DeletedWebhookEndpoint', description: 'A webhook endpoint deleted, with its delivery log; its events stay.' });

export type WebhookEndpoint = z.output<typeof webhookEndpoint>;
export type NewWebhookEndpoint = z.output<typeof newWebhookEndpoint>;
export type RotatedWebhookEndpoint = z.output<typeof rotatedWebhookEndpoint>;
export type DeletedWebhookEndpoint = z.output<typeof deletedWebhookEndpoint>;
