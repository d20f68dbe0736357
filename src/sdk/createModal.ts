import type { CheckoutTheme } from '../protocol';
import { createFrame, element, type Surface } from './createFrame';
import { lockScroll } from './lockScroll';

/**
 * A modal `<dialog>` holding the checkout frame: a centred panel on wide screens, a full-screen sheet at
 * 600 px and below. `showModal()` makes the page behind inert (Tab cannot reach it) and puts the dialog in
 * the top layer, above any z-index the merchant uses. `onDismiss` runs on Escape pressed in the page.
 */
export function createModal(onDismiss: () => void, theme: CheckoutTheme = 'auto'): Surface {
  const trigger = document.activeElement as HTMLElement | null;

  // The dialog is the panel; its spread shadow dims the page, so no backdrop styling (a pseudo-element
  // only a stylesheet could reach) is needed. Panel or sheet follows the viewport (a phone turned on its
  // side) with no listener and no media query, which only a stylesheet could hold: `--wide` is 0 or less
  // at 600 px and below and thousands of pixels above, so each `max()`/`min()` picks the sheet's value
  // (the viewport, through max-width/max-height; a negative radius computes to 0) or the panel's.
  const dialog = element(
    'dialog',
    // System colours under the theme's colour scheme: dark or light without a colour table of our own.
    `color-scheme:${theme === 'auto' ? 'light dark' : theme};background:Canvas;` +
      'padding:0;border:0;overflow:hidden;box-shadow:0 0 0 100vmax #0f172a8c;max-width:100vw;max-height:100dvh;' +
      '--wide:calc((100vw - 600px)*1e4);width:max(440px,100vw - var(--wide));height:max(720px,100dvh - var(--wide));' +
      'border-radius:min(12px,var(--wide))',
  );
  dialog.setAttribute('aria-label', 'Checkout');
  // The dialog holds only the frame: the close button is the app's own, and the app keeps Tab inside
  // itself (the init message tells it that it is in a modal), so no focus sentinels are needed here.
  const iframe = createFrame(dialog, '100%');
  // Escape fires `cancel`; the dialog closes only through `destroy`, so every exit takes the same path.
  dialog.oncancel = (event) => {
    event.preventDefault();
    onDismiss();
  };

  document.body.append(dialog);
  dialog.showModal();
  const unlockScroll = lockScroll();
  if (!matchMedia('(prefers-reduced-motion)').matches) dialog.animate({ opacity: [0, 1] }, 150);
  iframe.focus();

  return {
    iframe,
    destroy() {
      dialog.remove();
      unlockScroll();
      trigger?.focus({ preventScroll: true });
    },
  };
}
