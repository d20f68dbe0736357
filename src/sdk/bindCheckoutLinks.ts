import { open, type OpenOptions } from './open';

/**
 * Makes every `[data-till-checkout]` element open a checkout, including elements added later: one
 * delegated click listener rather than a binding per element. The attribute holds a token; on a link it
 * may be empty, and the `href` is the session's `checkout_url`, so the link still works as a
 * plain redirect wherever this script does not run. Returns the cleanup.
 */
export const bindCheckoutLinks = (): (() => void) => {
  const onClick = (event: MouseEvent) => {
    const trigger = (event.target as Element).closest?.('[data-till-checkout]') as HTMLAnchorElement | null;
    // A modified click on a link means "open it elsewhere": leave that to the browser.
    if (!trigger || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey) return;
    // Each attribute is read where it is used: destructured, every name came twice in the loader, once renamed
    // (8 B gzip).
    const data = trigger.dataset;
    // A `checkout_url`, `<base>checkout/<handle>#<secret>`, holds the same three parts as a token. An href without a
    // fragment matches nothing, and the link is left to the browser. The property, not the attribute: the absolute URL
    // that a relative href names. The pattern is written here: as a module constant it was a variable of its own.
    const parts = /^(?<base>.*\/)checkout\/(?<handle>[\w-]*).*#(?<secret>.*)/.exec(trigger.href)?.groups;
    const token = data.tillCheckout || (parts && btoa(JSON.stringify(parts)));
    if (!token) return;
    event.preventDefault();
    open(token, {
      trigger,
      display: data.tillDisplay as OpenOptions['display'],
      theme: data.tillTheme as OpenOptions['theme'],
      locale: data.tillLocale,
      accentColor: data.tillAccentColor,
    });
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
};
