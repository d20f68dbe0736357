/**
 * What opening the price explanation starts, until the returned cleanup runs: focus moves into the popover, so it
 * is read; a press outside it and its button closes it; it is anchored to the button. Floating UI is most of the
 * popover's weight, so it loads when first opened; offline, say, the explanation shows in the page's flow under
 * its button instead (see checkout.css).
 */
export function openExplanationPopover(button: HTMLElement, popover: HTMLElement, close: () => void): () => void {
  let stopPlacing: (() => void) | null = null;
  let closed = false;
  import('./anchorPopover')
    .then(({ anchorPopover }) => {
      if (!closed) stopPlacing = anchorPopover(button, popover);
    })
    .catch(() => closed || (popover.dataset.placement = 'inline'));
  popover.focus();
  const closeOnOutsidePress = (event: Event) => {
    const target = event.target as Node;
    if (!popover.contains(target) && !button.contains(target)) close();
  };
  document.addEventListener('pointerdown', closeOnOutsidePress);
  return () => {
    closed = true;
    stopPlacing?.();
    document.removeEventListener('pointerdown', closeOnOutsidePress);
  };
}
