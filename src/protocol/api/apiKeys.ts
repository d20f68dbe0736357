import { z } from 'zod';
import { objectId, timestamp } from './fields';

/** `POST /v1/api_keys`: another key of the calling key's mode. */
export const createApiKeyBody = z.strictObject({
  description: z.string().trim().min(1).max(200).optional().describe('Your note about what the key is for, like "cron"; 1–200 characters.'),
});

const keyFields = {
  api_key_id: objectId('key').describe('The id of the key, `key_…`: not the secret.'),
  livemode: z.boolean().describe('Whether the key is of live mode (true) or test mode (false).'),
  prefix: z.enum(['sk_test', 'sk_live']).describe('How its secret begins.'),
  last4: z
    .string()
    .length(4)
    .nullable()
    .describe('The last four characters of its secret, to tell keys apart; null for a key made before Till kept them.'),
  mode: z.enum(['test', 'live']).describe('The mode whose objects it sees.'),
  description: z.string().nullable().describe('Your note about the key; null if none.'),
  created_at: timestamp.describe('When the key was made.'),
  last_used_at: timestamp.nullable().describe('When it last made a request, to the minute; null if never.'),
  revoked_at: timestamp.nullable().describe('When it was revoked; null while it works.'),
};

/** A key as lists show it: never the secret, which exists only in the answer that made it. */
export const apiKey = z.strictObject(keyFields).meta({ id: 'ApiKey', description: 'A secret API key, without its secret.' });

export const newApiKey = z
  .strictObject({
    ...keyFields,
    secret: z
      .string()
      .regex(/^sk_(?:test|live)_\S+$/)
      .describe('The key itself, `sk_test_…` or `sk_live_…`: shown only in this response, so keep it now.'),
  })
  .meta({ id: 'NewApiKey', description: 'An API key just made, with its secret.' });

export type ApiKey = z.output<typeof apiKey>;
export type NewApiKey = z.output<typeof newApiKey>;
