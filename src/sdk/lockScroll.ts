/**
 * Freezes the page behind a modal. `overflow: hidden` alone does not stop iOS Safari from scrolling the
 * body, so the body is pinned with `position: fixed` at the current offset, and put back exactly there.
 * Returns the cleanup.
 */
export function lockScroll(): () => void {
  const { style } = document.body;
  const x = scrollX;
  const y = scrollY;
  const saved = style.cssText;
  style.cssText += `;position:fixed;top:${-y}px;left:${-x}px;right:0;overflow:hidden`;
  return () => {
    style.cssText = saved;
    scrollTo(x, y);
  };
}
