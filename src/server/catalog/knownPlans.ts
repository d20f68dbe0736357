import type { SubscriptionConfigRow } from './catalogRows';

/**
 * A plan's row with its version: Postgres's `xmin`, the transaction that wrote this version of the row. Every
 * UPDATE writes a new version with a new `xmin`, so an equal version is an unchanged row.
 */
export type VersionedPlan = SubscriptionConfigRow & { version: string };

/** A bound on what a catalog with very many plans can make this hold. */
const MAX_PLANS = 10_000;

/**
 * Plans this server has lately started checkouts for, so that the next checkout of the same plan does not wait on
 * the store to read it first (issue 13: one round trip of the two a creation made; on the embedded store every query
 * queues on one connection). Unlike the API key cache (`verifiedKeys`) there is no TTL, because no kept row is
 * trusted alone:
 * 1. A checkout priced from a kept row is inserted only if the plan's row in the store still has the kept version,
 *    which the INSERT itself checks. If the plan was changed or archived since, by this process or another on the
 *    same Postgres, nothing is inserted and the checkout is made again from a fresh read, as without the cache.
 * 2. A refusal that a kept row led to (archived, another currency, seats out of range) is made again from a fresh
 *    read, so a plan brought back by another process is not refused from memory.
 * 3. Only a fresh read is kept; a plan that is gone is never kept.
 * One cache per store (per app), so stores in one process (tests) never answer for each other.
 */
export function knownPlanCache() {
  const plans = new Map<string, VersionedPlan>();
  const keyOf = (merchantId: string, planId: string) => `${merchantId} ${planId}`;
  return {
    get(merchantId: string, planId: string): VersionedPlan | null {
      return plans.get(keyOf(merchantId, planId)) ?? null;
    },
    remember(plan: VersionedPlan): void {
      if (plans.size >= MAX_PLANS) plans.clear();
      plans.set(keyOf(plan.merchant_id, plan.subscription_config_id), plan);
    },
  };
}

export type KnownPlans = ReturnType<typeof knownPlanCache>;
