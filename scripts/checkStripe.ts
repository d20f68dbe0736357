/**
 * `npm run check:stripe`: the `stripe` processor against Stripe's own test mode, which the test suite never reaches
 * (it runs against a local fake). Three payments through the adapter, as Till makes them:
 *
 * 1. a purchase with a card that succeeds, saving the card for renewals;
 * 2. a purchase with a 3-D Secure card, which must ask for authentication (`requires_action`, for Stripe.js's
 *    `handleNextAction` in the frame);
 * 3. a renewal: an off-session charge of the card saved by the first.
 *
 * Cards are made from Stripe's test tokens with the publishable key, as the checkout frame will make them. Test keys
 * only: nothing here moves money. Not part of `npm test`, which sends nothing off the machine.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { ProcessorPayment } from '../src/server/payments/PaymentProcessor';
import { createStripeProcessor, stripeKeyMode } from '../src/server/payments/stripe/createStripeProcessor';

const { STRIPE_SECRET_KEY: secretKey, STRIPE_PUBLISHABLE_KEY: publishableKey } = process.env;

if (!secretKey || !publishableKey) {
  console.log(`check:stripe pays three test payments through Till's Stripe adapter, against Stripe's test mode.
Set the test keys of a Stripe account (Dashboard → Developers → API keys) and run it again:

  STRIPE_SECRET_KEY=sk_test_… STRIPE_PUBLISHABLE_KEY=pk_test_… npm run check:stripe

Nothing was sent to Stripe.`);
  process.exit(0);
}
if (stripeKeyMode(secretKey) !== 'test' || stripeKeyMode(publishableKey) !== 'test') {
  console.error('check:stripe takes test keys only (sk_test_…, pk_test_…): it must never move real money.');
  process.exit(2);
}

const processor = await createStripeProcessor({ secretKey });
const browser = new Stripe(publishableKey);
const run = randomUUID();
let failures = 0;

/** A card as Stripe.js makes one in the frame: from a test token, with the publishable key. */
async function card(token: string) {
  return (await browser.paymentMethods.create({ type: 'card', card: { token } })).id;
}

function report(name: string, payment: ProcessorPayment, expected: ProcessorPayment['status']) {
  const ok = payment.status === expected;
  if (!ok) failures += 1;
  const detail = payment.status === 'requires_action' ? ` → ${payment.action.type}` : payment.status === 'declined' ? ` (${payment.declineCode})` : '';
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${payment.id} ${payment.status}${detail}, ${payment.card.brand} …${payment.card.last4} (expected ${expected})`);
}

const request = (step: string, paymentMethodId: string) => ({
  idempotencyKey: `check-stripe:${run}:${step}`, amount: 1900, currency: 'USD', paymentMethodId, livemode: false,
});

const visa = await card('tok_visa');
report('purchase', await processor.confirmPayment({ ...request('purchase', visa), savePaymentMethod: true }), 'succeeded');

const challenged = await processor.confirmPayment({ ...request('3ds', await card('tok_threeDSecure2Required')), savePaymentMethod: true });
report('3-D Secure purchase', challenged, 'requires_action');
// Left unanswered, as a customer who goes away would leave it.
if (challenged.status === 'requires_action') await processor.cancelPayment(challenged.id);

report('renewal (off session)', await processor.chargeOffSession(request('renewal', visa)), 'succeeded');

console.log(failures === 0 ? 'check:stripe: all three as expected.' : `check:stripe: ${failures} not as expected.`);
process.exitCode = failures === 0 ? 0 : 1;
