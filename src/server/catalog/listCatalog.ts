import type { Queryable } from '../store/Database';
import {
  CREDIT_BUNDLE_SELECT,
  serializeCreditBundle,
  serializeSubscriptionConfig,
  type CreditBundleRow,
  type SubscriptionConfigRow,
} from './catalogRows';

export interface Page {
  limit: number;
  /** The last id of the previous page; ids sort by creation time. */
  cursor?: string;
}

export interface List<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/** Fetches one more row than asked for, to know whether another page exists without counting. */
function toList<Row, T>(rows: Row[], limit: number, idOf: (row: Row) => string, serialize: (rows: Row[]) => T[]): List<T> {
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  return { data: serialize(page), has_more: hasMore, next_cursor: hasMore && last ? idOf(last) : null };
}

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
