import type { CheckoutMode } from '../../protocol';

export type BillingInterval = 'day' | 'week' | 'month' | 'year';

/** `GET /api/checkout/session`. Amounts are decimal strings so no cent is lost to floating point. */
export interface CheckoutSession {
  checkout_session_id: string;
  checkout_mode: CheckoutMode;
  status: 'open' | 'completed' | 'expired';
  merchant_name: string;
  /** An https or data: URL from the catalog, or null; the page's CSP allows exactly this source. */
  merchant_logo_url: string | null;
  /** The email is masked by the server; the app never sees the full address of a returning customer. */
  customer: null | { name: string; email: string };
  collects_identity: boolean;
  /** The merchant's prefill for a new customer (null for a returning one); either part may be missing. */
  prefill: null | { email: string | null; name: string | null };
  /** The prefilled email is shown read-only; the server refuses a completion with another. */
  lock_email: boolean;
  /** ISO 3166-1 alpha-2: the country the estimate's tax is for, or null when none was given yet. */
  country: string | null;
  plan: {
    name: string;
    billing_interval: BillingInterval;
    /** A period is this many intervals: 3 with `month` is "every 3 months". */
    interval_count: number;
    included_credit: string;
    subscription_config_id: string;
    /** The price per interval of one seat (or of the plan), before discount and tax. */
    price: string;
  };
  bundle: null | { name: string; credit_amount: string; price: string };
  /**
   * The merchant's price for the first payment (seed 003), for all seats, instead of the plan's; a bundle's `price`
   * is it already. Null otherwise. With one, the seats cannot change.
   */
  custom_amount: string | null;
  /** ISO 8601: a subscription that starts (and first charges) later, so nothing is due today (seed 002); or null. */
  start_date: string | null;
  /** ISO 8601: when a fixed-term subscription ends (seed 002); null when it renews until canceled. */
  end_date: string | null;
  amount_due: string;
  currency: string;
  connection_id: string | null;
  /** Where redirect display goes after paying and after cancelling; the server falls back on `origin_url`. */
  success_url: string;
  cancel_url: string;
  /** What completing charges today and, for a subscription, the next invoice; computed by the server only. */
  estimate: CheckoutEstimate;
  quantity: number;
  /** Present for a per-seat plan: the range the customer may choose seats in. */
  seat_limits: null | { min_quantity: number; max_quantity: number };
  /** Plans the customer may switch between; empty or one when there is no choice. */
  plan_options: PlanOption[];
  allows_promotion_codes: boolean;
  promotion: null | PromotionSummary;
  /** A returning customer's card on file, for paying in one step. */
  saved_card: null | { brand: string; last4: string };
  /** Credit bundles for a returning customer: the balance now and after this purchase. */
  credit_balance: string | null;
  credit_balance_after: string | null;
  /** The merchant's BCP 47 tag from session creation: the checkout's language unless the loader's option names one. */
  locale: string | null;
}

export interface CheckoutEstimate {
  tax_behavior: 'inclusive' | 'exclusive';
  /** The rate applied for the session's country; null when there is no country or it has no rate. */
  tax_rate: null | { country: string; percentage: number; display_name: string };
  due_today: { subtotal: string; discount: string; tax: string; total: string };
  /** ISO 8601 date of the next charge and its amount; null for a one-off purchase. */
  next_invoice: null | { date: string; amount: string };
}

export interface PlanOption {
  subscription_config_id: string;
  name: string;
  price: string;
  currency: string;
  billing_interval: BillingInterval;
  interval_count: number;
}

export interface PromotionSummary {
  code: string;
  /** One of the two is set: a percentage (20 for 20%), or a decimal amount in the session's currency. */
  percent_off: number | null;
  amount_off: string | null;
  /** `once` discounts the first payment, `forever` every renewal too, `repeating` the first `duration_in_intervals`. */
  duration: 'once' | 'forever' | 'repeating';
  duration_in_intervals?: number | null;
  /** False when the code does not discount the current plan, so the estimate is without it. */
  applies: boolean;
}

/** `PATCH /api/checkout/session`: the customer's choices; `promotion_code: null` removes the code. */
export interface CheckoutSessionUpdate {
  quantity?: number;
  subscription_config_id?: string;
  promotion_code?: string | null;
  /** ISO 3166-1 alpha-2; the tax, and so the total, follow it. */
  country?: string;
}

/** `POST /api/checkout/complete`; `customer` only when the session collects identity. */
export type CompleteCheckoutBody =
  | { customer?: { email: string; name: string; country?: string }; card: { number: string; exp_month: number; exp_year: number; cvc: string } }
  /** A returning customer pays with the card on file. */
  | { use_saved_card: true };

export interface CompletedCheckout {
  checkout_session_id: string;
  checkout_mode: CheckoutMode;
  connection_id: string;
  status: 'completed';
  completed_at: string;
  /** The subscription started; null for a credit bundle. */
  subscription_id: string | null;
  /** Credit added to the connection's balance, a decimal string ("10.00"). */
  credits_added: string;
}

/** What the app needs from the server; tests pass a fake, main.tsx passes `createCheckoutApi`. */
export interface CheckoutApi {
  getSession(): Promise<CheckoutSession>;
  /** Answers with the session's new view, prices included. */
  update(changes: CheckoutSessionUpdate): Promise<CheckoutSession>;
  /** `idempotencyKey` is sent as the `Idempotency-Key` header, so a retried attempt can never charge twice. */
  complete(body: CompleteCheckoutBody, idempotencyKey: string): Promise<CompletedCheckout>;
}
