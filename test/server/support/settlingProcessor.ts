import type { ProcessorFor } from '../../../src/server/payments/ProcessorFor';
import { createTestProcessor, TEST_SETTLEMENT_MS } from '../../../src/server/payments/test/createTestProcessor';

export interface SettlingProcessor {
  /** The test processor, on a clock only `settle` moves, so a `processing` payment settles when the test says. */
  processorFor: ProcessorFor;
  /** Moves the processor's clock past the settlement delay: every payment processing until now is decided. */
  settle(): void;
  /**
   * While true, a payment that settles is declined (`insufficient_funds`) instead of succeeding: the test
   * processor's slow card always succeeds, and a bank transfer that bounces is what this stands for.
   */
  failSettlements: boolean;
}

/** The test processor whose slow card (`PROCESSING`) settles when the test moves its clock, as it decides. */
export function createSettlingProcessor(): SettlingProcessor {
  let clock = new Date();
  const settling: SettlingProcessor = {
    failSettlements: false,
    settle: () => {
      clock = new Date(clock.getTime() + TEST_SETTLEMENT_MS);
    },
    processorFor: async (_merchantId, store) => {
      const processor = createTestProcessor(store, () => clock);
      return {
        ...processor,
        async retrievePayment(id) {
          const payment = await processor.retrievePayment(id);
          return settling.failSettlements && payment.status === 'succeeded'
            ? { ...payment, status: 'declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds. Try another card.' }
            : payment;
        },
      };
    },
  };
  return settling;
}
