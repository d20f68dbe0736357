import { describe, expect, it } from 'vitest';
import {
  DECLINED_VISA,
  VISA,
  expectApiError,
  newCustomer,
  newCustomerPayment,
  nextYear,
  secretOf,
  useTestServer,
  validCard,
} from './support/testServer';

const till = useTestServer();

const EMPTY = { data: [], has_more: false, next_cursor: null };

const listPayments = async (query = '', key?: string) => {
  const response = await till.api('GET', `/v1/payments${query}`, { key });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

/** A new customer's checkout: first a declined card, then one that pays. */
async function declinedThenPaid(overrides: Record<string, unknown> = {}) {
  const session = await till.createSession(overrides);
  const customer = newCustomer();
  expectApiError(await till.complete(secretOf(session), newCustomerPayment({ customer, card: validCard(DECLINED_VISA) })), 'card_declined', 'payment_method');
  const paid = await till.complete(secretOf(session), newCustomerPayment({ customer }));
  expect(paid.status).toBe(200);
  return { sessionId: session.checkout_session_id, connectionId: paid.body.connection_id as string };
}

describe('GET /v1/payments', () => {
  it('lists a declined attempt and the payment that followed, with the card’s brand and last four digits only', async () => {
    const { sessionId, connectionId } = await declinedThenPaid();
    const response = await till.api('GET', `/v1/payments?checkout_session_id=${sessionId}`);

    expect(response.body).toStrictEqual({
      data: [
        {
          payment_id: expect.stringMatching(/^pay_test_[0-9A-Z]{26}$/),
          livemode: false,
          checkout_session_id: sessionId,
          invoice_id: null,
          connection_id: null,
          amount: '19.00',
          amount_refunded: '0.00',
          currency: 'USD',
          status: 'declined',
          decline_code: 'card_declined',
          card_brand: 'visa',
          card_last4: '0002',
          card_exp_month: 12,
          card_exp_year: nextYear,
          created_at: expect.any(String),
        },
        {
          payment_id: expect.stringMatching(/^pay_test_[0-9A-Z]{26}$/),
          livemode: false,
          checkout_session_id: sessionId,
          invoice_id: null,
          connection_id: connectionId,
          amount: '19.00',
          amount_refunded: '0.00',
          currency: 'USD',
          status: 'succeeded',
          decline_code: null,
          card_brand: 'visa',
          card_last4: '4242',
          card_exp_month: 12,
          card_exp_year: nextYear,
          created_at: expect.any(String),
        },
      ],
      has_more: false,
      next_cursor: null,
    });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(VISA);
    expect(text).not.toContain(DECLINED_VISA);
  });

  it('says of a declined attempt what its payment.failed event said', async () => {
    const { sessionId } = await declinedThenPaid();
    const [declined] = (await listPayments(`?checkout_session_id=${sessionId}&status=declined`)).data;
    const [event] = (await till.eventsOfType('payment.failed')).filter((e) => e.data.payment_id === declined.payment_id);

    const { payment_id, checkout_session_id, connection_id, amount, currency, decline_code, created_at } = event!.data;
    expect({ payment_id, checkout_session_id, connection_id, amount, currency, decline_code, created_at }).toStrictEqual({
      payment_id: declined.payment_id,
      checkout_session_id: declined.checkout_session_id,
      connection_id: declined.connection_id,
      amount: declined.amount,
      currency: declined.currency,
      decline_code: declined.decline_code,
      created_at: declined.created_at,
    });
  });

  it('names the connection of a known customer’s declined attempt, found by email, as payment.failed does', async () => {
    const customer = newCustomer();
    const { connectionId } = await till.subscribe(customer);
    const session = await till.createSession({ subscription_config_id: (await till.plans()).proYearly });
    expectApiError(await till.complete(secretOf(session), newCustomerPayment({ customer, card: validCard(DECLINED_VISA) })), 'card_declined', 'payment_method');

    const [declined] = (await listPayments(`?checkout_session_id=${session.checkout_session_id}`)).data;
    expect(declined).toMatchObject({ status: 'declined', connection_id: connectionId });
    const [event] = (await till.eventsOfType('payment.failed')).filter((e) => e.data.payment_id === declined.payment_id);
    expect(event!.data.connection_id).toBe(connectionId);
  });

  it('writes the amount in its currency’s own units', async () => {
    const { proJpy } = await till.plans();
    const { sessionId } = await declinedThenPaid({ subscription_config_id: proJpy });
    const { data } = await listPayments(`?checkout_session_id=${sessionId}`);
    expect(data.map((payment: any) => [payment.amount, payment.currency])).toStrictEqual([['2900', 'JPY'], ['2900', 'JPY']]);
  });

  it('filters by connection: its subscription, its credit packs and a returning customer’s declined attempt', async () => {
    const { connectionId, sessionId } = await declinedThenPaid();
    const { powerBundle } = await till.catalog();
    const pack = await till.createBundleSession(connectionId, powerBundle.id);
    expectApiError(await till.complete(secretOf(pack), { card: validCard(DECLINED_VISA) }), 'card_declined', 'payment_method');
    expect((await till.complete(secretOf(pack), { card: validCard() })).status).toBe(200);
    await till.subscribe();

    const { data } = await listPayments(`?connection_id=${connectionId}`);
    expect(data.map((p: any) => [p.checkout_session_id, p.status, p.amount])).toStrictEqual([
      [sessionId, 'succeeded', '19.00'],
      [pack.checkout_session_id, 'declined', '20.00'],
      [pack.checkout_session_id, 'succeeded', '20.00'],
    ]);
    expect(data.every((p: any) => p.connection_id === connectionId)).toBe(true);
  });

  it('filters by status, alone and with another filter', async () => {
    const { connectionId } = await declinedThenPaid();
    const all = (await listPayments('?limit=100')).data;
    const declined = (await listPayments('?status=declined&limit=100')).data;

    expect(declined.length).toBeGreaterThan(0);
    expect(declined).toStrictEqual(all.filter((p: any) => p.status === 'declined'));
    expect((await listPayments(`?status=succeeded&connection_id=${connectionId}`)).data).toHaveLength(1);
    expect((await listPayments(`?status=declined&connection_id=${connectionId}`)).data).toStrictEqual([]);
  });

  it('lists payments oldest first, a page at a time', async () => {
    await declinedThenPaid();
    await declinedThenPaid();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listPayments(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(3);
      expect(page.next_cursor).toBe(page.has_more ? page.data.at(-1).payment_id : null);
      ids.push(...page.data.map((p: any) => p.payment_id));
      cursor = page.next_cursor;
    } while (cursor);

    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(ids).toStrictEqual([...new Set(ids)].sort());
  });

  it('lists nothing for an unknown session or connection', async () => {
    expect(await listPayments('?checkout_session_id=cs_test_missing')).toStrictEqual(EMPTY);
    expect(await listPayments('?connection_id=con_test_missing')).toStrictEqual(EMPTY);
  });

  it.each([
    ['status=refunded', 'status'],
    ['checkout_session_id=', 'checkout_session_id'],
    ['limit=101', 'limit'],
    ['amount=19', 'amount'],
  ])('refuses ?%s naming %s', async (query, param) => {
    expectApiError(await till.api('GET', `/v1/payments?${query}`), 'validation_error', param);
  });

  it('needs an API key', async () => {
    expectApiError(await till.api('GET', '/v1/payments', { key: null }), 'authentication_required');
  });

  it('shows another merchant none of them, whatever the filter', async () => {
    const { sessionId, connectionId } = await declinedThenPaid();
    const other = await till.insertOtherMerchant();
    for (const query of ['', `?checkout_session_id=${sessionId}`, `?connection_id=${connectionId}`, '?status=declined', '?status=succeeded']) {
      expect(await listPayments(query, other.apiKey)).toStrictEqual(EMPTY);
    }
  });
});
