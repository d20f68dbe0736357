import type { CheckoutTheme } from '../protocol';

/**
 * Puts the checkout frame in a modal `<dialog>`: a centred panel on wide screens, a full-screen sheet at 600 px and
 * below. `showModal()` makes the page behind inert (Tab cannot reach it) and puts the dialog in the top layer, above
 * any z-index the merchant uses. `onDismiss` runs on Escape pressed in the page. Returns the cleanup, which removes the
 * dialog and undoes every change to the page; `open` calls it once.
 */
export const createModal = (iframe: HTMLIFrameElement, onDismiss: () => void, theme: CheckoutTheme = 'auto'): (() => void) => {
  // The dialog covers the viewport in the dim colour; the frame, fixed to the same box (2 B less than `absolute`) and
  // centred in it, is the panel. A box of one colour costs the page no rasterizing, where the panel's spread shadow that
  // dimmed it before was rasterized again whenever the frame changed, without a GPU, on the cores the frame's own work
  // needed: the open came a median 22–24 ms sooner without it (17 of 20 and 21 of 24 interleaved rounds of
  // bench/compareOpen.ts; issue 13). A `::backdrop` would need a stylesheet.
  // Panel or sheet follows the viewport (a phone turned on its side) with no listener and no media query, which
  // only a stylesheet could hold. With S = 10⁵ × (600.1px − viewport width), written `6.001e7px - 1e7vw`, S ≥ 10⁴ px
  // at 600 px and below and negative from 600.1 px up, so: width max(440px, S), height max(720px, S) and radius
  // min(12px, −S) are the sheet's (the viewport, through min(100%, …); a negative radius computes to 0) or else the
  // panel's. Until its page paints, the frame shows the system colour Canvas under the theme's colour scheme, dark or
  // light without a colour table of our own. Its style, read back, ends with `;`: these declarations follow as they are.
  iframe.style.cssText +=
    `color-scheme:${theme === 'auto' ? 'light dark' : theme};background:Canvas;position:fixed;inset:0;margin:auto;` +
    'width:min(100%,max(440px,6.001e7px - 1e7vw));height:min(100%,max(720px,6.001e7px - 1e7vw));' +
    'border-radius:min(12px,1e7vw - 6.001e7px)';
  const dialog = Object.assign(document.createElement('dialog'), {
    // A minimum of the whole viewport outweighs the browser's maximum for a dialog.
    style: 'padding:0;border:0;min-width:100%;min-height:100%;background:#0f172a8c',
    ariaLabel: 'Checkout',
    // Focus waits on the dialog until the frame's first screen is on the page (open.ts moves it in): a frame that never
    // loads, or shows the browser's error page, would otherwise hold it, and Escape pressed there never reaches this page.
    tabIndex: -1,
    // Escape fires `cancel`; the dialog closes only through the cleanup, so every exit takes the same path.
    oncancel(event: Event) {
      event.preventDefault();
      onDismiss();
    },
    // Chromium's close watchers let a second Escape with no user activation between close the dialog although
    // `cancel` was prevented. Still in the page, it was not ours to close (a payment is processing): shown again.
    onclose: () => dialog.isConnected && dialog.showModal(),
  });
  // The dialog holds only the frame: the close button is the app's own, and the app keeps Tab inside
  // itself (the init message tells it that it is in a modal), so no focus sentinels are needed here.
  dialog.append(iframe);
  document.body.append(dialog);
  dialog.showModal();
  // Freezes the page behind: `showModal()` makes it inert but still lets a wheel or touch scroll it. `overflow: hidden`
  // on the root element stops both, iOS Safari's touch scrolling included since iOS 16 (before it, only pinning the
  // body with `position: fixed` did, at the cost of saving and restoring the scroll offset). The page keeps its
  // scroll position throughout, so nothing needs putting back but the style.
  const { style } = document.documentElement;
  const overflow = style.overflow;
  style.overflow = 'hidden';
  // No fade-in: the dialog shows at once, and the checkout in it as soon as it has a screen. A 150 ms fade drew a frame
  // of the whole viewport every 16 ms in the very time the frame loads (issue 13); on two cores without a GPU the
  // checkout opened later with it in 54 of 80 interleaved rounds of bench/measureOpen.ts's open, by a median 30 ms.
  dialog.focus();

  return () => {
    // Closing first hands focus back to what had it before `showModal()`, the trigger, without scrolling.
    dialog.close();
    dialog.remove();
    style.overflow = overflow;
  };
};
