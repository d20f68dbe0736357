export interface Modal {
  iframe: HTMLIFrameElement;
  /** Removes the dialog and undoes every change to the page; safe to call twice. */
  destroy(): void;
}

type Style = Partial<Record<keyof CSSStyleDeclaration, string>>;

/** CSSOM writes, not a `<style>` element or `style=""`, so a merchant's strict `style-src` CSP allows them. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, style: Style, parent?: Element) {
  const el = document.createElement(tag);
  Object.assign(el.style, style);
  parent?.append(el);
  return el;
}

/**
 * A modal `<dialog>` holding the checkout frame. `showModal()` makes the page behind it inert and puts it
 * in the top layer, above any z-index the merchant uses. `onDismiss` runs on Escape and the close button.
 */
export function createModal(onDismiss: () => void): Modal {
  const trigger = document.activeElement as HTMLElement | null;
  const root = document.documentElement;
  const previousOverflow = root.style.overflow;

  const dialog = element('dialog', {
    display: 'flex', alignItems: 'center', justifyContent: 'center',
    width: '100vw', height: '100dvh', maxWidth: 'none', maxHeight: 'none',
    margin: '0', padding: '0', border: '0', background: 'rgba(15,23,42,.55)',
  });
  dialog.setAttribute('aria-label', 'Checkout');
  const panel = element('div', {
    position: 'relative', width: 'min(440px,100vw)', height: 'min(720px,100dvh)',
    background: '#fff', borderRadius: '12px', overflow: 'hidden', boxShadow: '0 20px 60px rgba(0,0,0,.3)',
  }, dialog);
  const iframe = element('iframe', { width: '100%', height: '100%', border: '0', display: 'block' }, panel);
  iframe.title = 'Checkout';
  iframe.allow = 'payment';
  const close = element('button', {
    position: 'absolute', top: '8px', right: '8px', width: '44px', height: '44px', border: '0', padding: '0',
    borderRadius: '22px', background: 'transparent', color: '#334155', font: '28px/44px system-ui,sans-serif',
    cursor: 'pointer',
  }, panel);
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close checkout');
  close.addEventListener('click', onDismiss);
  // Escape fires `cancel`; the dialog closes only through `destroy`, so every exit takes the same path.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    onDismiss();
  });

  document.body.append(dialog);
  dialog.showModal();
  root.style.overflow = 'hidden';
  iframe.focus();

  let destroyed = false;
  return {
    iframe,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      dialog.close();
      dialog.remove();
      root.style.overflow = previousOverflow;
      trigger?.focus?.();
    },
  };
}
