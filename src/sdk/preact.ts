import { useCallback, useEffect, useRef } from 'preact/hooks';
import { createUseCheckout, type HookImplementation } from './createUseCheckout';

/** `import { useCheckout } from '@till-checkout/js/preact'` */
export const useCheckout = createUseCheckout({ useCallback, useEffect, useRef } as HookImplementation);
export type { CheckoutCallbacks } from './createUseCheckout';
