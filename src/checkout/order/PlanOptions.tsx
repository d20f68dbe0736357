import { useState } from 'preact/hooks';
import type { CheckoutSessionUpdate, PlanOption } from '../api/CheckoutApi';
import { updateFailureMessage } from '../api/updateFailureMessage';
import { formatCount } from '../format/formatCount';
import { formatMoney } from '../format/formatMoney';
import { formExtrasMessages } from '../i18n/formExtrasMessages';
import { useLocalization } from '../i18n/useLocalization';

interface PlanOptionsProps {
  options: PlanOption[];
  currentId: string;
  onUpdate: (changes: CheckoutSessionUpdate) => Promise<void>;
}

/** The plans the merchant lets the customer switch between (say monthly and yearly), as one radio group. */
export function PlanOptions({ options, currentId, onUpdate }: PlanOptionsProps) {
  const { messages, locale } = useLocalization();
  const extras = formExtrasMessages(messages);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(id: string) {
    setBusy(true);
    setError(null);
    try {
      await onUpdate({ subscription_config_id: id });
    } catch (failure) {
      setError(await updateFailureMessage(failure, messages));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset class="plans" disabled={busy}>
      <legend class="field__label">{extras.plans.legend}</legend>
      {options.map((option) => (
        <label class="plans__option" key={option.subscription_config_id}>
          <input
            type="radio"
            name="plan"
            value={option.subscription_config_id}
            checked={option.subscription_config_id === currentId}
            onChange={() => void choose(option.subscription_config_id)}
          />
          <span>
            {extras.plans.option(
              option.name,
              messages.pricePerInterval(
                formatMoney(option.price, option.currency, locale),
                option.billing_interval,
                formatCount(option.interval_count, locale),
              ),
            )}
          </span>
        </label>
      ))}
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
