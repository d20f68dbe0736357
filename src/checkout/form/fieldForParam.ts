import type { CheckoutField } from './checkoutFields';

const fieldsByParam: Record<string, CheckoutField> = {
  'customer.email': 'email',
  'customer.name': 'name',
  'customer.country': 'country',
  // PATCH /api/checkout/session names the country without the `customer.` prefix.
  country: 'country',
  'card.number': 'cardNumber',
  'card.exp_month': 'expiry',
  'card.exp_year': 'expiry',
  'card.cvc': 'cvc',
  // A decline names the payment method, which is the card the customer typed.
  payment_method: 'cardNumber',
};

/** The form field a server validation error (`param`) belongs to, or null when no field shows it. */
export function fieldForParam(param: string | null): CheckoutField | null {
  // hasOwn, so a param like "constructor" can't reach Object.prototype.
  if (param === null || !Object.hasOwn(fieldsByParam, param)) return null;
  return fieldsByParam[param] ?? null;
}
