/** Codes the server sends, plus the two the client makes up when there is no usable answer. */
export const CheckoutApiErrorCode = {
  VALIDATION_ERROR: 'validation_error',
  INVALID_SESSION_SECRET: 'invalid_session_secret',
  SESSION_NOT_FOUND: 'session_not_found',
  CARD_DECLINED: 'card_declined',
  SESSION_COMPLETED: 'session_completed',
  SESSION_EXPIRED: 'session_expired',
  /**
   * The processor's own script refused the card before Till's API was asked (Stripe.js: a field to complete, a
   * number it cannot take); the message is the customer's sentence, in the checkout's language.
   */
  CARD_REFUSED: 'card_refused',
  /** fetch threw: offline, DNS, connection reset. */
  NETWORK_ERROR: 'network_error',
  /** A response without the documented error body, e.g. a proxy's 502 page. */
  UNEXPECTED_RESPONSE: 'unexpected_response',
} as const;

/** Every failure of the checkout API, so callers branch on `status` and `code` instead of parsing text. */
export class CheckoutApiError extends Error {
  override readonly name = 'CheckoutApiError';

  constructor(
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field at fault, e.g. `card.number`, when the server names one. */
    readonly param: string | null = null,
    /** Why a card was declined (`card_declined`, `insufficient_funds`, `expired_card`); only on `card_declined`. */
    readonly declineCode: string | null = null,
  ) {
    super(message);
  }

  /** True when retrying the same request later might work: no response, or the server failed. */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}
