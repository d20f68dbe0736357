import type { PaymentProcessor } from './PaymentProcessor';
import type { ProcessorFor } from './ProcessorFor';
import { findProcessorSettings, stripeKeysOf } from './processorSettings';
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
 * Each merchant's own processor: Stripe for a merchant row that chose it (`merchant_processors`), the built-in
 * test processor for every other. The settings are read on each payment, so a change applies to the next one;
 * a Stripe client is kept per sealed key, so a new key is a new client and the old one is never used again.
 */
export function processorForMerchant({ encryptionKey, stripeApi }: ProcessorForMerchantOptions): ProcessorFor {
  const clients = new Map<string, PaymentProcessor>();
  return async (merchantId, store) => {
    const settings = await findProcessorSettings(store, merchantId);
    if (settings?.processor !== 'stripe') return createTestProcessor(store);
    const cacheKey = `${merchantId}:${settings.stripe_secret_key_sealed}`;
    let processor = clients.get(cacheKey);
    if (!processor) {
      const { secretKey } = stripeKeysOf(settings, encryptionKey)!;
      processor = await createStripeProcessor({ secretKey, api: stripeApi });
      if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
      clients.set(cacheKey, processor);
    }
    return processor;
  };
}
