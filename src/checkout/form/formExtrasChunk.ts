// The chunk of `formExtras`.
export { CreditBalance } from '../order/CreditBalance';
export { PlanOptions } from '../order/PlanOptions';
export { PromotionCodeField } from '../order/PromotionCodeField';
export { SeatsField } from '../order/SeatsField';
export { StripePaymentElement } from './StripePaymentElement';
