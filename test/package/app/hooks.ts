// The hook entries' types, checked without React's or Preact's own types installed: they need neither.
import type { CheckoutHandle } from '@till-checkout/js';
import { useCheckout as usePreactCheckout } from '@till-checkout/js/preact';
import { useCheckout as useReactCheckout } from '@till-checkout/js/react';

export function useBuyCredits(token: string, framework: 'preact' | 'react'): () => CheckoutHandle {
  const useCheckout = framework === 'preact' ? usePreactCheckout : useReactCheckout;
  const { open } = useCheckout({ onSuccess: ({ creditsAdded }) => console.log(creditsAdded), onError: ({ error }) => console.log(error.code) });
  return () => open(token, { display: 'inline', container: '#checkout' });
}

export function hookCallsThatMustNotCompile(token: string) {
  const { open } = useReactCheckout();
  // @ts-expect-error: callbacks belong to useCheckout, not to its open
  open(token, { onSuccess: () => {} });
  // @ts-expect-error: not a callback useCheckout takes
  usePreactCheckout({ onClose: () => {} });
}
