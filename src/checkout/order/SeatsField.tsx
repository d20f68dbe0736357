import { useId, useRef, useState } from 'preact/hooks';
import type { CheckoutSessionUpdate } from '../api/CheckoutApi';
import { updateFailureMessage } from '../api/updateFailureMessage';
import { formatCount } from '../format/formatCount';
import { formExtrasMessages } from '../i18n/formExtrasMessages';
import { useLocalization } from '../i18n/useLocalization';

interface SeatsFieldProps {
  quantity: number;
  limits: { min_quantity: number; max_quantity: number };
  onUpdate: (changes: CheckoutSessionUpdate) => Promise<void>;
}

/**
 * The number of seats, within the plan's range; each change asks the server for the new total. The step buttons
 * stay enabled while a change is on its way (a click then is ignored): disabling them would drop the keyboard
 * focus of someone pressing + repeatedly.
 */
export function SeatsField({ quantity, limits, onUpdate }: SeatsFieldProps) {
  const { messages, locale } = useLocalization();
  const extras = formExtrasMessages(messages);
  const id = useId();
  const { min_quantity: min, max_quantity: max } = limits;
  // What the customer is typing, until it is committed; otherwise the input shows the server's quantity.
  const [draft, setDraft] = useState<string | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: two clicks in one tick would both still see the state from before the first.
  const busy = useRef(false);

  async function commit(wanted: number) {
    if (busy.current) return;
    const seats = Number.isInteger(wanted) ? Math.min(Math.max(wanted, min), max) : quantity;
    setDraft(null);
    if (seats === quantity) return;
    busy.current = true;
    setPending(seats);
    setError(null);
    try {
      await onUpdate({ quantity: seats });
    } catch (failure) {
      setError(await updateFailureMessage(failure, messages));
    } finally {
      busy.current = false;
      setPending(null);
    }
  }

  return (
    <div class="field seats">
      <label class="field__label" for={id}>
        {extras.seats.label}
      </label>
      <div class="seats__row">
        <button
          type="button"
          class="button button--secondary seats__step"
          aria-label={extras.seats.fewer}
          disabled={quantity <= min}
          onClick={() => void commit(quantity - 1)}
        >
          −
        </button>
        <input
          id={id}
          class="field__input seats__input"
          type="number"
          inputmode="numeric"
          min={min}
          max={max}
          value={draft ?? String(pending ?? quantity)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? 'true' : undefined}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={(event) => void commit(Number(event.currentTarget.value))}
        />
        <button
          type="button"
          class="button button--secondary seats__step"
          aria-label={extras.seats.more}
          disabled={quantity >= max}
          onClick={() => void commit(quantity + 1)}
        >
          +
        </button>
      </div>
      <p class="field__hint" id={`${id}-hint`}>
        {extras.seats.range(formatCount(min, locale), formatCount(max, locale))}
      </p>
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
