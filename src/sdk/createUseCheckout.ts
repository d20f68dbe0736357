import { open, type CheckoutHandle, type OpenOptions } from './open';

export type CheckoutCallbacks = Pick<OpenOptions, 'onSuccess' | 'onPending' | 'onCancel' | 'onError'>;

/** The three hooks `useCheckout` needs; Preact's and React's both fit. */
export interface HookImplementation {
  useRef<T>(initial: T): { current: T };
  useEffect(effect: () => void | (() => void), deps: unknown[]): void;
  useCallback<T extends (...args: never[]) => unknown>(callback: T, deps: unknown[]): T;
}

/**
 * Builds `useCheckout({onSuccess, onPending, onCancel, onError}) → {open}`, the shape of Lava's `useLavaCheckout`, so
 * moving from it is a rename. The latest callbacks are the ones called, and unmounting closes its checkouts.
 */
export function createUseCheckout({ useRef, useEffect, useCallback }: HookImplementation) {
  return function useCheckout(callbacks: CheckoutCallbacks = {}) {
    const latest = useRef(callbacks);
    latest.current = callbacks;
    // Every checkout this component opened and that has not closed yet: unmounting closes them all.
    const openHandles = useRef(new Set<CheckoutHandle>());
    useEffect(() => () => openHandles.current.forEach((handle) => handle.close()), []);
    const openCheckout = useCallback((token: string, options: Omit<OpenOptions, keyof CheckoutCallbacks> = {}) => {
      const handle = open(token, {
        ...options,
        onSuccess: (result) => latest.current.onSuccess?.(result),
        onPending: (result) => latest.current.onPending?.(result),
        onCancel: (result) => latest.current.onCancel?.(result),
        onError: (result) => latest.current.onError?.(result),
      });
      openHandles.current.add(handle);
      handle.addEventListener('close', () => openHandles.current.delete(handle));
      return handle;
    }, []);
    return { open: openCheckout };
  };
}
