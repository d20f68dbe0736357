import type { ApiRoutes } from './ApiRoute';
import { checkoutUpdate } from './checkout/checkoutUpdate';
import { checkoutView } from './checkout/checkoutView';
import { completeCheckoutBody } from './checkout/completeCheckoutBody';
import { completedCheckout } from './checkout/completedCheckout';

/**
 * The checkout app's own API, under `/api/checkout`: authorised by the session's secret as a bearer token (never
 * in a URL), and seeing nothing but that one session. The server validates with these schemas, and the app takes
 * its types from them, so neither can drift from the other.
 */
export const checkoutRoutes = {
  getCheckout: {
    method: 'get',
    path: '/api/checkout/session',
    auth: 'session_secret',
    tag: 'Checkout app',
    summary: 'Show the checkout',
    description: 'The checkout as the customer sees it, in any status: a completed or expired one is shown, not refused.',
    response: { status: 200, body: checkoutView },
    errors: [],
  },
  updateCheckout: {
    method: 'patch',
    path: '/api/checkout/session',
    auth: 'session_secret',
    tag: 'Checkout app',
    summary: 'Change the customer’s choices',
    description:
      'Another of the checkout’s plans, seats within the plan’s range, a promotion code (where the merchant allows them), ' +
      'or the country that prices tax; all are checked before any is stored. Answers with the new view.',
    body: checkoutUpdate,
    response: { status: 200, body: checkoutView },
    errors: [
      'session_completed',
      'session_expired',
      'payment_in_progress',
      'already_subscribed',
      'promotion_codes_not_allowed',
      'promotion_code_not_found',
      'promotion_code_expired',
      'promotion_code_exhausted',
      'promotion_code_not_applicable',
    ],
  },
  completeCheckout: {
    method: 'post',
    path: '/api/checkout/complete',
    auth: 'session_secret',
    tag: 'Checkout app',
    summary: 'Pay',
    description:
      'Charges the server’s own total (`estimate.due_today.total`) with the card the processor tokenized ' +
      '(`payment_method`) and starts the subscription or adds the credit. With an `Idempotency-Key` header (1 to 255 ' +
      'printable ASCII characters), the first outcome that charged, a success or a decline, is answered again to a ' +
      'retry with the key, which charges nothing. A payment that waits for the customer’s bank (`requires_action`) or ' +
      'to settle (`processing`) is asked after with the same request and key.',
    body: completeCheckoutBody,
    response: { status: 200, body: completedCheckout },
    errors: [
      'session_completed',
      'session_expired',
      'email_locked',
      'already_subscribed',
      'subscription_required',
      // A code that expired or ran out since the customer saw its discount: it is removed, and the payment refused.
      'promotion_code_expired',
      'promotion_code_exhausted',
      // The total changed since the customer saw it (a tax rate replaced meanwhile): nothing is charged.
      'total_changed',
      'card_declined',
      'payment_in_progress',
    ],
  },
} satisfies ApiRoutes;
