import { z } from 'zod';
import { timestamp } from './fields';

/** Stripe's keys and secrets: a prefix that says what they are, then printable characters without spaces. */
const stripeKey = (pattern: string, what: string) => z.string().trim().regex(new RegExp(`^${pattern}[\\x21-\\x7e]{8,240}$`), `must be ${what}`);

/** `POST /v1/processor_settings`: who takes this mode's payments from now on. */
export const setProcessorSettingsBody = z.discriminatedUnion('processor', [
  z.strictObject({
    processor: z.literal('test').describe('The built-in test processor: Stripe’s test cards, no money moves.'),
  }),
  z.strictObject({
    processor: z.literal('stripe').describe('Your Stripe account, with the keys of this mode (`sk_test_…` with a test key, `sk_live_…` with a live one).'),
    secret_key: stripeKey('(?:sk|rk)_(?:test|live)_', 'a Stripe secret key, sk_… or rk_…').describe(
      'Your Stripe secret (or restricted) key. Stored encrypted; never shown again, only its last four characters.',
    ),
    publishable_key: stripeKey('pk_(?:test|live)_', 'a Stripe publishable key, pk_…').describe('Your Stripe publishable key, of the same mode.'),
    webhook_secret: stripeKey('whsec_', 'a Stripe webhook signing secret, whsec_…').describe(
      'The signing secret of the Stripe webhook endpoint you made for `stripe.webhook_url`. Stored encrypted; never shown again.',
    ),
  }),
]);

export const processorSettings = z
  .strictObject({
    processor: z.enum(['test', 'stripe']).describe('Who takes the payments of this mode: `test` (the built-in test processor) or `stripe`.'),
    livemode: z.boolean().describe('Whether these are the settings of live mode (true) or test mode (false).'),
    stripe: z
      .strictObject({
        secret_key_last4: z.string().length(4).describe('The last four characters of the secret key, to tell keys apart.'),
        publishable_key: z.string().describe('The publishable key.'),
        webhook_url: z
          .string()
          .describe(
            'Where Stripe must send this mode’s events (`payment_intent.succeeded`, `payment_intent.payment_failed`, ' +
              '`setup_intent.succeeded`, `setup_intent.setup_failed`).',
          ),
      })
      .nullable()
      .describe('The Stripe account’s settings, without its secrets; null with the test processor.'),
    updated_at: timestamp.nullable().describe('When the processor was last chosen; null if never (the test processor).'),
  })
  .meta({ id: 'ProcessorSettings', description: 'Who takes the payments of one mode, without any secret.' });

export type SetProcessorSettingsBody = z.output<typeof setProcessorSettingsBody>;
export type ProcessorSettings = z.output<typeof processorSettings>;
