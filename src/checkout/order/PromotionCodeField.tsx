import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CheckoutSessionUpdate, PromotionSummary } from '../api/CheckoutApi';
import { updateFailureMessage } from '../api/updateFailureMessage';
import { formExtrasMessages } from '../i18n/formExtrasMessages';
import { useLocalization } from '../i18n/useLocalization';

interface PromotionCodeFieldProps {
  promotion: PromotionSummary | null;
  onUpdate: (changes: CheckoutSessionUpdate) => Promise<void>;
}

/**
 * Apply or remove a promotion code. Its own form, apart from the payment form, so Enter here applies the code
 * instead of paying. The server judges the code and its sentence is shown as is ("This code has expired.").
 */
export function PromotionCodeField({ promotion, onUpdate }: PromotionCodeFieldProps) {
  const { messages } = useLocalization();
  const extras = formExtrasMessages(messages);
  const id = useId();
  const errorId = `${id}-error`;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Applying swaps the input for the Remove button and back; focus follows, so a keyboard user is not dropped.
  const moveFocus = useRef(false);
  const focusTarget = useRef<HTMLInputElement & HTMLButtonElement>(null);
  const hasPromotion = promotion !== null;
  useEffect(() => {
    // After busy clears: the Remove button is disabled until then, and a disabled button takes no focus.
    if (!moveFocus.current || busy) return;
    moveFocus.current = false;
    focusTarget.current?.focus();
  }, [hasPromotion, busy]);

  async function change(promotionCode: string | null) {
    setBusy(true);
    setError(null);
    try {
      moveFocus.current = true;
      await onUpdate({ promotion_code: promotionCode });
      setCode('');
    } catch (failure) {
      moveFocus.current = false;
      setError(await updateFailureMessage(failure, messages));
    } finally {
      setBusy(false);
    }
  }

  function apply(event: Event) {
    event.preventDefault();
    if (code.trim() === '') setError(extras.promotion.empty);
    else void change(code.trim());
  }

  if (promotion) {
    return (
      <div class="promotion">
        <p class="promotion__applied">
          {promotion.applies ? extras.promotion.applied(promotion.code) : extras.promotion.notApplicable(promotion.code)}
        </p>
        <button type="button" class="text-button" ref={focusTarget} disabled={busy} onClick={() => void change(null)}>
          {extras.promotion.remove}
        </button>
        {error && (
          <p class="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <form class="promotion field" noValidate onSubmit={apply}>
      <label class="field__label" for={id}>
        {extras.promotion.label}
      </label>
      <div class="promotion__row">
        <input
          id={id}
          ref={focusTarget}
          class="field__input"
          name="promotion-code"
          autocomplete="off"
          spellcheck={false}
          value={code}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(event) => {
            setCode(event.currentTarget.value);
            setError(null);
          }}
        />
        <button type="submit" class="button button--secondary" disabled={busy}>
          {extras.promotion.apply}
        </button>
      </div>
      {error && (
        <p class="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
