import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves focus to the element when a new screen appears, so keyboard and screen reader users land on it
 * instead of on a button that no longer exists. The element needs tabIndex={-1} unless it is focusable.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
