import type { CheckoutTheme } from '../protocol';
import { createFrame, element, type Surface } from './createFrame';
import { lockScroll } from './lockScroll';

/**
 * A modal `<dialog>` holding the checkout frame: a centred panel on wide screens, a full-screen sheet at
 * 600 px and below. `showModal()` makes the page behind inert (Tab cannot reach it) and puts the dialog in
 * the top layer, above any z-index the merchant uses. `onDismiss` runs on Escape and the close button.
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
    `color-scheme:${theme === 'auto' ? 'light dark' : theme};background:Canvas;color:CanvasText;` +
      'padding:0;border:0;overflow:hidden;box-shadow:0 0 0 100vmax #0f172a8c;max-width:100vw;max-height:100dvh;' +
      '--wide:calc((100vw - 600px)*1e4);width:max(440px,100vw - var(--wide));height:max(720px,100dvh - var(--wide));' +
      'border-radius:min(12px,var(--wide))',
  );
  dialog.setAttribute('aria-label', 'Checkout');
  // Focus wraps: Tab on the close button (last) goes to the frame, and Shift+Tab out of the frame's first
  // field lands on this sentinel, which hands it to the close button. Without it, focus would leave the
  // dialog for the browser's own controls.
  const sentinel = element('span', '', dialog);
  sentinel.tabIndex = 0;
  const iframe = createFrame(dialog, '100%');
  const close = element(
    'button',
    'position:absolute;top:8px;right:8px;width:44px;height:44px;border:0;padding:0;background:none;' +
      'color:inherit;font:28px/44px system-ui,sans-serif;cursor:pointer',
    dialog,
  );
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close checkout');
  close.onclick = () => onDismiss();
  close.onkeydown = (event) => {
    if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      iframe.focus();
    }
  };
  sentinel.onfocus = () => close.focus();
  // Escape fires `cancel`; the dialog closes only through `destroy`, so every exit takes the same path.
  dialog.oncancel = (event) => {
    event.preventDefault();
    onDismiss();
  };

  document.body.append(dialog);
  dialog.showModal();
  const unlockScroll = lockScroll();
  if (!matchMedia('(prefers-reduced-motion:reduce)').matches) dialog.animate({ opacity: [0, 1] }, 150);
  iframe.focus();

  let destroyed = false;
  return {
    iframe,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      dialog.remove();
      unlockScroll();
      trigger?.focus({ preventScroll: true });
    },
  };
}
