import { describe, expect, it } from 'vitest';
import { addBillingInterval } from '../../src/server/addBillingInterval';
import { expectApiError, newCustomer, secretOf, useTestServer, validCard } from './support/testServer';

const till = useTestServer();

describe('GET /v1/connections/:id', () => {
  it('shows the customer, the active subscription and the plan’s included credit', async () => {
    const { configId } = await till.catalog();
    const { connectionId } = await till.subscribe(newCustomer('ada@example.com', 'Ada Lovelace'));
    const connection = await till.getConnection(connectionId);

    expect(connection).toStrictEqual({
      connection_id: connectionId,
      livemode: false,
      customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
      subscription: {
        subscription_id: expect.stringMatching(/^sub_test_[0-9A-Z]{26}$/),
        livemode: false,
        connection_id: connectionId,
        subscription_config_id: configId,
        status: 'active',
        quantity: 1,
        current_period_start: expect.any(String),
        current_period_end: expect.any(String),
        cancel_at_period_end: false,
        cancel_at: null,
        canceled_at: null,
        ended_at: null,
        ends_at: null,
        billing_cycle_anchor: expect.any(String),
        created_at: expect.any(String),
      },
      credit_balance: '10.00',
      created_at: expect.any(String),
    });
    const start = new Date(connection.subscription.current_period_start);
    expect(connection.subscription.billing_cycle_anchor).toBe(connection.subscription.current_period_start);
    expect(connection.subscription.current_period_end).toBe(addBillingInterval(start, 'month').toISOString());
  });

  it('adds a bundle’s credit to the balance once it is bought', async () => {
    const { powerBundle } = await till.catalog();
    const { connectionId } = await till.subscribe();
    const session = await till.createBundleSession(connectionId, powerBundle.id);
    expect((await till.complete(secretOf(session), { card: validCard() })).status).toBe(200);
    expect((await till.getConnection(connectionId)).credit_balance).toBe('35.00');
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    expectApiError(await till.api('GET', '/v1/connections/con_test_missing'), 'resource_missing', 'id');
  });

  it('does not show a connection to another merchant', async () => {
    const { connectionId } = await till.subscribe();
    const other = await till.insertOtherMerchant();
    expectApiError(await till.api('GET', `/v1/connections/${connectionId}`, { key: other.apiKey }), 'resource_missing', 'id');
  });

  it('shows no subscription once it is no longer active', async () => {
    const { connectionId } = await till.subscribe();
    const { subscription } = await till.getConnection(connectionId);
    const canceled = await till.api('POST', `/v1/subscriptions/${subscription.subscription_id}/cancel`, { body: { at_period_end: false } });
    expect(canceled.status).toBe(200);
    expect(await till.getConnection(connectionId)).toMatchObject({ subscription: null, credit_balance: '10.00' });
  });
});
