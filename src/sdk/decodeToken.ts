import { isText } from '../protocol';
import { TillError } from './TillError';

export interface CheckoutToken {
  secret: string;
  /**
   * The checkout frame's address, `<base>checkout/<handle>`: it names the session by the secret's hash only. A URL, not
   * its text: the frame's `src` and the redirect's template make it text, and `.href` cost the loader 5 B. Its origin is
   * the base's, the one the frame's messages must come from: the base itself is not returned (8 B).
   */
  frameUrl: URL;
}

/**
 * Decodes a `checkout_session_token` (base64 of `{"secret","base","handle"}`) and refuses a base we must not frame.
 * The handle is base64url SHA-256 (43 characters), so it can only name a page under `checkout/`; a token from
 * before the handle was added is malformed to this loader.
 */
export const decodeToken = (token: unknown): CheckoutToken => {
  let secret: unknown, base: unknown, handle: unknown;
  // The base as a URL, left undefined unless the token decodes to an object with one (so `url?.`); typed as set for the
  // checks after the first, which only run once it is. A variable of its own: kept in `base`, it had to be reset to
  // undefined when the base was no URL.
  let url!: URL;
  try {
    // atob skips whitespace, so a token pasted with a line break still decodes. A token that is not a string has no
    // `replace`, and throws here.
    ({ secret, base, handle } = JSON.parse(atob((token as string).replace(/-/g, '+').replace(/_/g, '/'))));
    url = new URL(base as string);
  } catch {
    // Not base64, not JSON, not an object or no URL: all one malformed token to the merchant.
  }
  // A pattern, not `endsWith` (6 B): `test` reads a missing URL's pathname as the text "undefined", which fails too.
  if (!isText(secret) || !/\/$/.test(url?.pathname) || !/^[\w-]{43}$/.test(handle as string)) {
    throw new TillError('invalid_token');
  }
  // https, or plain http on a loopback address only (local development). An origin's host is normalized, so one of
  // digits and dots after `127` is a dotted quad in 127.0.0.0/8. A URL's origin is "null" for javascript: and data:
  // URLs, so they fail the test too. The pattern, like the handle's, is written where it is used: as a module constant
  // it was a variable of its own in the loader.
  if (!/^(https:|http:\/\/(localhost|127[.\d]+|\[::1\])(:|$))/.test(url.origin) || url.username || url.password) {
    throw new TillError('insecure_base');
  }
  return { secret, frameUrl: new URL(`checkout/${handle}`, url) };
};
