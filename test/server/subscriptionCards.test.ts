import { describe, expect, it } from 'vitest';
import { advanceClockPast, buySubscription, invoicesOf, renewalCardsOf, renewDue, subscriptionOf } from './support/renewals';
import { secretOf, useTestServer, validCard } from './support/testServer';

/**
 * Migration 025: a subscription renews on the card that paid for it, taxed for the country it was bought in. A
 * checkout without `connection_id` is matched to a connection by email alone (seed 003), so whoever types a
 * customer's address may buy for that connection; they must not put their card on the customer's renewals, nor
 * renew their own subscription on the customer's card, nor change the customer's tax.
 */
const till = useTestServer();

const VISA = '4242424242424242';
const MASTERCARD = '5555555555554444';
const DISCOVER = '6011111111111117';

/** A customer of the demo plan (19.00 USD a month, tax on top) in Germany (19 %), paying with a Visa. */
async function customerInGermany() {
  const bought = await buySubscription(till, { customer: { country: 'DE' } }, validCard(VISA));
  const { customer } = await till.getConnection(bought.connectionId);
  return { ...bought, email: customer.email as string };
}

/** Someone else who types the customer's email and buys two Team seats (24.00 USD a month) from France (20 %). */
async function strangerWithTheEmailOf(email: string, number: string) {
  const { team } = await till.plans();
  const session = await till.createSession({ subscription_config_id: team, quantity: 2, customer: { email, name: 'Not Them', country: 'FR' } });
  const paid = await till.complete(secretOf(session), { card: validCard(number) });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return paid.body as { connection_id: string; subscription_id: string };
}

async function savedCardOf(connectionId: string) {
  const [row] = await till.db.query('SELECT card_brand, card_last4, country FROM connections WHERE connection_id = $1', [connectionId]);
  return row;
}

/** Renews the subscription's next period and answers its invoices. */
async function renewNextPeriod(subscriptionId: string) {
  await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
  await renewDue(till);
  return invoicesOf(till, subscriptionId);
}

describe('a checkout matched to a connection by email', () => {
  it('leaves the connection’s saved card and country as they were', async () => {
    const customer = await customerInGermany();
    const stranger = await strangerWithTheEmailOf(customer.email, MASTERCARD);
    expect(stranger.connection_id).toBe(customer.connectionId);
    expect(await savedCardOf(customer.connectionId)).toStrictEqual({ card_brand: 'visa', card_last4: '4242', country: 'DE' });

    // The customer's next checkout offers their own card, and prefills their own country.
    const bundle = await till.createBundleSession(customer.connectionId);
    const view = await till.getSessionView(secretOf(bundle));
    expect(view.body).toMatchObject({ saved_card: { brand: 'visa', last4: '4242' }, country: 'DE' });
  });

  it('leaves the customer’s subscription renewing on the customer’s card, taxed for their country', async () => {
    const customer = await customerInGermany();
    await strangerWithTheEmailOf(customer.email, MASTERCARD);
    expect(await renewNextPeriod(customer.subscriptionId)).toStrictEqual([
      expect.objectContaining({ status: 'paid', subtotal: '19.00', tax: '3.61', amount: '22.61' }),
    ]);
    expect(await renewalCardsOf(till, customer.subscriptionId)).toStrictEqual(['4242']);
  });

  it('renews the subscription it started on the card that paid for it, taxed for the country it was bought in', async () => {
    const customer = await customerInGermany();
    const stranger = await strangerWithTheEmailOf(customer.email, MASTERCARD);
    expect(await renewNextPeriod(stranger.subscription_id)).toStrictEqual([
      expect.objectContaining({ status: 'paid', subtotal: '24.00', tax: '4.80', amount: '28.80' }),
    ]);
    expect(await renewalCardsOf(till, stranger.subscription_id)).toStrictEqual(['4444']);
  });
});

describe('a checkout whose session names the connection', () => {
  it('saves the card paid with on the connection, and the customer’s subscription renews on it', async () => {
    const customer = await customerInGermany();
    const session = await till.createBundleSession(customer.connectionId);
    expect((await till.complete(secretOf(session), { card: validCard(MASTERCARD) })).status).toBe(200);
    expect(await savedCardOf(customer.connectionId)).toStrictEqual({ card_brand: 'mastercard', card_last4: '4444', country: 'DE' });
    await renewNextPeriod(customer.subscriptionId);
    expect(await renewalCardsOf(till, customer.subscriptionId)).toStrictEqual(['4444']);
  });

  it('does not move a subscription someone else bought with their own card for the connection', async () => {
    const customer = await customerInGermany();
    const stranger = await strangerWithTheEmailOf(customer.email, DISCOVER);
    const session = await till.createBundleSession(customer.connectionId);
    expect((await till.complete(secretOf(session), { card: validCard(MASTERCARD) })).status).toBe(200);
    await renewNextPeriod(stranger.subscription_id);
    expect(await renewalCardsOf(till, stranger.subscription_id)).toStrictEqual(['1117']);
  });
});

describe('a subscription made before migration 025', () => {
  it('renews on the connection’s saved card, taxed for the connection’s country', async () => {
    const customer = await customerInGermany();
    await till.db.query('UPDATE subscriptions SET payment_method_id = NULL, country = NULL WHERE subscription_id = $1', [customer.subscriptionId]);
    const mastercard = await till.createPaymentMethod(validCard(MASTERCARD));
    await till.db.query("UPDATE connections SET payment_method_id = $2, country = 'FR' WHERE connection_id = $1", [customer.connectionId, mastercard.body.id]);
    expect(await renewNextPeriod(customer.subscriptionId)).toStrictEqual([
      expect.objectContaining({ status: 'paid', subtotal: '19.00', tax: '3.80', amount: '22.80' }),
    ]);
    expect(await renewalCardsOf(till, customer.subscriptionId)).toStrictEqual(['4444']);
  });
});
