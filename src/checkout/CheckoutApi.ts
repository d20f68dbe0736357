import type { CheckoutMode } from '../protocol';

export type BillingInterval = 'day' | 'week' | 'month' | 'year';

/** `GET /api/checkout/session`. Amounts are decimal strings so no cent is lost to floating point. */
export interface CheckoutSession {
  checkout_session_id: string;
  checkout_mode: CheckoutMode;
  status: 'open' | 'completed' | 'expired';
  merchant_name: string;
  /** The email is masked by the server; the app never sees the full address of a returning customer. */
  customer: null | { name: string; email: string };
  collects_identity: boolean;
  plan: { name: string; billing_interval: BillingInterval; included_credit: string };
  bundle: null | { name: string; credit_amount: string };
  amount_due: string;
  currency: string;
  connection_id: string | null;
  /** Where redirect display goes after paying and after cancelling; the server falls back on `origin_url`. */
  success_url: string;
  cancel_url: string;
}

/** `POST /api/checkout/complete`; `customer` only when the session collects identity. */
export interface CompleteCheckoutBody {
  customer?: { email: string; name: string };
  card: { number: string; exp_month: number; exp_year: number; cvc: string };
}

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
  complete(body: CompleteCheckoutBody): Promise<CompletedCheckout>;
}
