/** Codes the server sends, plus the two the client makes up when there is no usable answer. */
export * as CheckoutApiErrorCode from './checkoutApiErrorCodes';

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
