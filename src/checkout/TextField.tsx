import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  error: string | undefined;
  onValueChange: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
  autocomplete: string;
  type?: 'text' | 'email';
  inputmode?: 'numeric' | 'email' | 'text';
  maxLength?: number;
  placeholder?: string;
}

/** A labelled input whose error is announced with it (aria-describedby) and marks it invalid. */
export function TextField({ label, error, onValueChange, inputRef, type = 'text', ...input }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <input
        {...input}
        id={id}
        ref={inputRef}
        type={type}
        class="field__input"
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => onValueChange(event.currentTarget.value)}
      />
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
