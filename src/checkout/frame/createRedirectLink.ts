import type { RedirectLink } from './CheckoutLink';

/**
 * `url` with `checkout_session_id=<id>` added to its query, the merchant's own parameters and fragment kept as
 * they were written; null for anything but an http(s) URL, which the server never sends, so a `javascript:` URL
 * can't run here even if one got through.
 */
export function withCheckoutSessionId(url: string, checkoutSessionId: string): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return null;
  const param = `checkout_session_id=${encodeURIComponent(checkoutSessionId)}`;
  // Appended as text: URLSearchParams would re-encode the merchant's own parameters (%20 becomes +).
  target.search = target.search.length > 1 ? `${target.search}&${param}` : param;
  return target.href;
}

/**
 * The link for redirect display. It navigates once: Done pressed just as the success screen's timer fires
 * must not queue a second navigation.
 */
export function createRedirectLink(location: Pick<Location, 'assign'>): RedirectLink {
  let left = false;
  return {
    mode: 'redirect',
    returnTo(url, checkoutSessionId) {
      const target = withCheckoutSessionId(url, checkoutSessionId);
      if (left || !target) return;
      left = true;
      location.assign(target);
    },
  };
}
