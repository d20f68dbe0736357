import { describe, expect, it } from 'vitest';
import { expectApiError, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';

const till = useTestServer();

async function createPlan(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await till.api('POST', '/v1/subscription_configs', {
    body: { name: 'Pro Quarterly', period_amount: '57.00', currency: 'USD', billing_interval: 'month', interval_count: 3, ...overrides },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.subscription_config_id;
}

async function createBundle(planId: string): Promise<string> {
  const response = await till.api('POST', '/v1/credit_bundles', { body: { subscription_config_id: planId, name: 'Pack', cost: '5.00', credit_amount: '5' } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.credit_bundle_id;
}

const patchPlan = (id: string, body: unknown) => till.api('PATCH', `/v1/subscription_configs/${id}`, { body });
const patchBundle = (id: string, body: unknown) => till.api('PATCH', `/v1/credit_bundles/${id}`, { body });

/** A plan with a bundle, and a subscriber of the plan who has an open session for the bundle. */
async function bundleInUse() {
  const planId = await createPlan();
  const bundleId = await createBundle(planId);
  const { connectionId } = await till.subscribeTo(planId);
  const session = await till.createBundleSession(connectionId, bundleId);
  return { planId, bundleId, connectionId, session };
}

describe('price_in_use', () => {
  it.each([
    [{ period_amount: '60.00' }, 'period_amount'],
    [{ currency: 'EUR', period_amount: '57.00' }, 'currency'],
    [{ billing_interval: 'week' }, 'billing_interval'],
    [{ interval_count: 6 }, 'interval_count'],
    [{ included_credit: '1.00' }, 'included_credit'],
    [{ tax_behavior: 'inclusive' }, 'tax_behavior'],
    [{ seat_based: true }, 'seat_based'],
  ])('refuses to change a plan a session uses: %j', async (body, param) => {
    const planId = await createPlan();
    await till.createSession({ subscription_config_id: planId });
    expectApiError(await patchPlan(planId, body), 'price_in_use', param);
    const { body: plan } = await till.api('GET', `/v1/subscription_configs/${planId}`);
    expect(plan).toMatchObject({ period_amount: '57.00', currency: 'USD', billing_interval: 'month', interval_count: 3, tax_behavior: 'exclusive' });
  });

  it('refuses to change the seat range of a per-seat plan a session uses', async () => {
    const planId = await createPlan({ seat_based: true, min_quantity: 2, max_quantity: 10 });
    await till.createSession({ subscription_config_id: planId, quantity: 3 });
    expectApiError(await patchPlan(planId, { min_quantity: 1 }), 'price_in_use', 'min_quantity');
    expectApiError(await patchPlan(planId, { max_quantity: 20 }), 'price_in_use', 'max_quantity');
  });

  it('counts a plan offered only among a session’s plan options as used', async () => {
    const { pro } = await till.plans();
    const planId = await createPlan();
    await till.createSession({ subscription_config_id: pro, subscription_config_ids: [pro, planId] });
    expectApiError(await patchPlan(planId, { period_amount: '1.00' }), 'price_in_use', 'period_amount');
  });

  it('counts a plan whose credit bundle a session sells as used: the bundle is priced in its currency and tax', async () => {
    const { planId } = await bundleInUse();
    expectApiError(await patchPlan(planId, { tax_behavior: 'inclusive' }), 'price_in_use', 'tax_behavior');
  });

  it('always lets a used plan be renamed and archived, and takes resent current prices as no change', async () => {
    const planId = await createPlan();
    await till.createSession({ subscription_config_id: planId });
    const response = await patchPlan(planId, { name: 'Legacy quarterly', active: false, period_amount: '57', interval_count: 3, currency: 'usd' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ name: 'Legacy quarterly', active: false, period_amount: '57.00' });
  });

  it.each([
    [{ cost: '6.00' }, 'cost'],
    [{ credit_amount: '6' }, 'credit_amount'],
  ])('refuses to change a bundle a session uses: %j', async (body, param) => {
    const { bundleId } = await bundleInUse();
    expectApiError(await patchBundle(bundleId, body), 'price_in_use', param);
  });

  it('refuses to move a used bundle to another plan, but renames and archives it', async () => {
    const { bundleId } = await bundleInUse();
    const { proYearly } = await till.plans();
    expectApiError(await patchBundle(bundleId, { subscription_config_id: proYearly }), 'price_in_use', 'subscription_config_id');
    const response = await patchBundle(bundleId, { name: 'Old pack', active: false, cost: '5.00' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ name: 'Old pack', active: false, cost: '5.00' });
  });
});

describe('archived plans and bundles', () => {
  it('refuses a new session for an archived plan with plan_inactive, and takes it again once reactivated', async () => {
    const planId = await createPlan();
    await patchPlan(planId, { active: false });
    expectApiError(
      await till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody({ subscription_config_id: planId }) }),
      'plan_inactive',
      'subscription_config_id',
    );
    await patchPlan(planId, { active: true });
    await till.createSession({ subscription_config_id: planId });
  });

  it('refuses an archived plan among the plan options, naming its place', async () => {
    const { pro } = await till.plans();
    const planId = await createPlan();
    await patchPlan(planId, { active: false });
    expectApiError(
      await till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody({ subscription_config_id: pro, subscription_config_ids: [pro, planId] }) }),
      'plan_inactive',
      'subscription_config_ids.1',
    );
  });

  it('refuses a new session for an archived bundle with credit_bundle_inactive', async () => {
    const planId = await createPlan();
    const bundleId = await createBundle(planId);
    const { connectionId } = await till.subscribeTo(planId);
    await patchBundle(bundleId, { active: false });
    const body = { ...(await till.sessionBody()), checkout_mode: 'credit_bundle', subscription_config_id: undefined, credit_bundle_id: bundleId, connection_id: connectionId };
    expectApiError(await till.api('POST', '/v1/checkout_sessions', { body }), 'credit_bundle_inactive', 'credit_bundle_id');
  });

  it('still sells the bundles of an archived plan to its subscribers', async () => {
    const planId = await createPlan();
    const bundleId = await createBundle(planId);
    const { connectionId } = await till.subscribeTo(planId);
    await patchPlan(planId, { active: false });
    await till.createBundleSession(connectionId, bundleId);
  });

  it('lets a session opened before its plan was archived be viewed, updated and completed', async () => {
    const { pro } = await till.plans();
    const planId = await createPlan();
    const session = await till.createSession({ subscription_config_id: planId, subscription_config_ids: [planId, pro] });
    await patchPlan(planId, { active: false });
    const secret = secretOf(session);

    expect((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).status).toBe(200);
    expect((await till.getSessionView(secret)).body).toMatchObject({ status: 'open', plan: { subscription_config_id: planId } });
    // Away to the other option and back to the archived plan: the customer's choice within the session stands.
    expect((await till.updateSession(secret, { subscription_config_id: pro })).status).toBe(200);
    const back = await till.updateSession(secret, { subscription_config_id: planId, country: 'DE' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.estimate.due_today).toMatchObject({ subtotal: '57.00', tax: '10.83', total: '67.83' });

    const completed = await till.complete(secret, newCustomerPayment());
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const { body: subscription } = await till.api('GET', `/v1/subscriptions/${completed.body.subscription_id}`);
    expect(subscription).toMatchObject({ subscription_config_id: planId, status: 'active' });
  });

  it('lets a bundle session opened before the bundle was archived complete', async () => {
    const { bundleId, connectionId, session } = await bundleInUse();
    await patchBundle(bundleId, { active: false });
    const before = await till.getConnection(connectionId);
    const completed = await till.complete(secretOf(session), { card: validCard() });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.credits_added).toBe('5.00');
    expect(Number((await till.getConnection(connectionId)).credit_balance) - Number(before.credit_balance)).toBe(5);
  });
});
