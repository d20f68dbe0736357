/** Where a checkout frame lives (a modal, or the merchant's container) and how to take it away again. */
export interface Surface {
  iframe: HTMLIFrameElement;
  /** Removes what the surface added and undoes every change to the page; `open` calls it once. */
  destroy(): void;
}

/**
 * Styles go through the CSSOM (`style`, assigned, sets `style.cssText`), never a `<style>` element or a `style=""`
 * attribute in markup, so a merchant page whose CSP has no `'unsafe-inline'` for styles still allows them.
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, parent: Element, properties: object): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), properties);
  parent.append(el);
  return el;
}

/**
 * The frame has its address before it enters the page, which then starts loading it: a frame added without one
 * first loads about:blank, synchronously, and only then the checkout (issue 13).
 */
export function createFrame(parent: Element, src: string, height = '100%'): HTMLIFrameElement {
  return element('iframe', parent, { style: `width:100%;height:${height};border:0;display:block`, src, title: 'Checkout' });
}
