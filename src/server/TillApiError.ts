/** Machine codes of every error the API returns, with the HTTP status each one carries. */
export const API_ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  authentication_required: 401,
  invalid_api_key: 401,
  invalid_session_secret: 401,
  card_declined: 402,
  resource_missing: 404,
  route_not_found: 404,
  session_not_found: 404,
  already_subscribed: 409,
  session_completed: 409,
  subscription_required: 409,
  session_expired: 410,
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

const ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'card_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  410: 'invalid_request_error',
  500: 'api_error',
};

/** The one error the server throws on purpose; `onError` turns it into the JSON envelope. */
export class TillApiError extends Error {
  readonly status: (typeof API_ERROR_STATUS)[ApiErrorCode];

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'TillApiError';
    this.status = API_ERROR_STATUS[code];
  }

  toJSON() {
    return { error: { type: ERROR_TYPE[this.status], code: this.code, message: this.message, param: this.param } };
  }
}
