/** The form's fields in the order they appear, which is also the order errors are focused in. */
export const checkoutFields = ['email', 'name', 'country', 'cardNumber', 'expiry', 'cvc'] as const;

export type CheckoutField = (typeof checkoutFields)[number];

export type CheckoutFormValues = Record<CheckoutField, string>;

/** An error sentence per invalid field; a field without an entry is valid. */
export type FieldErrors = Partial<Record<CheckoutField, string>>;

export const emptyCheckoutForm: CheckoutFormValues = { email: '', name: '', country: '', cardNumber: '', expiry: '', cvc: '' };
