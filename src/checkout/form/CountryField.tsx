import type { RefObject } from 'preact';
import { useId, useMemo } from 'preact/hooks';
import { useLocalization } from '../i18n/useLocalization';
import { countryOptions } from './countryOptions';

interface CountryFieldProps {
  value: string;
  error: string | undefined;
  inputRef: RefObject<HTMLElement>;
  onValueChange: (code: string) => void;
  onBlur: () => void;
}

/**
 * The customer's country, which decides the tax: every ISO 3166-1 country named in the active language.
 * `autocomplete="country"` lets the browser fill in the code from the customer's saved address.
 */
export function CountryField({ value, error, inputRef, onValueChange, onBlur }: CountryFieldProps) {
  const { messages, locale } = useLocalization();
  const id = useId();
  const errorId = `${id}-error`;
  const options = useMemo(() => countryOptions(locale), [locale]);
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {messages.fields.country}
      </label>
      <select
        id={id}
        ref={inputRef as RefObject<HTMLSelectElement>}
        name="country"
        class="field__input"
        autocomplete="country"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => onValueChange(event.currentTarget.value)}
        onBlur={onBlur}
      >
        <option value="" disabled>
          {messages.placeholders.country}
        </option>
        {options.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
