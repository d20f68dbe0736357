// Types only: the schemas are the server's to run, and `import type` keeps zod and them out of the app's bundle.
import type { CheckoutView } from '../../protocol/api/checkout/checkoutView';
import type { CheckoutUpdate } from '../../protocol/api/checkout/checkoutUpdate';
import type { CompleteCheckoutBody } from '../../protocol/api/checkout/completeCheckoutBody';
import type { CompletedCheckout } from '../../protocol/api/checkout/completedCheckout';

/**
 * The checkout app's view of its own API (`src/protocol/api/checkoutRoutes.ts`), under the names the app uses:
 * the server validates with the same schemas and its tests judge every answer by them, so these cannot drift from
 * what the server sends.
 */

/** `GET /api/checkout/session`. Amounts are decimal strings so no cent is lost to floating point. */
export type CheckoutSession = CheckoutView;
/** What completing charges today and, for a subscription, the next invoice; computed by the server only. */
export type CheckoutEstimate = CheckoutView['estimate'];
export type PlanOption = CheckoutView['plan_options'][number];
export type PromotionSummary = NonNullable<CheckoutView['promotion']>;
export type BillingInterval = CheckoutView['plan']['billing_interval'];
/** `PATCH /api/checkout/session`: the customer's choices; `promotion_code: null` removes the code. */
export type CheckoutSessionUpdate = CheckoutUpdate;
/** `POST /api/checkout/complete`: `customer` only when the session collects identity; `card` or `use_saved_card`. */
export type { CompleteCheckoutBody, CompletedCheckout };

/** What the app needs from the server; tests pass a fake, main.tsx passes `createCheckoutApi`. */
export interface CheckoutApi {
  getSession(): Promise<CheckoutSession>;
  /** Answers with the session's new view, prices included. */
  update(changes: CheckoutSessionUpdate): Promise<CheckoutSession>;
  /** `idempotencyKey` is sent as the `Idempotency-Key` header, so a retried attempt can never charge twice. */
  complete(body: CompleteCheckoutBody, idempotencyKey: string): Promise<CompletedCheckout>;
}
