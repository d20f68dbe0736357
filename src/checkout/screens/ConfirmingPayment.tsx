import { useLocalization } from '../i18n/useLocalization';
import { useFocusOnMount } from './useFocusOnMount';

/** A payment the processor accepted and settles later: said over the form until the outcome is known. */
export function ConfirmingPayment() {
  const { messages } = useLocalization();
  const text = useFocusOnMount<HTMLParagraphElement>();
  return (
    <div class="challenge challenge--confirming">
      <p class="card__text" role="status" tabIndex={-1} ref={text}>
        {messages.confirming}
      </p>
    </div>
  );
}
