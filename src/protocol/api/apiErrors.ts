import { z } from 'zod';

/** Machine codes of every error the API returns, with the HTTP status each one carries. */
export const API_ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  /** HTTP the server cannot read as a request at all (a backslash in the path, a NUL in a header), refused before any route. */
  invalid_request: 400,
  email_locked: 400,
  authentication_required: 401,
  invalid_api_key: 401,
  invalid_session_secret: 401,
  card_declined: 402,
  resource_missing: 404,
  route_not_found: 404,
  promotion_code_not_found: 404,
  promotion_code_expired: 400,
  promotion_code_exhausted: 400,
  promotion_code_not_applicable: 400,
  already_subscribed: 409,
  last_api_key: 409,
  /** A plan or bundle that a checkout session uses keeps its price: create a new one and archive this (issue 10). */
  price_in_use: 409,
  /** An archived plan or bundle starts no new checkout (seed 004: "Plan not found or inactive"). */
  plan_inactive: 409,
  credit_bundle_inactive: 409,
  webhook_endpoint_disabled: 409,
  idempotency_key_in_use: 409,
  idempotency_key_reused: 409,
  promotion_codes_not_allowed: 409,
  /** A merchant's codes are unique, active or not, so a code the customer types names one discount (issue 10). */
  promotion_code_exists: 409,
  /** A country has at most one active tax rate: archive the old one first (issue 10). */
  tax_rate_exists: 409,
  session_completed: 409,
  /** A payment for this checkout is being settled by the processor; its outcome comes first. */
  payment_in_progress: 409,
  subscription_canceled: 409,
  /** Only a succeeded payment with something left to give back can be refunded. */
  payment_not_refundable: 409,
  subscription_required: 409,
  /** The total the customer was shown (`expected_total`) is no longer the session's: nothing was charged. */
  total_changed: 409,
  session_expired: 410,
  request_too_large: 413,
  /** Too many requests for one of the rate limits (a session's payment attempts, an API key, an address). */
  rate_limited: 429,
  internal_error: 500,
  /** `GET /readyz`: the store does not answer, or lacks a migration of this server; take it out of rotation. */
  not_ready: 503,
  /** Processor keys are stored encrypted, and this server's operator has set no TILL_ENCRYPTION_KEY to do it with. */
  processor_settings_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** Stripe's error `type`, by status: a client can branch on the kind of failure without knowing every code. */
export const ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'card_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  410: 'invalid_request_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
};

/**
 * Why a card was declined, in Stripe's words where Stripe has one; `card_declined` is the generic reason.
 * `authentication_required`: the bank asked the customer to confirm (3-D Secure) and they did not, or could not
 * as they were away (a renewal). In live mode with the test processor, `test_mode_live_card` (Stripe's code)
 * refuses a test card and `live_payments_unavailable` any other: such a merchant has connected no processor.
 */
export const DECLINE_CODES = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'authentication_required',
  'test_mode_live_card',
  'live_payments_unavailable',
] as const;

export type DeclineCode = (typeof DECLINE_CODES)[number];

export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

/**
 * The one error envelope every route answers with: `code` names the error for programs, `message` says it for
 * people, `param` names the offending field (or null), `request_id` is the response's `X-Request-Id`.
 */
export const apiErrorBody = z.strictObject({
  error: z.strictObject({
    type: z.enum(['invalid_request_error', 'authentication_error', 'card_error', 'rate_limit_error', 'api_error']),
    code: z.enum(API_ERROR_CODES as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string(),
    param: z.string().nullable(),
    decline_code: z.enum(DECLINE_CODES).optional().describe('Only on `card_declined`: why the card was declined.'),
    request_id: z.string(),
  }),
}).meta({ id: 'Error' });

export type ApiErrorBody = z.infer<typeof apiErrorBody>;
