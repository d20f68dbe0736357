import type { ComponentChildren, RefObject } from 'preact';
import { useId } from 'preact/hooks';
import { caretAfterDigits } from './caretAfterDigits';

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  error: string | undefined;
  onValueChange: (value: string) => void;
  onBlur: () => void;
  inputRef: RefObject<HTMLElement>;
  autocomplete: string;
  type?: 'text' | 'email';
  inputmode?: 'numeric' | 'email' | 'text';
  maxLength?: number;
  placeholder?: string;
  readOnly?: boolean;
  /** A sentence under the field that stays, read with it (aria-describedby) like the error. */
  hint?: string;
  /** Rewrites the value as it is typed (a card number's spaces), keeping the caret among the same digits. */
  format?: (value: string) => string;
  /** Shown inside the field's end, such as the card brand; give it an id and pass it in `describedBy`. */
  children?: ComponentChildren;
  describedBy?: string;
}

/** A labelled input whose error is announced with it (aria-describedby) and marks it invalid. */
export function TextField({ label, error, onValueChange, inputRef, type = 'text', hint, format, children, describedBy, ...input }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [describedBy, hint && hintId, error && errorId].filter(Boolean).join(' ');

  function onInput(event: { currentTarget: HTMLInputElement }) {
    const field = event.currentTarget;
    if (format) {
      const digitsBefore = field.value.slice(0, field.selectionStart ?? field.value.length).replace(/\D/g, '').length;
      const formatted = format(field.value);
      if (formatted !== field.value) {
        field.value = formatted;
        const caret = caretAfterDigits(formatted, digitsBefore);
        field.setSelectionRange(caret, caret);
      }
    }
    onValueChange(field.value);
  }

  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <div class="field__control">
        <input
          {...input}
          id={id}
          ref={inputRef as RefObject<HTMLInputElement>}
          type={type}
          class="field__input"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described || undefined}
          onInput={onInput}
        />
        {children}
      </div>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
