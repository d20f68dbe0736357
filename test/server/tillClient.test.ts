import { afterEach, describe, expect, it } from 'vitest';
import { TillClient, TillApiError, verifyWebhook } from '../../src/client';
import { PUBLIC_URL, secretOf, useTestServer } from './support/testServer';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

const till = useTestServer();
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await till.stopWorkers();
  await receiver?.close();
  receiver = undefined;
});

/** The client as a merchant's server uses it, its requests answered by the real app without a socket. */
const client = (apiKey = till.demo.apiKey) =>
  new TillClient({ apiKey, baseUrl: PUBLIC_URL, fetch: async (url, init) => till.app.request(String(url), init) });

const ORIGIN = 'https://shop.example.com/';

describe('TillClient against the real server', () => {
  it('creates a plan, sells it through a session, and reads the session back', async () => {
    const api = client();
    const plan = await api.createSubscriptionConfig({ name: 'Client plan', period_amount: '12.00', currency: 'EUR', billing_interval: 'month' });
    const session = await api.createCheckoutSession({ checkout_mode: 'subscription', origin_url: ORIGIN, subscription_config_id: plan.subscription_config_id });
    expect(session.checkout_session_id).toMatch(/^cs_test_/);
    expect(session.estimate.due_today.total).toBe('12.00');
    const fetched = await api.getCheckoutSession(session.checkout_session_id);
    expect(fetched.checkout_session_id).toBe(session.checkout_session_id);
    expect(fetched.checkout_session_token).toBeNull();
  });

  it('rejects with a TillApiError carrying the code, the param and the request id', async () => {
    const api = client();
    const plan = await api.createSubscriptionConfig({ name: 'Archived plan', period_amount: '5.00', currency: 'EUR', billing_interval: 'month' });
    await api.updateSubscriptionConfig(plan.subscription_config_id, { active: false });
    const error = await api
      .createCheckoutSession({ checkout_mode: 'subscription', origin_url: ORIGIN, subscription_config_id: plan.subscription_config_id })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TillApiError);
    expect(error).toMatchObject({ status: 409, code: 'plan_inactive', param: 'subscription_config_id', requestId: expect.stringMatching(/\S/) });
    await expect(client('sk_test_not_a_key').listSubscriptionConfigs()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('creates once for one idempotency key, however often the call is made', async () => {
    const api = client();
    const { data } = await api.listSubscriptionConfigs({ limit: 1 });
    const body = { checkout_mode: 'subscription', origin_url: ORIGIN, subscription_config_id: data[0]!.subscription_config_id } as const;
    const [first, second] = await Promise.all([api.createCheckoutSession(body, { idempotencyKey: 'order-7' }), api.createCheckoutSession(body, { idempotencyKey: 'order-7' })]);
    expect(second.checkout_session_id).toBe(first.checkout_session_id);
  });

  it('verifies a webhook Till signed, and refuses it under another secret', async () => {
    receiver = await startWebhookReceiver();
    const api = client();
    const endpoint = await api.createWebhookEndpoint({ url: receiver.url, enabled_events: ['checkout.completed'] });
    till.startWorker();
    const session = await till.createSession();
    await till.complete(secretOf(session));
    const [webhook] = await receiver.waitFor(1);
    const event = verifyWebhook(webhook!.body, webhook!.headers as Record<string, string>, endpoint.secret!);
    expect(event).toMatchObject({ type: 'checkout.completed', data: { checkout_session_id: session.checkout_session_id } });
    const { secret: rotated } = await api.rotateWebhookEndpointSecret(endpoint.webhook_endpoint_id);
    expect(() => verifyWebhook(webhook!.body, webhook!.headers as Record<string, string>, rotated!)).toThrow(TillApiError);
  });
});
