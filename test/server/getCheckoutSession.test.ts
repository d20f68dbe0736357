import { describe, expect, it } from 'vitest';
import { expectApiError, secretOf, useTestServer } from './support/testServer';

const till = useTestServer();

const getSession = (id: string, key?: string) => till.api('GET', `/v1/checkout_sessions/${id}`, { key });

describe('GET /v1/checkout_sessions/:id', () => {
  it('returns the created session without its token or checkout_url', async () => {
    const created = await till.createSession();
    const response = await getSession(created.checkout_session_id);
    expect(response.status).toBe(200);
    expect(created.checkout_url).toEqual(expect.any(String));
    // The estimate prices an open session as if paid now, so its next invoice date moves on with the clock.
    const nextInvoice = { ...created.estimate.next_invoice, date: expect.any(String) };
    expect(response.body).toStrictEqual({
      ...created,
      checkout_session_token: null,
      checkout_url: null,
      estimate: { ...created.estimate, next_invoice: nextInvoice },
    });
    expect(Date.parse(response.body.estimate.next_invoice.date)).toBeGreaterThanOrEqual(Date.parse(created.estimate.next_invoice!.date));
  });

  it('returns the success_url and cancel_url given at creation', async () => {
    const created = await till.createSession({
      success_url: 'https://shop.example.com/thanks?plan=pro',
      cancel_url: 'https://shop.example.com/pricing',
    });
    const { body } = await getSession(created.checkout_session_id);
    expect(body).toMatchObject({
      success_url: 'https://shop.example.com/thanks?plan=pro',
      cancel_url: 'https://shop.example.com/pricing',
      checkout_session_token: null,
      checkout_url: null,
    });
  });

  it('returns null redirect URLs for a session created without them', async () => {
    const created = await till.createSession();
    const { body } = await getSession(created.checkout_session_id);
    expect(body).toMatchObject({ success_url: null, cancel_url: null });
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    expectApiError(await getSession('cs_test_01KK2NQPK7CXRHEW42Z4X4M06R'), 'resource_missing', 'id');
  });

  it('does not show a session to another merchant', async () => {
    const created = await till.createSession();
    const other = await till.insertOtherMerchant();
    expectApiError(await getSession(created.checkout_session_id, other.apiKey), 'resource_missing', 'id');
  });

  it('reads as completed, with completed_at and the new connection, once checkout completes', async () => {
    const created = await till.createSession();
    const completion = await till.complete(secretOf(created));
    expect(completion.status).toBe(200);

    const { body } = await getSession(created.checkout_session_id);
    expect(body).toMatchObject({
      status: 'completed',
      connection_id: completion.body.connection_id,
      completed_at: completion.body.completed_at,
      checkout_session_token: null,
    });
    expect(body.connection_id).toMatch(/^con_test_[0-9A-Z]{26}$/);
    expect(Date.parse(body.completed_at)).toBeGreaterThanOrEqual(Date.parse(body.created_at));
  });

  it('reads as expired once expires_at has passed, without a job to sweep it', async () => {
    const created = await till.createSession();
    await till.expireSession(created.checkout_session_id);
    const { body } = await getSession(created.checkout_session_id);
    expect(body).toMatchObject({ status: 'expired', completed_at: null, connection_id: null });
  });

  it('keeps a completed session completed after its expiry time', async () => {
    const created = await till.createSession();
    await till.complete(secretOf(created));
    await till.expireSession(created.checkout_session_id);
    expect((await getSession(created.checkout_session_id)).body.status).toBe('completed');
  });

  it('says what a completed session paid for: the subscription, or the credits, and the amount charged', async () => {
    const { connectionId, session } = await till.subscribe();
    const { body: subscription } = await getSession(session.checkout_session_id);
    expect(subscription).toMatchObject({ amount_total: '19.00', credits_added: '10.00', subscription_id: expect.stringMatching(/^sub_test_/) });
    expect(subscription.subscription_id).toBe((await till.getConnection(connectionId)).subscription.subscription_id);

    const pack = await till.createBundleSession(connectionId);
    expect(pack).toMatchObject({ amount_total: null, credits_added: null, subscription_id: null });
    await till.complete(secretOf(pack), { card: { number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' } });
    expect((await getSession(pack.checkout_session_id)).body).toMatchObject({ amount_total: '5.00', credits_added: '5.00', subscription_id: null });
  });
});
