import { toList, type Page } from '../pagination';
import type { Queryable } from '../store/Database';
import {
  CREDIT_BUNDLE_SELECT,
  serializeCreditBundle,
  serializeSubscriptionConfig,
  type CreditBundleRow,
  type SubscriptionConfigRow,
} from './catalogRows';

export async function listSubscriptionConfigs(db: Queryable, merchantId: string, { limit, cursor }: Page) {
  const configs = await db.query<SubscriptionConfigRow>(
    `SELECT * FROM subscription_configs
     WHERE merchant_id = $1 AND subscription_config_id > $2
     ORDER BY subscription_config_id LIMIT $3`,
    [merchantId, cursor ?? '', limit + 1],
  );
  const bundles = await db.query<CreditBundleRow>(
    `${CREDIT_BUNDLE_SELECT} WHERE b.subscription_config_id = ANY($1) ORDER BY b.credit_bundle_id`,
    [configs.map((c) => c.subscription_config_id)],
  );
  return toList(configs, limit, (c) => c.subscription_config_id, (page) =>
    page.map((config) => serializeSubscriptionConfig(config, bundles)),
  );
}

export async function listCreditBundles(db: Queryable, merchantId: string, { limit, cursor }: Page) {
  const bundles = await db.query<CreditBundleRow>(
    `${CREDIT_BUNDLE_SELECT}
     WHERE c.merchant_id = $1 AND b.credit_bundle_id > $2
     ORDER BY b.credit_bundle_id LIMIT $3`,
    [merchantId, cursor ?? '', limit + 1],
  );
  return toList(bundles, limit, (b) => b.credit_bundle_id, (page) => page.map(serializeCreditBundle));
}
