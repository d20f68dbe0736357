import type { Ref } from 'preact';
import type { CheckoutField } from './checkoutFields';
import { TextField } from './TextField';
import { useLocalization } from './useLocalization';

/** What a field needs from the form's state. */
export interface FieldProps {
  value: string;
  error: string | undefined;
  inputRef: Ref<HTMLInputElement>;
  onValueChange: (value: string) => void;
}

export interface CardFieldsProps {
  field: (name: CheckoutField) => FieldProps;
  /** A new customer also gives their email and name. */
  collectsIdentity: boolean;
}

/** The inputs of the payment form: who is buying, when the server asks, then the card. */
export function CardFields({ field, collectsIdentity }: CardFieldsProps) {
  const { messages } = useLocalization();
  return (
    <>
      {collectsIdentity && (
        <>
          <TextField {...field('email')} label={messages.fields.email} name="email" type="email" autocomplete="email" inputmode="email" />
          <TextField {...field('name')} label={messages.fields.name} name="name" autocomplete="name" />
        </>
      )}
      <TextField
        {...field('cardNumber')}
        label={messages.fields.cardNumber}
        name="cardnumber"
        autocomplete="cc-number"
        inputmode="numeric"
        maxLength={26}
        placeholder={messages.placeholders.cardNumber}
      />
      <div class="form__row">
        <TextField
          {...field('expiry')}
          label={messages.fields.expiry}
          name="cc-exp"
          autocomplete="cc-exp"
          inputmode="numeric"
          maxLength={7}
          placeholder={messages.placeholders.expiry}
        />
        <TextField
          {...field('cvc')}
          label={messages.fields.cvc}
          name="cvc"
          autocomplete="cc-csc"
          inputmode="numeric"
          maxLength={4}
          placeholder={messages.placeholders.cvc}
        />
      </div>
    </>
  );
}
