import type { ApiErrorBody, ApiErrorCode, DeclineCode } from '../protocol/api/apiErrors';

/**
 * What the client adds to the API's own codes: the server could not be reached, answered something that is not
 * the error envelope, or a webhook's signature did not verify.
 */
export type ClientErrorCode = 'network_error' | 'unexpected_response' | 'invalid_webhook_signature';

/**
 * The one error the client throws. An API error carries the envelope's `code`, `param` (the offending field),
 * `requestId` (quote it to support) and, for a declined card, `declineCode`; `status` is the HTTP status, 0 when
 * no response came.
 */
export class TillApiError extends Error {
  override readonly name = 'TillApiError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | ClientErrorCode,
    message: string,
    readonly param: string | null = null,
    readonly requestId: string | null = null,
    readonly declineCode: DeclineCode | null = null,
  ) {
    super(message);
  }

  /** The error an API response's envelope describes. */
  static fromBody(status: number, { error }: ApiErrorBody): TillApiError {
    return new TillApiError(status, error.code, error.message, error.param, error.request_id, error.decline_code ?? null);
  }
}
