import type { ApiErrorCode } from './apiErrors';
import type { ApiRoute } from './ApiRoute';

/**
 * Every code `route` may answer with: its own `errors`, and those that come with how it is called (its
 * authentication, its input, an Idempotency-Key on a merchant's POST, the limits every route has).
 *
 * `validation_error` is among the limits: every URL's path and query string are checked for what the store cannot
 * take (a `%00`, an over-long path) before any route runs, so a route that reads no input answers it too. So is
 * `internal_error`, the 500 any route answers when something fails on the server's side instead of a stack trace.
 */
export function errorsOf(route: ApiRoute): ApiErrorCode[] {
  const codes = new Set<ApiErrorCode>(['invalid_request', 'request_too_large', 'rate_limited', 'validation_error', 'internal_error']);
  if (route.auth === 'api_key') codes.add('authentication_required').add('invalid_api_key');
  if (route.auth === 'session_secret') codes.add('invalid_session_secret');
  if (route.body) codes.add('invalid_json');
  if (route.auth === 'api_key' && route.method === 'post') codes.add('idempotency_key_in_use').add('idempotency_key_reused');
  for (const code of route.errors) codes.add(code);
  return [...codes];
}
