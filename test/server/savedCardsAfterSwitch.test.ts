import { describe, expect, it } from 'vitest';
import type { PaymentTakenBy } from '../../src/server/payments/ProcessorFor';
import type { FakeStripe } from './support/fakeStripe';
import { advanceClockPast, invoicesOf, renewDue, subscriptionOf } from './support/renewals';
import { useSwitchingMerchant } from './support/switchingMerchant';
import { expectApiError, newCustomer, secretOf, validCard } from './support/testServer';

// A saved card is an id only the processor, and for Stripe the account, that saved it can charge (migration 028).
// After the merchant moves, a subscriber's renewals are still charged there, and a returning customer is not offered
// the card for one step until they give one the new processor takes.
const { till, moveTo, currentCredentials, accountA, accountB } = useSwitchingMerchant();

type Place = FakeStripe | 'test';

/** Moves the merchant to `place`, answering who takes its payments from now on. */
async function moveAndName(place: Place): Promise<PaymentTakenBy> {
  await moveTo(place);
  return { processor: place === 'test' ? 'test' : 'stripe', processor_credentials_id: await currentCredentials() };
}

/** A Visa tokenized where the checkout frame tokenizes it: the test processor's fields, or Stripe.js at `place`. */
async function cardAt(place: Place): Promise<string> {
  const card = validCard();
  if (place === 'test') return (await till.createPaymentMethod(card)).body.id;
  const { host, port } = place.api;
  const form = { type: 'card', 'card[number]': card.number, 'card[exp_month]': String(card.exp_month), 'card[exp_year]': String(card.exp_year), key: place.publishableKey };
  const response = await fetch(`http://${host}:${port}/v1/payment_methods`, { method: 'POST', body: new URLSearchParams(form) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** A new customer's subscription to the demo plan, paid with `paymentMethod`. */
async function subscribe(paymentMethod: string) {
  const session = await till.createSession();
  const completed = await till.complete(secretOf(session), { customer: newCustomer(), payment_method: paymentMethod });
  expect(completed.body).toMatchObject({ status: 'completed' });
  return { subscriptionId: completed.body.subscription_id as string, connectionId: completed.body.connection_id as string };
}

/** Who took a payment: a checkout's last, or an invoice's charge. */
async function takerOfPayment(column: 'checkout_session_id' | 'invoice_id', id: string) {
  const [row] = await till.db.query<PaymentTakenBy>(
    `SELECT processor, processor_credentials_id FROM payments WHERE ${column} = $1 ORDER BY created_at DESC LIMIT 1`,
    [id],
  );
  return row;
}

/** The subscription's next period falls due and the worker renews it: its invoice, and who charged it. */
async function renew(subscriptionId: string) {
  await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
  await renewDue(till);
  const [invoice] = await invoicesOf(till, subscriptionId);
  return { invoice, chargedBy: await takerOfPayment('invoice_id', invoice.invoice_id) };
}

/** A returning customer's checkout of a credit bundle (it starts no subscription), as the app's view shows it. */
async function returningCheckout(connectionId: string) {
  const session = await till.createBundleSession(connectionId);
  const view = await till.getSessionView(secretOf(session));
  return { secret: secretOf(session), sessionId: session.checkout_session_id, savedCard: view.body.saved_card };
}

const SWITCHES: { name: string; from: () => Place; to: () => Place }[] = [
  { name: 'from the test processor to Stripe', from: () => 'test', to: accountA },
  { name: 'from Stripe to the test processor', from: accountA, to: () => 'test' },
  { name: 'to the keys of another Stripe account', from: accountA, to: accountB },
];

describe.each(SWITCHES)('a merchant that moves $name', ({ from, to }) => {
  it('renews an existing subscriber with the processor and keys that saved their card, and a new customer with the new ones', async () => {
    const old = await moveAndName(from());
    const existing = await subscribe(await cardAt(from()));
    const now = await moveAndName(to());
    const added = await subscribe(await cardAt(to()));

    const renewed = await renew(existing.subscriptionId);
    expect(renewed.invoice).toMatchObject({ status: 'paid' });
    expect(renewed.chargedBy).toEqual(old);
    expect((await subscriptionOf(till, existing.subscriptionId)).status).toBe('active');
    const renewedAdded = await renew(added.subscriptionId);
    expect(renewedAdded.invoice).toMatchObject({ status: 'paid' });
    expect(renewedAdded.chargedBy).toEqual(now);
  });

  it('offers the saved card for one step again only once the customer saved one the new processor took, and renews on it', async () => {
    await moveAndName(from());
    const { subscriptionId, connectionId } = await subscribe(await cardAt(from()));
    const now = await moveAndName(to());

    const before = await returningCheckout(connectionId);
    expect(before.savedCard).toBeNull();
    expectApiError(await till.complete(before.secret, { use_saved_card: true }), 'validation_error', 'use_saved_card');
    expect((await till.complete(before.secret, { payment_method: await cardAt(to()) })).body).toMatchObject({ status: 'completed' });
    expect(await takerOfPayment('checkout_session_id', before.sessionId)).toEqual(now);

    const after = await returningCheckout(connectionId);
    expect(after.savedCard).toEqual({ brand: 'visa', last4: '4242' });
    expect((await till.complete(after.secret, { use_saved_card: true })).body).toMatchObject({ status: 'completed' });
    expect(await takerOfPayment('checkout_session_id', after.sessionId)).toEqual(now);
    // The subscription renewed on the card it replaced, and moved to it.
    const { invoice, chargedBy } = await renew(subscriptionId);
    expect(invoice).toMatchObject({ status: 'paid' });
    expect(chargedBy).toEqual(now);
  });
});

describe('a subscriber whose card was saved with Stripe keys the store forgot before migration 027', () => {
  it('has its renewal declined without asking any processor, and is past due, so the customer is asked to pay again', async () => {
    await moveAndName(accountA());
    const { subscriptionId } = await subscribe(await cardAt(accountA()));
    // As migration 028 names a card whose payment kept no keys.
    await till.db.query('UPDATE subscriptions SET payment_method_credentials_id = NULL WHERE subscription_id = $1', [subscriptionId]);

    const { invoice, chargedBy } = await renew(subscriptionId);
    expect(invoice).toMatchObject({ status: 'open', attempts: 1 });
    expect(chargedBy).toBeUndefined();
    expect(accountA().requests.filter((request) => request.idempotencyKey?.startsWith(`renewal_${subscriptionId}`))).toHaveLength(0);
    expect((await subscriptionOf(till, subscriptionId)).status).toBe('past_due');
  });
});

describe('a merchant that saves the keys of the same Stripe account again (another webhook secret, a rolled secret key)', () => {
  it('still offers its customers’ saved cards for one step, and charges them and renewals with the newest keys', async () => {
    await moveAndName(accountA());
    const { subscriptionId, connectionId } = await subscribe(await cardAt(accountA()));
    const newest = await moveAndName(accountA());

    const { invoice, chargedBy } = await renew(subscriptionId);
    expect(invoice).toMatchObject({ status: 'paid' });
    expect(chargedBy).toEqual(newest);
    const checkout = await returningCheckout(connectionId);
    expect(checkout.savedCard).toEqual({ brand: 'visa', last4: '4242' });
    expect((await till.complete(checkout.secret, { use_saved_card: true })).body).toMatchObject({ status: 'completed' });
    expect(await takerOfPayment('checkout_session_id', checkout.sessionId)).toEqual(newest);
  });
});
