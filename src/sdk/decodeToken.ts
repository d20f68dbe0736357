import { TillError } from './TillError';

export interface CheckoutToken {
  secret: string;
  /** The checkout server's base URL, ending with `/`. */
  base: URL;
  /** The checkout frame's address, `<base>checkout/<handle>`: it names the session by the secret's hash only. */
  frameUrl: string;
}

/** https, or plain http on a loopback address only (local development). */
const SECURE_ORIGIN = /^(https:|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:|$))/;

/**
 * Decodes a `checkout_session_token` (base64 of `{"secret","base","handle"}`) and refuses a base we must not frame.
 * The handle is base64url SHA-256 (43 characters), so it can only name a page under `checkout/`; a token from
 * before the handle was added is malformed to this loader.
 */
export function decodeToken(token: unknown): CheckoutToken {
  let decoded: { secret: string; base: URL; handle: string } | undefined;
  try {
    // atob skips whitespace, so a token pasted with a line break still decodes.
    const { secret, base, handle } = JSON.parse(atob(`${token}`.replace(/-/g, '+').replace(/_/g, '/')));
    const url = new URL(base);
    if (typeof secret === 'string' && secret && url.pathname.endsWith('/') && /^[\w-]{43}$/.test(handle)) {
      decoded = { secret, base: url, handle };
    }
  } catch {
    // Not base64, not JSON, not an object or no URL: all one malformed token to the merchant.
  }
  if (!decoded) throw new TillError('invalid_token', 'Malformed token.');
  const { secret, base, handle } = decoded;
  // A URL's origin is "null" for javascript: and data: URLs, so they fail the test too.
  if (!SECURE_ORIGIN.test(base.origin) || base.username || base.password) throw new TillError('insecure_base', 'Insecure base.');
  return { secret, base, frameUrl: new URL(`checkout/${handle}`, base).href };
}
