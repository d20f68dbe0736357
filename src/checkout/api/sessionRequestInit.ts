import { sessionAuth } from './sessionAuth';

/** Where the app reads (`GET`) and changes (`PATCH`) its session. */
export const SESSION_PATH = '/api/checkout/session';

/**
 * `GET /api/checkout/session` as the app's API sends it (fetch's default method), for the boot script, which sends
 * it before the app has loaded.
 */
export function sessionRequestInit(secret: string, pageSessionId: string): RequestInit {
  return { headers: { Accept: 'application/json', ...sessionAuth(secret, pageSessionId) }, cache: 'no-store' };
}
