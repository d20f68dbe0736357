// The chunk of `laterParts`.

// Checking the form, and what Pay sends.
export { validateCheckoutForm } from './form/validateCheckoutForm';
export { toPaymentAttempt } from './form/toPaymentAttempt';
export { createPayer } from './createPayer';
export { screenAfterSettling } from './screenAfterSettling';

// What a payment leads to, and how a refusal reads.
export { ChallengeFrame } from './screens/ChallengeFrame';
export { ConfirmingPayment } from './screens/ConfirmingPayment';
export { SuccessScreen } from './screens/SuccessScreen';
export { submitErrorOf } from './form/submitErrorOf';
export { humanErrorMessage } from './api/humanErrorMessage';

// The price explanation.
export { explainEstimate } from './order/explainEstimate';
export { openExplanationPopover } from './order/openExplanationPopover';

// English's words for all of the above.
export { completeMessages } from './i18n/completeMessages';
