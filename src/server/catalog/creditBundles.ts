import { createId } from '../ids';
import { modeOf } from '../modes';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { assertPriceNotInUse } from './assertPriceNotInUse';
import { CREDIT_BUNDLE_SELECT, serializeCreditBundle, type CreditBundleRow } from './catalogRows';
import { parseCatalogAmount, parseCreditAmount } from './parseCatalogAmount';
import { findSubscriptionConfig } from './subscriptionConfigs';
import { createCreditBundleBody, updateCreditBundleBody } from '../../protocol/api/creditBundles';

/** What a checkout charges and gives, in the order a refusal names them: everything but `name` and `active`. */
const PRICE_FIELDS = ['subscription_config_id', 'cost', 'credit_amount'] as const;

async function findCreditBundle(db: Queryable, merchantId: string, id: string, { lock = false } = {}) {
  const [row] = await db.query<CreditBundleRow>(
    `${CREDIT_BUNDLE_SELECT} WHERE b.credit_bundle_id = $1 AND c.merchant_id = $2${lock ? ' FOR UPDATE OF b' : ''}`,
    [id, merchantId],
  );
  if (!row) throw new TillApiError('resource_missing', `No credit bundle with id '${id}'.`, 'id');
  return row;
}

/**
 * `POST /v1/credit_bundles`: a credit pack offered to subscribers of one of the merchant's plans (another
 * merchant's plan is a 404, as if it did not exist), priced in that plan's currency.
 */
export async function createCreditBundle(db: Queryable, merchantId: string, body: unknown) {
  const input = parseInput(createCreditBundleBody, body);
  const plan = await findSubscriptionConfig(db, merchantId, input.subscription_config_id, { param: 'subscription_config_id' });
  const cost = parseCatalogAmount(input.cost, plan.currency, 'cost');
  const creditAmount = parseCreditAmount(input.credit_amount, 'credit_amount', { positive: true });
  const bundleId = createId('cb', modeOf(merchantId));
  await db.query(
    'INSERT INTO credit_bundles (credit_bundle_id, subscription_config_id, name, cost, credit_amount, active) VALUES ($1, $2, $3, $4, $5, $6)',
    [bundleId, plan.subscription_config_id, input.name, cost, creditAmount, input.active],
  );
  return serializeCreditBundle(await findCreditBundle(db, merchantId, bundleId));
}

export async function getCreditBundle(db: Queryable, merchantId: string, id: string) {
  return serializeCreditBundle(await findCreditBundle(db, merchantId, id));
}

/**
 * `PATCH /v1/credit_bundles/:id`. `name` and `active` always change; the plan, cost and credit only while no
 * checkout session uses the bundle (`price_in_use`). Moving it to a plan in another currency needs the cost in
 * that currency too, since the stored minor units would otherwise mean another amount.
 */
export async function updateCreditBundle(db: Database, merchantId: string, id: string, body: unknown) {
  const input = parseInput(updateCreditBundleBody, body);
  return db.transaction(async (tx) => {
    const current = await findCreditBundle(tx, merchantId, id, { lock: true });
    const plan =
      input.subscription_config_id === undefined
        ? null
        : await findSubscriptionConfig(tx, merchantId, input.subscription_config_id, { param: 'subscription_config_id' });
    const currency = plan?.currency ?? current.currency;
    if (currency !== current.currency && input.cost === undefined) {
      throw new TillApiError('validation_error', `Send 'cost' in ${currency}, the new plan's currency, together with 'subscription_config_id'.`, 'cost');
    }
    const next = {
      subscription_config_id: plan?.subscription_config_id ?? current.subscription_config_id,
      name: input.name ?? current.name,
      cost: input.cost === undefined ? current.cost : parseCatalogAmount(input.cost, currency, 'cost'),
      credit_amount: input.credit_amount === undefined ? current.credit_amount : parseCreditAmount(input.credit_amount, 'credit_amount', { positive: true }),
      active: input.active ?? current.active,
    };
    const changed = PRICE_FIELDS.find((field) => next[field] !== current[field]) ?? null;
    await assertPriceNotInUse(tx, merchantId, { creditBundleId: id }, changed);
    await tx.query(
      'UPDATE credit_bundles SET subscription_config_id = $2, name = $3, cost = $4, credit_amount = $5, active = $6 WHERE credit_bundle_id = $1',
      [id, next.subscription_config_id, next.name, next.cost, next.credit_amount, next.active],
    );
    return serializeCreditBundle(await findCreditBundle(tx, merchantId, id));
  });
}
