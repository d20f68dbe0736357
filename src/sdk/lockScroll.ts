/**
 * Freezes the page behind a modal: `showModal()` makes the page inert but still lets a wheel or touch scroll it.
 * `overflow: hidden` on the root element stops both, iOS Safari's touch scrolling included since iOS 16 (before it,
 * only pinning the body with `position: fixed` did, at the cost of saving and restoring the scroll offset). The
 * page keeps its scroll position throughout, so nothing needs putting back but the style. Returns the cleanup.
 */
export function lockScroll(): () => void {
  const { style } = document.documentElement;
  const saved = style.overflow;
  style.overflow = 'hidden';
  return () => {
    style.overflow = saved;
  };
}
