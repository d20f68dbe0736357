/**
 * The codes of `CheckoutApiErrorCode` (CheckoutApiError.ts), read as `CheckoutApiErrorCode.X`. Constants of a
 * module rather than keys of an object: the bundler writes each string where it is used, so the first load carries
 * no table of all of them.
 */
export const VALIDATION_ERROR = 'validation_error';
export const INVALID_SESSION_SECRET = 'invalid_session_secret';
export const SESSION_NOT_FOUND = 'session_not_found';
export const CARD_DECLINED = 'card_declined';
export const SESSION_COMPLETED = 'session_completed';
export const SESSION_EXPIRED = 'session_expired';
/** The total changed since the view the customer saw (the merchant replaced a tax rate): nothing was charged. */
export const TOTAL_CHANGED = 'total_changed';
/**
 * The processor's own script refused the card before Till's API was asked (Stripe.js: a field to complete, a
 * number it cannot take); the message is the customer's sentence, in the checkout's language.
 */
export const CARD_REFUSED = 'card_refused';
/** fetch threw: offline, DNS, connection reset. */
export const NETWORK_ERROR = 'network_error';
/** A response without the documented error body, e.g. a proxy's 502 page. */
export const UNEXPECTED_RESPONSE = 'unexpected_response';
