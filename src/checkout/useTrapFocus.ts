import { useEffect } from 'preact/hooks';

/** What Tab can land on; `tabindex="-1"` (a heading focused for screen readers) is reachable only from script. */
const TABBABLE =
  'a[href],button:not(:disabled),input:not(:disabled),select:not(:disabled),textarea:not(:disabled),[tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside the checkout while it fills the loader's modal dialog (the WAI-ARIA dialog pattern): Tab on
 * the last control goes to the first, Shift+Tab on the first to the last. The page behind is inert, so without
 * this Tab would leave our frame for the browser's own controls. Off inline, where Tab must go on into the
 * merchant's page.
 */
export function useTrapFocus(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      // Looked up on each press: the controls change with the screen and the form. Nothing the app renders
      // is hidden by CSS alone (what does not apply is not rendered), so the selector is the whole test.
      const tabbable = [...document.querySelectorAll<HTMLElement>(TABBABLE)];
      const [first] = tabbable;
      const last = tabbable.at(-1);
      const current = document.activeElement as HTMLElement | null;
      // Shift+Tab from something Tab cannot reach (the document, a focused heading) would leave the frame too.
      const leaving = event.shiftKey ? current === first || !tabbable.includes(current!) : current === last;
      if (!leaving || !first) return;
      event.preventDefault();
      (event.shiftKey ? last : first)!.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [active]);
}
