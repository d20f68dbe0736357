import type { RefObject } from 'preact';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { useLocalization } from '../i18n/useLocalization';
import { lazyPart } from '../lazyPart';

/**
 * The countries' codes and their naming, a chunk of its own: naming them costs tens of milliseconds the first time
 * (Intl loads its region names), which the first field must not wait for (issue 13).
 */
const countryNames = lazyPart(() => import('./countryOptions'));

interface CountryFieldProps {
  value: string;
  error: string | undefined;
  inputRef: RefObject<HTMLElement>;
  onValueChange: (code: string) => void;
  onBlur: () => void;
  disabled?: boolean;
}

/**
 * The customer's country, which decides the tax: every ISO 3166-1 country named in the active language.
 * `autocomplete="country"` lets the browser fill in the code from the customer's saved address.
 */
export function CountryField({ value, error, inputRef, onValueChange, onBlur, disabled }: CountryFieldProps) {
  const { messages, locale } = useLocalization();
  const id = useId();
  const errorId = `${id}-error`;
  // The form shows first, the select with its prompt only; the countries come once the form is on the page. Should
  // their chunk fail, focusing the select asks for it again.
  const [names, setNames] = useState<typeof countryNames.current>();
  const loadNames = () => void countryNames.load().then(setNames, () => undefined);
  useEffect(loadNames, []);
  const options = useMemo(() => names?.countryOptions(locale) ?? [], [names, locale]);
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
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => onValueChange(event.currentTarget.value)}
        onBlur={onBlur}
        onFocus={names ? undefined : loadNames}
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
