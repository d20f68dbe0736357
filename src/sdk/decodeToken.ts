import { TillError } from './TillError';

export interface CheckoutToken {
  secret: string;
  /** The checkout server's base URL, ending with `/`. */
  base: URL;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Decodes a `checkout_session_token` (base64 of `{"secret","base"}`) and refuses a base we must not frame. */
export function decodeToken(token: unknown): CheckoutToken {
  let parsed: { secret?: unknown; base?: unknown };
  let base: URL;
  const malformed = new TillError('invalid_token', 'Malformed checkout token.');
  try {
    parsed = JSON.parse(atob(String(token).trim().replace(/-/g, '+').replace(/_/g, '/')));
    base = new URL(parsed.base as string);
  } catch {
    throw malformed;
  }
  if (typeof parsed.secret !== 'string' || !parsed.secret || !base.pathname.endsWith('/')) throw malformed;
  const secure = base.protocol === 'https:' || (base.protocol === 'http:' && LOOPBACK_HOSTS.test(base.hostname));
  if (!secure || base.username || base.password) {
    throw new TillError('insecure_base', 'Checkout base is not https.');
  }
  return { secret: parsed.secret, base };
}
