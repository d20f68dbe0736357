import { TillApiError } from '../TillApiError';
import type { CreditBundleRow, SubscriptionConfigRow } from './catalogRows';

/**
 * Only a new checkout asks this: an archived plan or bundle starts none (seed 004: "Plan not found or inactive"),
 * while sessions opened before it was archived are still shown, changed and paid as they were.
 */
export function assertPlanActive(config: SubscriptionConfigRow, param: string) {
  if (!config.active) throw new TillApiError('plan_inactive', `The plan '${config.name}' is archived and starts no new checkout.`, param);
}

export function assertBundleActive(bundle: CreditBundleRow, param: string) {
  if (!bundle.active) {
    throw new TillApiError('credit_bundle_inactive', `The credit bundle '${bundle.name}' is archived and starts no new checkout.`, param);
  }
}
