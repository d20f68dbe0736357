import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { settleProcessingPayments } from '../checkout/settleProcessingPayments';
import { EXPIRY_BATCH, expireCheckoutSessions } from '../events/expireCheckoutSessions';
import { testProcessorForAll, type ProcessorFor } from '../payments/ProcessorFor';
import { purgeExpiredRateLimitCounters } from '../rateLimits/countRateLimitHit';
import { purgeExpiredIdempotencyKeys } from '../routes/idempotency';
import { RENEWAL_BATCH, renewDueSubscriptions } from '../renewals/renewDueSubscriptions';
import type { Database } from '../store/Database';
import { productionUrlPolicy, type WebhookUrlPolicy } from './checkWebhookUrl';
import { attemptDelivery, claimDueDeliveries, type DeliveryOptions } from './webhookDelivery';
import { RETRY_DELAYS_MS } from './retrySchedule';
import { sendWebhookRequest, type WebhookConnector } from './sendWebhookRequest';

export interface WebhookWorkerOptions {
  db: Database;
  /** Default: the system resolver, public addresses only. */
  urlPolicy?: WebhookUrlPolicy;
  /** Default: a real HTTP(S) request to the checked address. */
  connector?: WebhookConnector;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Waits between attempts; default `RETRY_DELAYS_MS` (the last about three days after the event). */
  retryDelaysMs?: readonly number[];
  /** How often to look for due deliveries when nothing woke the worker; default 1 s. */
  pollIntervalMs?: number;
  /** How often to record `checkout.expired` for sessions that passed their expiry, and drop idempotency keys past
   * their 24 hours and rate limit counters past their window; default 30 s. */
  sweepIntervalMs?: number;
  /** Deliveries attempted side by side; default 10. A slow endpoint holds one slot, not the others. */
  concurrency?: number;
  /** Who takes each merchant's payments: renewals, and checkout payments that settle later; default the test processor. */
  processorFor?: ProcessorFor;
  /** Reports a failed round (the store unreachable, say); the worker carries on at the next poll. */
  onError?: (error: unknown) => void;
}

export interface WebhookWorker {
  /** Looks for due deliveries now, as after a request that recorded events. */
  wake(): void;
  /** Stops claiming, and resolves once the attempts in flight are settled (at most one timeout). */
  stop(): Promise<void>;
}

/**
 * The server's one background worker, until `stop()`: it delivers webhooks, sweeps expired sessions and renews
 * subscriptions that fell due (issue 12). Any number of workers, in one process or on many machines sharing one
 * Postgres, can run at once: each claims what it sends (see `claimDueDeliveries`) and what it renews (see
 * `renewDueSubscriptions`) with SKIP LOCKED.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const delivery: DeliveryOptions = {
    db: options.db,
    workerId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    urlPolicy: options.urlPolicy ?? productionUrlPolicy,
    connector: options.connector ?? sendWebhookRequest,
    timeoutMs: options.timeoutMs ?? 10_000,
    retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
  };
  const { pollIntervalMs = 1000, sweepIntervalMs = 30_000, concurrency = 10, onError = reportError, processorFor = testProcessorForAll } = options;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let woken = false;
  let interrupt = () => {};
  let nextSweep = 0;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(resolve, ms);
      interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /**
   * One round: a batch of the sweep when it is due, a batch of the checkout payments that settle later (the customer
   * may be waiting on them), as many due deliveries as there are free slots (sent in the background), then a batch
   * of due renewals. True when the sweep, the deliveries or the renewals came back full, so more may be waiting; a
   * backlog of one thus never holds up the others for long. A step that fails (the store, a processor) is reported
   * and the others still run: no merchant's trouble stops another's webhooks or renewals.
   */
  async function work(): Promise<boolean> {
    const step = <T>(run: () => Promise<T>, otherwise: T) => run().catch((error: unknown) => (report(error), otherwise));
    await step(() => settleProcessingPayments(options.db, processorFor, { onError: report }), 0);
    const sweepFull = await step(sweep, false);
    const free = concurrency - inFlight.size;
    const claims = free === 0 ? [] : await step(() => claimDueDeliveries(delivery, free), []);
    for (const claim of claims) {
      const attempt = attemptDelivery(delivery, claim)
        .catch(report)
        .finally(() => {
          inFlight.delete(attempt);
          wake(); // a slot is free
        });
      inFlight.add(attempt);
    }
    const renewed = await step(() => renewDueSubscriptions({ db: options.db, processorFor, onError: report }), 0);
    return sweepFull || (free > 0 && claims.length === free) || renewed === RENEWAL_BATCH;
  }

  /** When due: expired sessions, then, once none is left, old idempotency keys and rate limit counters. True when full. */
  async function sweep(): Promise<boolean> {
    if (Date.now() < nextSweep) return false;
    if ((await expireCheckoutSessions(options.db)) === EXPIRY_BATCH) return true;
    await purgeExpiredIdempotencyKeys(options.db);
    await purgeExpiredRateLimitCounters(options.db);
    nextSweep = Date.now() + sweepIntervalMs;
    return false;
  }

  /** `onError`, kept from ending the loop should it throw itself. */
  function report(error: unknown) {
    try {
      onError(error);
    } catch {
      reportError(error);
    }
  }

  function wake() {
    woken = true;
    interrupt();
  }

  const running = (async () => {
    while (!stopping) {
      woken = false;
      let full = false;
      try {
        full = await work();
      } catch (error) {
        report(error);
      }
      if (!full) await pause(pollIntervalMs);
    }
    await Promise.all(inFlight);
  })();

  return {
    wake,
    async stop() {
      stopping = true;
      interrupt();
      await running;
    },
  };
}

function reportError(error: unknown) {
  // The message only: an error from the store or a request may quote what it was sent.
  console.error(`[till] webhook worker: ${error instanceof Error ? error.message : String(error)}`);
}
