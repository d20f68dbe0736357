// Types only: the schemas are the server's to run, and `import type` keeps zod and them out of the app's bundle.
import type { CheckoutView } from '../../protocol/api/checkout/checkoutView';
import type { CheckoutUpdate } from '../../protocol/api/checkout/checkoutUpdate';
import type { CompleteCheckoutBody } from '../../protocol/api/checkout/completeCheckoutBody';
import type { CompleteCheckoutResult, CompletedCheckout } from '../../protocol/api/checkout/completedCheckout';
import type { CreateTestPaymentMethodBody, TestPaymentMethod } from '../../protocol/api/testPaymentMethods';
import type { Messages } from '../i18n/messages';

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
/** `POST /api/checkout/complete`: `customer` only when the session collects identity; `payment_method` or `use_saved_card`. */
export type { CompleteCheckoutBody, CompleteCheckoutResult, CompletedCheckout };
/** A card as the customer typed it, for the processor's tokenization only. */
export type CardInput = CreateTestPaymentMethodBody['card'];

/**
 * What the form submits: a new card with who is paying, or the card on file. The card goes to the processor,
 * which answers with a payment method id; only that id goes to Till's API. A card typed into the processor's own
 * fields (Stripe's Payment Element) never reaches the app: `collectPaymentMethod` has the processor make it a
 * payment method and answers with its id, or rejects with the processor's refusal in `messages`' words.
 */
export type PaymentAttempt =
  | { customer?: CompleteCheckoutBody['customer']; card: CardInput }
  | { customer?: CompleteCheckoutBody['customer']; collectPaymentMethod: (messages: Messages) => Promise<string> }
  | { use_saved_card: true };

/** What the app needs from the server; tests pass a fake, main.tsx passes `createCheckoutApi`. */
export interface CheckoutApi {
  getSession(): Promise<CheckoutSession>;
  /** Answers with the session's new view, prices included. */
  update(changes: CheckoutSessionUpdate): Promise<CheckoutSession>;
  /** The processor's tokenization (`POST /test-processor/payment_methods`): the card for a payment method id. */
  createPaymentMethod(card: CardInput): Promise<TestPaymentMethod>;
  /**
   * `idempotencyKey` is sent as the `Idempotency-Key` header, so a retried attempt can never charge twice; the same
   * attempt sent again after `requires_action` or `processing` says how the payment ended.
   */
  complete(body: CompleteCheckoutBody, idempotencyKey: string): Promise<CompleteCheckoutResult>;
}
