import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

/** Room kept between the popover and the frame's edges, and between it and its button. */
const GAP = 8;

/**
 * Keeps `popover` under `anchor`, end-aligned, or above it when the frame has no room below, and within the
 * frame's width on a phone; repositions on scroll, resize and layout shifts until the returned cleanup runs.
 * Coordinates go through the CSSOM, which the page's `style-src 'self'` allows (style attributes it would not).
 */
export function anchorPopover(anchor: HTMLElement, popover: HTMLElement): () => void {
  let stopped = false;
  const place = async () => {
    const { x, y, placement } = await computePosition(anchor, popover, {
      placement: 'bottom-end',
      middleware: [offset(GAP), flip({ padding: GAP }), shift({ padding: GAP })],
    });
    // A position computed as the popover closed would mark it placed, and it would flash there when reopened.
    if (stopped) return;
    popover.style.left = `${x}px`;
    popover.style.top = `${y}px`;
    // Until placed it stays transparent (see checkout.css).
    popover.dataset.placement = placement;
  };
  const stopUpdating = autoUpdate(anchor, popover, () => void place());
  return () => {
    stopped = true;
    stopUpdating();
  };
}
