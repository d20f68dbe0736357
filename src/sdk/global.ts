import { bindCheckoutLinks } from './bindCheckoutLinks';
import { open } from './open';
import { preloadCheckout } from './preloadCheckout';
import { TillError } from './TillError';
import type { TillGlobal } from './TillGlobal';

// The script-tag build. It adds to an existing `window.Till` rather than replacing it, and a second copy
// of the script changes nothing: the first copy's functions and link binding stay.
// Every byte of it ships on merchants' pages, so the loader's modules declare their functions as arrow functions:
// the minifier joins them into one `var` statement and drops each `function` and `return` (21 B gzip).
const script = document.currentScript as HTMLScriptElement | null;
const till: Partial<TillGlobal> = (window.Till ??= {} as TillGlobal);
// The first copy, unless told not to: a checkout opened on the page starts warm. An inline copy has no `src`.
if (!till.open && script?.src && !script.hasAttribute('data-no-preload')) preloadCheckout(script.src);
till.open ??= open;
till.TillError ??= TillError;
if (script?.hasAttribute('data-auto-init')) till.unbindCheckoutLinks ??= bindCheckoutLinks();
