import type { ProcessorFor } from '../ProcessorFor';

/**
 * For the renewal durability test only (test/server/renewalDurability.test.ts): the process kills itself with
 * SIGKILL as soon as the processor has answered its `count`-th off-session charge, while the renewal's transaction
 * is still open. That is the most costly moment for a crash: charged, and nothing of it committed. `startTill`
 * installs it when `TILL_TEST_KILL_AFTER_OFF_SESSION_CHARGES` is set, in development mode only.
 */
export function killAfterOffSessionCharges(processorFor: ProcessorFor, count: number): ProcessorFor {
  let charges = 0;
  return async (merchantId, store, takenBy) => {
    const processor = await processorFor(merchantId, store, takenBy);
    return {
      ...processor,
      async chargeOffSession(request) {
        const payment = await processor.chargeOffSession(request);
        if (++charges >= count) process.kill(process.pid, 'SIGKILL');
        return payment;
      },
    };
  };
}
