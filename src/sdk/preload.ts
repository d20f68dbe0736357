import { preloadCheckout } from './preloadCheckout';
import { TillError } from './TillError';

/** The bases already preloaded: a component that calls `preload` each time it mounts frames one page per server. */
const preloaded = new Set<string>();

/**
 * What the script tag does by itself, for a page that imports `@till-checkout/js` instead: frames the checkout
 * server's preload page, unseen, at the page's `load` event or at once if it has loaded (preloadCheckout.ts), so that a
 * checkout opened later starts warm: 1.3–1.45 × the floor of issue 13 against 1.9 × cold. `base` is the checkout
 * server's address as in its tokens (`https://till.example.com/`, or plain http on a loopback address), which a
 * page knows before any token; another is refused with `insecure_base`, as `open` refuses such a token. Call it where
 * the page (or the part of an app that sells) starts; again, it does nothing more, nor without a `document` (server
 * rendering).
 */
export const preload = (base: string): void => {
  if (typeof document == 'undefined') return;
  // Undefined if `base` is not a URL (so `url?.`); typed as set for the checks after the first, as in decodeToken.
  let url!: URL;
  try {
    url = new URL(base);
  } catch {
    // Reported below, as any other base that cannot be the checkout server's.
  }
  // decodeToken's rule for a token's base, written again: shared, it cost the script-tag loader 6 B it does not have.
  if (!/\/$/.test(url?.pathname) || !/^(https:|http:\/\/(localhost|127[.\d]+|\[::1\])(:|$))/.test(url.origin) || url.username || url.password) {
    throw new TillError('insecure_base', `Not a checkout server's base URL (https, ending with /): ${base}`);
  }
  if (preloaded.has(url.href)) return;
  preloaded.add(url.href);
  preloadCheckout(url.href);
};
