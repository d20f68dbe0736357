import type { Queryable } from '../store/Database';
import { newestKeysOfAccount } from './processorCredentials';
import type { PaymentTakenBy } from './ProcessorFor';

/**
 * Who saved a card, as a connection or a subscription keeps it beside the card's id (migration 028): only that
 * processor, and for Stripe only the account of those keys, can charge the id. Both null: unknown, a card no
 * recorded payment saved; `stripe` without keys: keys that 017 forgot, so no processor can charge it.
 */
export interface SavedCardOwner {
  payment_method_processor: 'test' | 'stripe' | null;
  payment_method_credentials_id: string | null;
}

/** The columns of `SavedCardOwner` for who took the payment that saved the card. */
export const savedCardOwner = (takenBy: PaymentTakenBy): SavedCardOwner => ({
  payment_method_processor: takenBy.processor,
  payment_method_credentials_id: takenBy.processor_credentials_id,
});

/**
 * Whether `taker` (the merchant's processor for a new payment) charges the card: the owner's account, with the
 * newest keys the merchant saved for it, is the taker's. An unknown owner is taken to be the current processor, as
 * before migration 028 every card was.
 */
export async function takesSavedCard(store: Queryable, merchantId: string, taker: PaymentTakenBy, owner: SavedCardOwner): Promise<boolean> {
  const charger = chargerOfSavedCard(owner);
  if (charger === null) return true;
  const credentialsId = charger.processor_credentials_id && (await newestKeysOfAccount(store, merchantId, charger.processor_credentials_id));
  return charger.processor === taker.processor && credentialsId === taker.processor_credentials_id;
}

/**
 * The processor that charges the card, for `ProcessorFor`: its owner, whatever the merchant uses now, so an old
 * account keeps charging its subscribers until they give another card (`ProcessorFor` asks that account with the
 * newest keys saved for it); null (the current processor) when the owner is unknown.
 */
export function chargerOfSavedCard(owner: SavedCardOwner): PaymentTakenBy | null {
  const { payment_method_processor: processor, payment_method_credentials_id: credentialsId } = owner;
  return processor === null ? null : { processor, processor_credentials_id: credentialsId };
}

/** Saved with Stripe keys the store no longer has (replaced before migration 027): nothing can charge it. */
export const ownerForgotten = (owner: SavedCardOwner): boolean =>
  owner.payment_method_processor === 'stripe' && owner.payment_method_credentials_id === null;
