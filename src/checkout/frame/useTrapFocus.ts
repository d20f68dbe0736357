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
      if (!first || !last) return;
      const current = document.activeElement;
      // Focus may sit on something Tab cannot reach (the document, a heading or the price explanation focused
      // from script): Tab leaves the frame from there only if nothing tabbable lies beyond it that way.
      const outside = !current || current === document.body;
      const follows = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      const leaving = event.shiftKey
        ? outside || current === first || follows(current, first)
        : outside || current === last || follows(last, current);
      if (!leaving) return;
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [active]);
}
