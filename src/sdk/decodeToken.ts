import { TillError } from './TillError';

export interface CheckoutToken {
  secret: string;
  /** The checkout server's base URL, ending with `/`. */
  base: URL;
}

/** https, or plain http on a loopback address only (local development). */
const SECURE_ORIGIN = /^(https:|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:|$))/;

/** Decodes a `checkout_session_token` (base64 of `{"secret","base"}`) and refuses a base we must not frame. */
export function decodeToken(token: unknown): CheckoutToken {
  let decoded: CheckoutToken | undefined;
  try {
    // atob skips whitespace, so a token pasted with a line break still decodes.
    const { secret, base } = JSON.parse(atob(`${token}`.replace(/-/g, '+').replace(/_/g, '/')));
    const url = new URL(base);
    if (typeof secret === 'string' && secret && url.pathname.endsWith('/')) decoded = { secret, base: url };
  } catch {
    // Not base64, not JSON, not an object or no URL: all one malformed token to the merchant.
  }
  if (!decoded) throw new TillError('invalid_token', 'Malformed token.');
  const { origin, username, password } = decoded.base;
  // A URL's origin is "null" for javascript: and data: URLs, so they fail the test too.
  if (!SECURE_ORIGIN.test(origin) || username || password) throw new TillError('insecure_base', 'Insecure base.');
  return decoded;
}
