import type { CheckoutTheme } from '../protocol';
import { createFrame, element, type Surface } from './createFrame';
import { lockScroll } from './lockScroll';

const matches = (query: string) => matchMedia(query).matches;

/**
 * A modal `<dialog>` holding the checkout frame: a centred panel on wide screens, a full-screen sheet at
 * 600 px and below. `showModal()` makes the page behind inert (Tab cannot reach it) and puts the dialog in
 * the top layer, above any z-index the merchant uses. `onDismiss` runs on Escape and the close button.
 */
export function createModal(onDismiss: () => void, theme: CheckoutTheme = 'auto'): Surface {
  const trigger = document.activeElement as HTMLElement | null;
  const sheet = matches('(max-width:600px)');

  // The dialog is the panel; its spread shadow dims the page, so no backdrop styling (a pseudo-element
  // only a stylesheet could reach) is needed.
  const dialog = element(
    'dialog',
    // System colours under the theme's colour scheme: dark or light without a colour table of our own.
    `color-scheme:${theme === 'auto' ? 'light dark' : theme};background:Canvas;color:CanvasText;` +
      'padding:0;border:0;overflow:hidden;box-shadow:0 0 0 100vmax #0f172a8c;' +
      (sheet
        ? 'width:100vw;height:100dvh;max-width:none;max-height:none;margin:0'
        : 'width:440px;height:min(720px,100dvh);min-height:min(400px,100dvh);border-radius:12px'),
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
  if (!matches('(prefers-reduced-motion:reduce)')) dialog.animate({ opacity: [0, 1] }, 150);
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
