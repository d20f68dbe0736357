import { API_ERROR_STATUS, ERROR_TYPE, type ApiErrorCode, type DeclineCode } from '../protocol/api/apiErrors';

export type { ApiErrorCode, DeclineCode };

/**
 * The one error the server throws on purpose; `onError` turns it into the JSON envelope
 * `{error: {type, code, message, param, request_id}}`.
 *
 * A declined card keeps the one code `card_declined` (so a client that knows only that code still handles
 * every decline) and adds the reason as one more member, `decline_code`, as Stripe's card errors do; `message`
 * stays the human text and `param` the field. No other error carries `decline_code`.
 */
export class TillApiError extends Error {
  readonly status: (typeof API_ERROR_STATUS)[ApiErrorCode];
  /** Sent as `Retry-After` (seconds) with a 429; null on every other error. */
  retryAfterSeconds: number | null = null;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly param: string | null = null,
    readonly declineCode: DeclineCode | null = null,
  ) {
    super(message);
    this.name = 'TillApiError';
    this.status = API_ERROR_STATUS[code];
  }

  /**
   * The envelope as one response sends it: `request_id` is that response's `X-Request-Id`. Kept out of `toJSON`, so
   * a stored outcome (an idempotent retry's) never holds the id of the request that first produced it.
   */
  toResponseBody(requestId: string) {
    const { error } = this.toJSON();
    return { error: { ...error, request_id: requestId } };
  }

  toJSON() {
    const error = { type: ERROR_TYPE[this.status], code: this.code, message: this.message, param: this.param };
    return { error: this.declineCode ? { ...error, decline_code: this.declineCode } : error };
  }

  /** 429 `rate_limited`, answered with `Retry-After: retryAfterSeconds`. */
  static rateLimited(message: string, retryAfterSeconds: number): TillApiError {
    const error = new TillApiError('rate_limited', message);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }

  /** The error again from its JSON, for replaying a stored outcome (an idempotent retry). */
  static fromJSON(json: unknown): TillApiError {
    const { code, message, param, decline_code } = (json as { error: Record<string, unknown> }).error;
    return new TillApiError(code as ApiErrorCode, String(message), (param as string | null) ?? null, (decline_code as DeclineCode | undefined) ?? null);
  }
}
