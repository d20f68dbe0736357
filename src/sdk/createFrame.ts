/** Where a checkout frame lives (a modal, or the merchant's container) and how to take it away again. */
export interface Surface {
  iframe: HTMLIFrameElement;
  /** Removes what the surface added and undoes every change to the page; `open` calls it once. */
  destroy(): void;
}

/**
 * Styles go through the CSSOM (`style.cssText`), never a `<style>` element or a `style=""` attribute in
 * markup, so a merchant page whose CSP has no `'unsafe-inline'` for styles still allows them.
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, css: string, parent: Element) {
  const el = document.createElement(tag);
  el.style.cssText = css;
  parent.append(el);
  return el;
}

export function createFrame(parent: Element, height: string): HTMLIFrameElement {
  const iframe = element('iframe', `width:100%;height:${height};border:0;display:block`, parent);
  iframe.title = 'Checkout';
  return iframe;
}
