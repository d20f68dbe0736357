import { describe, expect, it } from 'vitest';
import { advanceClockPast, buySubscription, invoicesOf, renewDue, subscriptionOf } from './support/renewals';
import { DECLINED_VISA, expectApiError, newCustomer, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';

const till = useTestServer();

/** A new customer's declined attempt and the 19.00 USD payment that followed it; their ids. */
async function payments() {
  const session = await till.createSession();
  const customer = newCustomer();
  await till.complete(secretOf(session), newCustomerPayment({ customer, card: validCard(DECLINED_VISA) }));
  expect((await till.complete(secretOf(session), newCustomerPayment({ customer }))).status).toBe(200);
  const listed = (await till.api('GET', `/v1/payments?checkout_session_id=${session.checkout_session_id}`)).body.data;
  return { declined: listed[0].payment_id as string, paid: listed[1].payment_id as string, sessionId: session.checkout_session_id };
}

const refund = (paymentId: string, body: object = {}, headers: Record<string, string> = {}, key?: string) =>
  till.api('POST', `/v1/payments/${paymentId}/refund`, { body, headers, key });
const refunded = async (sessionId: string, paymentId: string) =>
  (await till.api('GET', `/v1/payments?checkout_session_id=${sessionId}`)).body.data.find((p: { payment_id: string }) => p.payment_id === paymentId)
    .amount_refunded;

describe('POST /v1/payments/:id/refund', () => {
  it('gives back all of a payment by default, records payment.refunded, and refuses a second refund', async () => {
    const { paid, sessionId } = await payments();
    const response = await refund(paid, { reason: 'requested_by_customer' });
    expect(response.status).toBe(201);
    expect(response.body).toStrictEqual({
      refund_id: expect.stringMatching(/^re_test_[0-9A-Z]{26}$/),
      livemode: false,
      payment_id: paid,
      amount: '19.00',
      currency: 'USD',
      reason: 'requested_by_customer',
      created_at: expect.any(String),
    });
    expect(await refunded(sessionId, paid)).toBe('19.00');
    const events = (await till.api('GET', '/v1/events?type=payment.refunded&limit=100')).body.data;
    expect(events.filter((event: { data: { refund_id: string } }) => event.data.refund_id === response.body.refund_id)).toMatchObject([
      { data: response.body },
    ]);
    expectApiError(await refund(paid), 'payment_not_refundable', 'id');
  });

  it('refunds in parts, never more than was paid', async () => {
    const { paid, sessionId } = await payments();
    expect((await refund(paid, { amount: '5.00' })).body.amount).toBe('5.00');
    expectApiError(await refund(paid, { amount: '14.01' }), 'validation_error', 'amount');
    expect((await refund(paid, { amount: '14' })).body.amount).toBe('14.00');
    expect(await refunded(sessionId, paid)).toBe('19.00');
    const [intent] = await till.db.query<{ amount_refunded: number }>(
      'SELECT i.amount_refunded FROM test_payment_intents i JOIN payments p ON p.processor_payment_id = i.payment_intent_id WHERE p.payment_id = $1',
      [paid],
    );
    expect(intent?.amount_refunded).toBe(1900);
  });

  it('lets only one of two refunds at once take what is left', async () => {
    const { paid } = await payments();
    const answers = await Promise.all([refund(paid, { amount: '15.00' }), refund(paid, { amount: '15.00' })]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([201, 400]);
  });

  it.each([
    ['nothing', '0'],
    ['a negative amount', '-1.00'],
    ['more decimals than the currency has', '1.005'],
    ['not a number', 'all'],
  ])('refuses %s as the amount', async (_, amount) => {
    const { paid } = await payments();
    expectApiError(await refund(paid, { amount }), 'validation_error', 'amount');
  });

  it('refuses a declined payment, another merchant’s, and an unknown one', async () => {
    const { declined, paid } = await payments();
    expectApiError(await refund(declined), 'payment_not_refundable', 'id');
    const other = await till.insertOtherMerchant();
    expectApiError(await refund(paid, {}, {}, other.apiKey), 'resource_missing', 'id');
    expectApiError(await refund('pay_test_00000000000000000000000000'), 'resource_missing', 'id');
  });

  it('refuses a Stripe payment whose keys were replaced before Till kept every set, saying where to refund it', async () => {
    const { paid, sessionId } = await payments();
    // As migration 027 left such a payment: taken by Stripe, by keys of which 017 had kept no copy.
    await till.db.query("UPDATE payments SET processor = 'stripe', processor_credentials_id = NULL WHERE payment_id = $1", [paid]);
    const response = await refund(paid);
    expectApiError(response, 'payment_not_refundable', 'id');
    expect(response.body.error.message).toMatch(/Stripe Dashboard/);
    expect(await refunded(sessionId, paid)).toBe('0.00');
  });

  it('refunds once for a retried request with the same Idempotency-Key', async () => {
    const { paid, sessionId } = await payments();
    const key = { 'Idempotency-Key': `refund-${paid}` };
    const [first, again] = [await refund(paid, { amount: '1.00' }, key), await refund(paid, { amount: '1.00' }, key)];
    expect(again.body).toStrictEqual(first.body);
    expect(await refunded(sessionId, paid)).toBe('1.00');
  });
});

/** A subscription renewed once, off-session, with `card`: its invoice and the payment of the invoice's attempt. */
async function renewedOnce(card = validCard()) {
  const { subscriptionId, connectionId } = await buySubscription(till, {}, card);
  await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
  await renewDue(till);
  const [invoice] = await invoicesOf(till, subscriptionId);
  const payments = (await till.api('GET', `/v1/payments?connection_id=${connectionId}&limit=100`)).body.data;
  return { invoice, payment: payments.find((p: { payment_id: string }) => p.payment_id === invoice.payment_id), payments };
}

describe('refunds of a renewal', () => {
  it('list the renewal’s charge among the payments, as the payment of its invoice', async () => {
    const { invoice, payment, payments } = await renewedOnce();
    expect(invoice).toMatchObject({ status: 'paid', payment_id: expect.stringMatching(/^pay_test_/) });
    expect(payment).toStrictEqual({
      payment_id: invoice.payment_id, livemode: false, checkout_session_id: null, invoice_id: invoice.invoice_id,
      connection_id: invoice.connection_id, amount: '19.00', amount_refunded: '0.00', currency: 'USD', status: 'succeeded',
      decline_code: null, card_brand: 'visa', card_last4: '4242', card_exp_month: 12, card_exp_year: expect.any(Number),
      created_at: invoice.paid_at,
    });
    // The checkout's own payment is listed beside it, for its session.
    expect(payments.map((p: { checkout_session_id: string | null }) => p.checkout_session_id === null)).toStrictEqual([false, true]);
  });

  it('give back a renewal’s charge in parts, never more than was paid, with payment.refunded', async () => {
    const { payment } = await renewedOnce();
    const first = await refund(payment.payment_id, { amount: '5.00', reason: 'requested_by_customer' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ payment_id: payment.payment_id, amount: '5.00', currency: 'USD' });
    expectApiError(await refund(payment.payment_id, { amount: '14.01' }), 'validation_error', 'amount');
    expect((await refund(payment.payment_id)).body.amount).toBe('14.00');
    expectApiError(await refund(payment.payment_id), 'payment_not_refundable', 'id');

    const listed = (await till.api('GET', `/v1/payments?connection_id=${payment.connection_id}&limit=100`)).body.data;
    expect(listed.find((p: { payment_id: string }) => p.payment_id === payment.payment_id).amount_refunded).toBe('19.00');
    const [intent] = await till.db.query<{ amount_refunded: number }>(
      'SELECT amount_refunded FROM test_payment_intents WHERE payment_intent_id = (SELECT processor_payment_id FROM payments WHERE payment_id = $1)',
      [payment.payment_id],
    );
    expect(intent?.amount_refunded).toBe(1900);
    const events = (await till.api('GET', '/v1/events?type=payment.refunded&limit=100')).body.data;
    expect(events.filter((event: { data: { payment_id: string } }) => event.data.payment_id === payment.payment_id)).toHaveLength(2);
  });

  it('lets only one of two refunds of a renewal at once take what is left', async () => {
    const { payment } = await renewedOnce();
    const answers = await Promise.all([refund(payment.payment_id, { amount: '15.00' }), refund(payment.payment_id, { amount: '15.00' })]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([201, 400]);
  });

  it('refuses a declined renewal’s attempt, which is a declined payment of its open invoice', async () => {
    const { invoice, payment } = await renewedOnce(validCard('4000000000000341'));
    expect(invoice).toMatchObject({ status: 'open', decline_code: 'card_declined' });
    expect(payment).toMatchObject({ invoice_id: invoice.invoice_id, status: 'declined', decline_code: 'card_declined' });
    expectApiError(await refund(payment.payment_id), 'payment_not_refundable', 'id');
  });
});
