import { open, type OpenOptions } from './open';

/** A `checkout_url` (`<base>checkout/<handle>#<secret>`) as the token it stands for. */
function tokenFromCheckoutUrl({ origin, pathname, hash }: URL): string {
  const at = pathname.lastIndexOf('checkout/');
  return btoa(JSON.stringify({ secret: hash.slice(1), base: origin + pathname.slice(0, at), handle: pathname.slice(at + 9) }));
}

/**
 * Makes every `[data-till-checkout]` element open a checkout, including elements added later: one
 * delegated click listener rather than a binding per element. The attribute holds a token; on a link it
 * may be empty, and the `href` is the session's `checkout_url`, so the link still works as a plain
 * redirect wherever this script does not run. Returns the cleanup.
 */
export function bindCheckoutLinks(root: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    const trigger = (event.target as Element).closest?.('[data-till-checkout]') as HTMLElement | null;
    // A modified click on a link means "open it elsewhere": leave that to the browser.
    if (!trigger || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const href = trigger.getAttribute('href');
    const token = trigger.dataset.tillCheckout || (href && tokenFromCheckoutUrl(new URL(href, location.href)));
    if (!token) return;
    event.preventDefault();
    const { tillDisplay, tillTheme, tillLocale, tillAccentColor } = trigger.dataset;
    open(token, {
      trigger,
      display: tillDisplay as OpenOptions['display'],
      theme: tillTheme as OpenOptions['theme'],
      locale: tillLocale,
      accentColor: tillAccentColor,
    });
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
