import type { Queryable } from '../store/Database';
import type { PaymentProcessor } from './PaymentProcessor';
import { createTestProcessor } from './test/createTestProcessor';

/**
 * The processor that takes a merchant's payments, working in `store`: the caller's transaction, so that the test
 * processor's books and Till's commit together.
 */
export type ProcessorFor = (merchantId: string, store: Queryable) => Promise<PaymentProcessor>;

/** Every merchant on the built-in test processor (the demo's and the tests' default). */
export const testProcessorForAll: ProcessorFor = async (_merchantId, store) => createTestProcessor(store);
