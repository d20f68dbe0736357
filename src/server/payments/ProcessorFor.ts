import type { Queryable } from '../store/Database';
import type { PaymentProcessor } from './PaymentProcessor';
import { createTestProcessor } from './test/createTestProcessor';

/**
 * Who took a payment, as `payments` and `invoices` record it: the processor, and for Stripe the merchant's set of
 * keys (`processor_credentials`) it was taken with.
 */
export interface PaymentTakenBy {
  processor: 'test' | 'stripe';
  processor_credentials_id: string | null;
}

/**
 * The processor of a merchant's payment, working in `store`: the caller's transaction, so that the test processor's
 * books and Till's commit together. `takenBy` names an existing payment's: it is looked up (retrieved, canceled,
 * refunded) where it was taken, whatever the merchant uses now, or it would never settle. Null asks for the
 * merchant's current processor, which takes a new payment.
 */
export type ProcessorFor = (merchantId: string, store: Queryable, takenBy: PaymentTakenBy | null) => Promise<PaymentProcessor>;

/** Every merchant on the built-in test processor (the demo's and the tests' default). */
export const testProcessorForAll: ProcessorFor = async (_merchantId, store) => createTestProcessor(store);
