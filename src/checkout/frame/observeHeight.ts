/**
 * Calls `onHeight` with the element's border-box height in CSS pixels, rounded up so the frame never needs a
 * 1px scrollbar, each time it changes (including once at the start, as ResizeObserver reports the first size).
 * Returns the cleanup; does nothing where ResizeObserver is missing.
 */
export function observeHeight(element: Element, onHeight: (height: number) => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let last = 0;
  const observer = new ResizeObserver((entries) => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    // borderBoxSize is missing in Safari before 15.4; offsetHeight is the same box, in whole pixels.
    const height = Math.ceil(entry.borderBoxSize?.[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight);
    // 0 is a detached or not-yet-laid-out element, never a size worth giving the frame.
    if (height > 0 && height !== last) onHeight((last = height));
  });
  observer.observe(element, { box: 'border-box' });
  return () => observer.disconnect();
}
