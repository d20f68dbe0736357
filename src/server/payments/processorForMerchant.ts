import type { PaymentProcessor } from './PaymentProcessor';
import { findProcessorCredentials, newestKeysOfAccount, stripeKeysOf } from './processorCredentials';
import type { ProcessorFor } from './ProcessorFor';
import { currentTakerOf, findProcessorSettings } from './processorSettings';
import { createStripeProcessor, type StripeProcessorOptions } from './stripe/createStripeProcessor';
import { createTestProcessor } from './test/createTestProcessor';

export interface ProcessorForMerchantOptions {
  /** `TILL_ENCRYPTION_KEY`: to read the Stripe keys of the merchants that use Stripe. */
  encryptionKey: Buffer | undefined;
  /** Another Stripe API (the tests' fake); Stripe's own by default. */
  stripeApi?: StripeProcessorOptions['api'];
}

/** Enough Stripe clients for the merchants paying at any moment; the oldest is dropped past it. */
const MAX_CLIENTS = 500;

/**
 * Each merchant's own processor: Stripe with the keys a merchant row chose, the built-in test processor for every
 * other, and for a payment already taken, the processor and the Stripe account that took it, with the newest keys
 * the merchant saved for that account (`newestKeysOfAccount`): a rolled secret key stops working, and the payments
 * the old one took are still to be settled and refunded. The settings are read on each new payment, so a change
 * applies to the next one. A set of keys never changes (`processor_credentials`), so a Stripe client is kept per set.
 */
export function processorForMerchant({ encryptionKey, stripeApi }: ProcessorForMerchantOptions): ProcessorFor {
  const clients = new Map<string, PaymentProcessor>();
  return async (merchantId, store, takenBy) => {
    const { processor, processor_credentials_id: takenWith } = takenBy ?? currentTakerOf(await findProcessorSettings(store, merchantId));
    if (processor === 'test') return createTestProcessor(store);
    // A Stripe payment made before migration 027 by keys the merchant had already replaced: 017 kept no copy of them.
    if (!takenWith) throw new Error(`The merchant ${merchantId} no longer has the Stripe keys that took this payment.`);
    const credentialsId = takenBy ? ((await newestKeysOfAccount(store, merchantId, takenWith)) ?? takenWith) : takenWith;
    const cacheKey = `${merchantId}:${credentialsId}`;
    let client = clients.get(cacheKey);
    if (!client) {
      const credentials = await findProcessorCredentials(store, merchantId, credentialsId);
      if (!credentials) throw new Error(`The merchant ${merchantId} has no Stripe keys ${credentialsId}.`);
      client = await createStripeProcessor({ secretKey: stripeKeysOf(credentials, encryptionKey).secretKey, api: stripeApi, credentialsId });
      if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
      clients.set(cacheKey, client);
    }
    return client;
  };
}
