import { useCallback, useEffect, useRef } from 'react';
import { createUseCheckout, type HookImplementation } from './createUseCheckout';

/** `import { useCheckout } from '@till-checkout/js/react'` */
export const useCheckout = createUseCheckout({ useCallback, useEffect, useRef } as HookImplementation);
export type { CheckoutCallbacks } from './createUseCheckout';
