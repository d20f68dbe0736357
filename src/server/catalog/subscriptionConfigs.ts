import type { z } from 'zod';
import { createId } from '../ids';
import { modeOf } from '../modes';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { MAX_QUANTITY } from '../../protocol/api/checkoutSessions';
import { createSubscriptionConfigBody, updateSubscriptionConfigBody } from '../../protocol/api/subscriptionConfigs';
import { assertPriceNotInUse } from './assertPriceNotInUse';
import { checkBillingPeriod } from './billingPeriod';
import { CREDIT_BUNDLE_SELECT, serializeSubscriptionConfig, type CreditBundleRow, type SubscriptionConfigRow } from './catalogRows';
import { parseCatalogAmount, parseCreditAmount } from './parseCatalogAmount';

type PlanValues = Pick<
  SubscriptionConfigRow,
  | 'name' | 'period_amount' | 'currency' | 'billing_interval' | 'interval_count' | 'included_credit' | 'tax_behavior'
  | 'seat_based' | 'min_quantity' | 'max_quantity' | 'active'
>;

/** What a checkout charges, in the order a refusal names them: everything but `name` and `active`. */
const PRICE_FIELDS = [
  'period_amount', 'currency', 'billing_interval', 'interval_count', 'included_credit', 'tax_behavior',
  'seat_based', 'min_quantity', 'max_quantity',
] as const satisfies readonly (keyof PlanValues)[];

type SeatInput = { min_quantity?: number; max_quantity?: number };

/**
 * The seat range: a plan that is not per seat sells exactly one; a per-seat plan keeps its range unless told
 * otherwise, and one that just became per seat starts at 1–10,000 (any session's cap).
 */
function seatRange(seatBased: boolean, sent: SeatInput, current: SubscriptionConfigRow | null) {
  if (!seatBased) {
    for (const param of ['min_quantity', 'max_quantity'] as const) {
      if (sent[param] !== undefined && sent[param] !== 1) {
        throw new TillApiError('validation_error', `'${param}' applies only to per-seat plans (seat_based: true).`, param);
      }
    }
    return { min_quantity: 1, max_quantity: 1 };
  }
  const wasSeatBased = current?.seat_based ?? false;
  const min = sent.min_quantity ?? (wasSeatBased ? current!.min_quantity : 1);
  const max = sent.max_quantity ?? (wasSeatBased ? current!.max_quantity : MAX_QUANTITY);
  if (min > max) {
    const param = sent.max_quantity !== undefined ? 'max_quantity' : 'min_quantity';
    throw new TillApiError('validation_error', `'min_quantity' (${min}) must not be more than 'max_quantity' (${max}).`, param);
  }
  return { min_quantity: min, max_quantity: max };
}

export async function findSubscriptionConfig(db: Queryable, merchantId: string, id: string, { lock = false, param = 'id' } = {}) {
  const [row] = await db.query<SubscriptionConfigRow>(
    `SELECT * FROM subscription_configs WHERE subscription_config_id = $1 AND merchant_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, merchantId],
  );
  if (!row) throw new TillApiError('resource_missing', `No subscription config with id '${id}'.`, param);
  return row;
}

async function withBundles(db: Queryable, row: SubscriptionConfigRow) {
  const bundles = await db.query<CreditBundleRow>(`${CREDIT_BUNDLE_SELECT} WHERE b.subscription_config_id = $1 ORDER BY b.credit_bundle_id`, [
    row.subscription_config_id,
  ]);
  return serializeSubscriptionConfig(row, bundles);
}

/** `POST /v1/subscription_configs`: a plan, active unless told otherwise. */
export async function createSubscriptionConfig(db: Queryable, merchantId: string, body: unknown) {
  const input = parseInput(createSubscriptionConfigBody, body);
  const intervalCount = input.interval_count ?? 1;
  checkBillingPeriod(input.billing_interval, intervalCount, 'interval_count');
  const plan: PlanValues = {
    name: input.name,
    period_amount: parseCatalogAmount(input.period_amount, input.currency, 'period_amount'),
    currency: input.currency,
    billing_interval: input.billing_interval,
    interval_count: intervalCount,
    included_credit: parseCreditAmount(input.included_credit, 'included_credit'),
    tax_behavior: input.tax_behavior,
    seat_based: input.seat_based,
    ...seatRange(input.seat_based, input, null),
    active: input.active,
  };
  const [row] = await db.query<SubscriptionConfigRow>(
    `INSERT INTO subscription_configs
       (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, interval_count,
        included_credit, tax_behavior, seat_based, min_quantity, max_quantity, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
    [createId('sc', modeOf(merchantId)), merchantId, plan.name, plan.period_amount, plan.currency, plan.billing_interval, plan.interval_count,
      plan.included_credit, plan.tax_behavior, plan.seat_based, plan.min_quantity, plan.max_quantity, plan.active],
  );
  return serializeSubscriptionConfig(row!, []);
}

export async function getSubscriptionConfig(db: Queryable, merchantId: string, id: string) {
  return withBundles(db, await findSubscriptionConfig(db, merchantId, id));
}

/**
 * The plan as it would be after `input`. A new currency comes with the price in it (the stored minor units would
 * otherwise mean another amount), and only on a plan without credit bundles, whose costs are in its currency.
 */
async function applyPlanChanges(db: Queryable, current: SubscriptionConfigRow, input: z.infer<typeof updateSubscriptionConfigBody>): Promise<PlanValues> {
  const currency = input.currency ?? current.currency;
  if (currency !== current.currency) {
    if (input.period_amount === undefined) {
      throw new TillApiError('validation_error', "Send 'period_amount' in the new currency together with 'currency'.", 'period_amount');
    }
    const [bundle] = await db.query('SELECT 1 FROM credit_bundles WHERE subscription_config_id = $1 LIMIT 1', [current.subscription_config_id]);
    if (bundle) {
      throw new TillApiError('validation_error', "The currency of a plan with credit bundles cannot change: their costs are in it.", 'currency');
    }
  }
  const billingInterval = input.billing_interval ?? current.billing_interval;
  const intervalCount = input.interval_count ?? current.interval_count;
  checkBillingPeriod(billingInterval, intervalCount, input.interval_count !== undefined ? 'interval_count' : 'billing_interval');
  const seatBased = input.seat_based ?? current.seat_based;
  return {
    name: input.name ?? current.name,
    period_amount: input.period_amount === undefined ? current.period_amount : parseCatalogAmount(input.period_amount, currency, 'period_amount'),
    currency,
    billing_interval: billingInterval,
    interval_count: intervalCount,
    included_credit: input.included_credit === undefined ? current.included_credit : parseCreditAmount(input.included_credit, 'included_credit'),
    tax_behavior: input.tax_behavior ?? current.tax_behavior,
    seat_based: seatBased,
    ...seatRange(seatBased, input, current),
    active: input.active ?? current.active,
  };
}

/**
 * `PATCH /v1/subscription_configs/:id`. `name` and `active` always change; a price field only while no checkout
 * session uses the plan (`price_in_use`), under the plan's row lock.
 */
export async function updateSubscriptionConfig(db: Database, merchantId: string, id: string, body: unknown) {
  const input = parseInput(updateSubscriptionConfigBody, body);
  return db.transaction(async (tx) => {
    const current = await findSubscriptionConfig(tx, merchantId, id, { lock: true });
    const plan = await applyPlanChanges(tx, current, input);
    const changed = PRICE_FIELDS.find((field) => plan[field] !== current[field]) ?? null;
    await assertPriceNotInUse(tx, merchantId, { subscriptionConfigId: id }, changed);
    const [row] = await tx.query<SubscriptionConfigRow>(
      `UPDATE subscription_configs SET name = $2, period_amount = $3, currency = $4, billing_interval = $5, interval_count = $6,
         included_credit = $7, tax_behavior = $8, seat_based = $9, min_quantity = $10, max_quantity = $11, active = $12
       WHERE subscription_config_id = $1 RETURNING *`,
      [id, plan.name, plan.period_amount, plan.currency, plan.billing_interval, plan.interval_count, plan.included_credit,
        plan.tax_behavior, plan.seat_based, plan.min_quantity, plan.max_quantity, plan.active],
    );
    return withBundles(tx, row!);
  });
}
