// The chunk of `laterParts`.
export { ChallengeFrame } from './screens/ChallengeFrame';
export { ConfirmingPayment } from './screens/ConfirmingPayment';
export { SuccessScreen } from './screens/SuccessScreen';
export { createPayer } from './createPayer';
export { submitErrorOf } from './form/submitErrorOf';
export { toPaymentAttempt } from './form/toPaymentAttempt';
export { validateCheckoutForm } from './form/validateCheckoutForm';
export { explainEstimate } from './order/explainEstimate';
export { completeMessages } from './i18n/completeMessages';
export { humanErrorMessage } from './api/humanErrorMessage';
export { openExplanationPopover } from './order/openExplanationPopover';
