import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MountedPaymentElement } from '../stripe/mountPaymentElement';
import { useLocalization } from '../i18n/useLocalization';

interface StripePaymentElementProps {
  publishableKey: string;
  /** What Pay charges, as the server's decimal string ("19.00", "1900" for yen). */
  amount: string;
  currency: string;
  /** Where the form finds the mounted Element, to make the card a payment method when Pay is pressed. */
  element: MutableRef<MountedPaymentElement | null>;
}

/**
 * Where a Stripe merchant's card fields go: Stripe's Payment Element, mounted from a chunk of its own (dynamic
 * `import()`), so Stripe.js and its loader cost the test processor's sessions nothing, not even a request.
 */
export function StripePaymentElement({ publishableKey, amount, currency, element }: StripePaymentElementProps) {
  const { messages, locale } = useLocalization();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // The server's decimal string has exactly the currency's digits after the point: without it, minor units.
  const minorUnits = Number(amount.replace('.', ''));

  useEffect(() => {
    let mounted: MountedPaymentElement | null = null;
    let gone = false;
    import('../stripe/mountPaymentElement')
      .then(({ mountPaymentElement }) =>
        mountPaymentElement(container.current!, { publishableKey, amount: minorUnits, currency, locale }),
      )
      .then((made) => {
        if (gone) return made.destroy();
        mounted = element.current = made;
      })
      .catch(() => !gone && setFailed(true));
    return () => {
      gone = true;
      mounted?.destroy();
      element.current = null;
    };
    // Mounted once per key and language; a new total is an update (below), which keeps what the customer typed.
  }, [publishableKey, locale]);

  useEffect(() => element.current?.updateAmount(minorUnits), [minorUnits]);

  return (
    <div class="stripe-element" ref={container}>
      {failed && (
        <p class="form__alert" role="alert">
          {messages.paymentUnreachable}
        </p>
      )}
    </div>
  );
}
