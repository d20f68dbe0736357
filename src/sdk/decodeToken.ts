import { isText } from '../protocol';
import { TillError } from './TillError';

export interface CheckoutToken {
  secret: string;
  /** The checkout server's base URL, ending with `/`. */
  base: URL;
  /**
   * The checkout frame's address, `<base>checkout/<handle>`: it names the session by the secret's hash only. A URL, not
   * its text: the frame's `src` and the redirect's template make it text, and `.href` cost the loader 5 B.
   */
  frameUrl: URL;
}

/**
 * Decodes a `checkout_session_token` (base64 of `{"secret","base","handle"}`) and refuses a base we must not frame.
 * The handle is base64url SHA-256 (43 characters), so it can only name a page under `checkout/`; a token from
 * before the handle was added is malformed to this loader.
 */
export const decodeToken = (token: unknown): CheckoutToken => {
  let secret: unknown, base: URL | undefined, handle: unknown;
  try {
    // atob skips whitespace, so a token pasted with a line break still decodes. A token that is not a string has no
    // `replace`, and throws here.
    ({ secret, base, handle } = JSON.parse(atob((token as string).replace(/-/g, '+').replace(/_/g, '/'))));
    base = new URL(base!);
  } catch {
    // Not base64, not JSON, not an object or no URL: all one malformed token to the merchant.
    base = undefined;
  }
  if (!isText(secret) || !base?.pathname.endsWith('/') || !/^[\w-]{43}$/.test(handle as string)) {
    throw new TillError('invalid_token');
  }
  // https, or plain http on a loopback address only (local development). An origin's host is normalized, so one of
  // digits and dots after `127` is a dotted quad in 127.0.0.0/8. A URL's origin is "null" for javascript: and data:
  // URLs, so they fail the test too. The pattern, like the handle's, is written where it is used: as a module constant
  // it was a variable of its own in the loader.
  if (!/^(https:|http:\/\/(localhost|127[.\d]+|\[::1\])(:|$))/.test(base.origin) || base.username || base.password) {
    throw new TillError('insecure_base');
  }
  return { secret, base, frameUrl: new URL(`checkout/${handle}`, base) };
};
