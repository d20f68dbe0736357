import type { ComponentChildren, RefObject } from 'preact';
import { useId } from 'preact/hooks';
import { cardBrandRules, detectCardBrand } from '../../protocol/cardNumbers';
import { formatCardNumber } from '../format/formatCardNumber';
import { formatExpiry } from '../format/formatExpiry';
import { useLocalization } from '../i18n/useLocalization';
import type { CheckoutField } from './checkoutFields';
import { CountryField } from './CountryField';
import { digitsOnly } from './digitsOnly';
import { TextField } from './TextField';

/** What a field needs from the form's state. */
export interface FieldProps {
  value: string;
  error: string | undefined;
  inputRef: RefObject<HTMLElement>;
  onValueChange: (value: string) => void;
  onBlur: () => void;
  disabled?: boolean;
}

export interface CardFieldsProps {
  field: (name: CheckoutField) => FieldProps;
  /** A new customer also gives their email, name and country. */
  collectsIdentity: boolean;
  /** The merchant fixed the email (`lock_email`): shown, not editable; its name explains why. */
  emailLockedBy: string | null;
  /** The processor's own card fields (Stripe's Payment Element), in place of the frame's. */
  processorFields?: ComponentChildren;
}

/** The inputs of the payment form: who is buying, when the server asks, then the card. */
export function CardFields({ field, collectsIdentity, emailLockedBy, processorFields }: CardFieldsProps) {
  const { messages } = useLocalization();
  const brandId = useId();
  const cardNumber = field('cardNumber');
  const brand = detectCardBrand(digitsOnly(cardNumber.value));
  return (
    <>
      {collectsIdentity && (
        <>
          <TextField
            {...field('email')}
            label={messages.fields.email}
            name="email"
            type="email"
            autocomplete="email"
            inputmode="email"
            readOnly={emailLockedBy !== null}
            hint={emailLockedBy === null ? undefined : messages.emailLocked(emailLockedBy)}
          />
          <TextField {...field('name')} label={messages.fields.name} name="name" autocomplete="name" />
          <CountryField {...field('country')} />
        </>
      )}
      {processorFields ?? <>
      <TextField
        {...cardNumber}
        label={messages.fields.cardNumber}
        name="cardnumber"
        autocomplete="cc-number"
        inputmode="numeric"
        maxLength={23}
        placeholder={messages.placeholders.cardNumber}
        format={formatCardNumber}
        // An error names the brand itself ("Visa card numbers have 16 digits"), so the brand is read only without one.
        describedBy={brand && !cardNumber.error ? brandId : undefined}
      >
        {brand && (
          <span class="field__brand" id={brandId}>
            {messages.cardBrands[brand]}
          </span>
        )}
      </TextField>
      <div class="form__row">
        <TextField
          {...field('expiry')}
          label={messages.fields.expiry}
          name="cc-exp"
          autocomplete="cc-exp"
          inputmode="numeric"
          maxLength={7}
          placeholder={messages.placeholders.expiry}
          format={formatExpiry}
        />
        <TextField
          {...field('cvc')}
          label={messages.fields.cvc}
          name="cvc"
          autocomplete="cc-csc"
          inputmode="numeric"
          maxLength={brand ? cardBrandRules[brand].cvcLength : 4}
          placeholder={messages.placeholders.cvc}
        />
      </div>
      </>}
    </>
  );
}
