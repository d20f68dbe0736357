/**
 * Frames the checkout server's preload page (`<base>preload`, src/server/routes/preloadPage.ts) in the page's
 * `<head>`, which is never rendered. Chromium starts the checkout's renderer process for it, and the checkout frame
 * `open` adds later joins that process, with `Intl` ready and the app's first files cached: a quarter to a third off
 * the open path (issue 13). At the page's `load` event, not at once: framed while the page loaded, it made the page's
 * `load` event 57 → 140 ms on two cores, and its files would compete with the page's own. A loader added once the page
 * has loaded (a single-page app's) preloads at once: its `readyState` is `complete`, which sorts before `interactive`
 * and `loading`. A page that already has a checkout open gets the frame too, where it costs a request: the check
 * for it cost the bytes this case needed, within the loader's 2,400 B. The frame holds nothing and hears nothing, and
 * stays for the page's life, as `open` may come at any time.
 */
export const preloadCheckout = (base: string): unknown =>
  document.readyState > 'd'
    ? addEventListener('load', () => preloadCheckout(base))
    : document.head?.append(Object.assign(document.createElement('iframe'), { src: new URL('preload', base) }));
