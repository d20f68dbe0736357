import { openCheckouts } from './open';

/**
 * At the merchant page's `load` event, frames the checkout server's preload page (`<base>preload`,
 * src/server/routes/preloadPage.ts) in the page's `<head>`, which is never rendered. Chromium starts the checkout's
 * renderer process for it, and the checkout frame `open` adds later joins that process, with `Intl` ready and the
 * app's first files cached: a quarter to a third off the open path, a sixth when `open` comes while it loads (issue 13).
 * At `load`, not at once: framed while the page loaded, it made the page's `load` event 57 → 140 ms on two cores, and
 * its files would compete with the page's own. A checkout already open (inline, say) needs none. A loader added after
 * `load` preloads nothing: checking `readyState` for it cost 20 B the loader's budget does not have. The frame holds
 * nothing and hears nothing, and stays for the page's life, as `open` may come at any time.
 */
export const preloadCheckout = (base: string) =>
  addEventListener('load', () => openCheckouts.size || document.head?.append(Object.assign(document.createElement('iframe'), { src: new URL('preload', base) })));
