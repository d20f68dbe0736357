import type { open } from './open';
import type { TillError } from './TillError';

/** What the script tag (`checkout.js`) puts on `window.Till`. */
export interface TillGlobal {
  open: typeof open;
  TillError: typeof TillError;
  /** Only with `data-auto-init`: stops opening checkouts from `[data-till-checkout]` elements. */
  unbindCheckoutLinks?: () => void;
}

// The package's `/global` types entry is this file: a page that loads the script tag references it to type
// `Till.open(…)` and `window.Till.open(…)`. The ESM entries leave it out, since importing them touches no global.
declare global {
  var Till: TillGlobal;
}
