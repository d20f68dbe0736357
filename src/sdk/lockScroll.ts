/**
 * Freezes the page behind a modal. `overflow: hidden` alone does not stop iOS Safari from scrolling the
 * body, so the body is pinned with `position: fixed` at the current offset, and put back exactly there.
 * Returns the cleanup.
 */
export function lockScroll(): () => void {
  const { body } = document;
  const { scrollX: x, scrollY: y } = window;
  const saved = body.style.cssText;
  Object.assign(body.style, { position: 'fixed', top: `${-y}px`, left: `${-x}px`, right: '0', overflow: 'hidden' });
  return () => {
    body.style.cssText = saved;
    window.scrollTo(x, y);
  };
}
