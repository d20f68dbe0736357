import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { DECLINED_VISA, expectApiError, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

const till = useTestServer();
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await till.stopWorkers();
  await till.db.query('DELETE FROM webhook_endpoints');
  await receiver?.close();
  receiver = undefined;
});

/** A receiver, an endpoint of the demo merchant pointing at it for `events`, and a running worker. */
async function listen(events: string[] = ['*'], answer?: Parameters<typeof startWebhookReceiver>[0]) {
  receiver = await startWebhookReceiver(answer);
  const endpoint = await till.createEndpoint(receiver.url, events);
  till.startWorker();
  return { receiver, endpoint };
}

/** What any Standard Webhooks library does: verify the raw body against the headers, then parse. */
function verify(secret: string, webhook: { headers: Record<string, unknown>; body: string }) {
  return new Webhook(secret).verify(webhook.body, webhook.headers as Record<string, string>) as any;
}

describe('webhook delivery', () => {
  it('delivers exactly one checkout.completed per purchase, signed, with the metadata the session was created with', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed']);
    const metadata = { order: 'A-1001', 'note with spaces': 'ünïcödé ✓', empty: '' };
    const session = await till.createSession({ metadata });
    const completed = await till.complete(secretOf(session));
    expect(completed.status).toBe(200);

    const [webhook] = await receiver.waitFor(1);
    const event = verify(endpoint.secret, webhook!);
    expect(event).toMatchObject({ type: 'checkout.completed', livemode: false, event_id: webhook!.headers['webhook-id'] });
    expect(event.data).toMatchObject({
      checkout_session_id: session.checkout_session_id,
      status: 'completed',
      connection_id: completed.body.connection_id,
      subscription_id: completed.body.subscription_id,
      subscription_config_id: session.subscription_config_id,
      amount_total: session.estimate.due_today.total,
    });
    expect(event.data.metadata).toStrictEqual(metadata);
    // The event carries the session as the merchant API returns it.
    expect(event.data).toStrictEqual((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
    expect(await till.eventsOfType('checkout.completed')).toContainEqual(event);
    expect(till.refusedConnections).toStrictEqual([]);
  });

  it('retries a receiver that answers 500, then times out, then 200, with the same webhook-id, and logs all three', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed'], (n) =>
      n === 1 ? { status: 500, body: 'database is down' } : n === 2 ? 'hang' : { status: 200, body: 'thanks' },
    );
    await till.stopWorkers();
    till.startWorker({ timeoutMs: 500 });
    const session = await till.createSession();
    expect((await till.complete(secretOf(session))).status).toBe(200);

    const webhooks = await receiver.waitFor(3);
    expect(new Set(webhooks.map((w) => w.headers['webhook-id'])).size).toBe(1);
    for (const webhook of webhooks) expect(verify(endpoint.secret, webhook).data.checkout_session_id).toBe(session.checkout_session_id);

    const log = await waitForAttempts(endpoint.webhook_endpoint_id, 3);
    expect(log.map((a: any) => [a.attempt, a.status, a.response_status, a.response_body])).toStrictEqual([
      [1, 'failed', 500, 'database is down'],
      [2, 'failed', null, null],
      [3, 'succeeded', 200, 'thanks'],
    ]);
    expect(log[1].error).toMatch(/no answer within 0.5 s/i);
    expect(log[0].next_retry_at).not.toBeNull();
    expect(log[2].next_retry_at).toBeNull();
    expect(new Set(log.map((a: any) => a.event_id))).toStrictEqual(new Set([webhooks[0]!.headers['webhook-id']]));
  });

  it('sends a declined payment as payment.failed with its decline code and nothing of the card', async () => {
    const { receiver, endpoint } = await listen(['payment.failed']);
    const session = await till.createSession();
    const declined = await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }));
    expect(declined.status).toBe(402);

    const [webhook] = await receiver.waitFor(1);
    const event = verify(endpoint.secret, webhook!);
    expect(event.type).toBe('payment.failed');
    expect(event.data).toMatchObject({ checkout_session_id: session.checkout_session_id, decline_code: 'card_declined' });
    expect(webhook!.body).not.toMatch(/0002|visa|4000/i);
  });

  it('sends only the event types an endpoint subscribed to', async () => {
    const { receiver } = await listen(['payment.failed']);
    const everything = await startWebhookReceiver();
    try {
      await till.createEndpoint(everything.url, ['*']);
      const session = await till.createSession();
      expect((await till.complete(secretOf(session))).status).toBe(200);
      const received = await everything.waitFor(3);
      expect(received.map((w) => JSON.parse(w.body).type).sort()).toStrictEqual(['checkout.completed', 'connection.created', 'subscription.created']);
      expect(receiver.received).toStrictEqual([]);
    } finally {
      await everything.close();
    }
  });

  it('keeps delivering to other endpoints while one endpoint hangs', async () => {
    const { endpoint: hanging } = await listen(['checkout.completed'], () => 'hang');
    await till.stopWorkers();
    till.startWorker({ concurrency: 2, timeoutMs: 5000 });
    const healthy = await startWebhookReceiver();
    try {
      await till.createEndpoint(healthy.url, ['checkout.completed']);
      for (let i = 1; i <= 3; i++) {
        expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
        await healthy.waitFor(i);
      }
      // All three arrived while the hanging endpoint's first attempt was still waiting for an answer.
      expect((await till.api('GET', `/v1/webhook_endpoints/${hanging.webhook_endpoint_id}/deliveries`)).body.data).toStrictEqual([]);
    } finally {
      await healthy.close();
    }
  });

  it('signs with the old and the new secret for a day after a rotation, then with the new one alone', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed']);
    const { body: rotated } = await till.api('POST', `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}/rotate_secret`);
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    const [during] = await receiver.waitFor(1);
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(endpoint.secret, during!).type).toBe('checkout.completed');
    expect(verify(rotated.secret, during!).type).toBe('checkout.completed');

    await till.db.query("UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second'");
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    const [, after] = await receiver.waitFor(2);
    expect(String(after!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(rotated.secret, after!).type).toBe('checkout.completed');
    expect(() => verify(endpoint.secret, after!)).toThrow(/signature/i);
  });

  it('redelivers an event now, with the same webhook-id, to one endpoint or to all', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed']);
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    const [first] = await receiver.waitFor(1);
    const eventId = String(first!.headers['webhook-id']);

    const toOne = await till.api('POST', `/v1/events/${eventId}/redeliver`, { body: { webhook_endpoint_id: endpoint.webhook_endpoint_id } });
    expect(toOne).toMatchObject({ status: 202, body: { event_id: eventId, webhook_endpoint_ids: [endpoint.webhook_endpoint_id] } });
    const [, again] = await receiver.waitFor(2);
    expect(again!.headers['webhook-id']).toBe(eventId);
    expect(verify(endpoint.secret, again!).event_id).toBe(eventId);

    expect((await till.api('POST', `/v1/events/${eventId}/redeliver`)).body.webhook_endpoint_ids).toStrictEqual([endpoint.webhook_endpoint_id]);
    await receiver.waitFor(3);
    const log = await waitForAttempts(endpoint.webhook_endpoint_id, 3);
    expect(log.map((a: any) => [a.event_id, a.attempt, a.status])).toStrictEqual([
      [eventId, 1, 'succeeded'],
      [eventId, 2, 'succeeded'],
      [eventId, 3, 'succeeded'],
    ]);
    expectApiError(
      await till.api('POST', `/v1/events/${eventId}/redeliver`, { body: { webhook_endpoint_id: 'we_test_nope' } }),
      'resource_missing',
      'webhook_endpoint_id',
    );
  });

  it('gives up after the last retry, and disables an endpoint whose every attempt failed, saying why', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed'], () => ({ status: 503, body: 'maintenance' }));
    const path = `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}`;
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    // Three retries in the tests' schedule: four attempts, then the delivery has failed.
    const log = await waitForAttempts(endpoint.webhook_endpoint_id, 4);
    expect(log.at(-1)).toMatchObject({ attempt: 4, status: 'failed', response_status: 503, next_retry_at: null });
    const [delivery] = await till.db.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE webhook_endpoint_id = $1', [endpoint.webhook_endpoint_id]);
    expect(delivery!.status).toBe('failed');
    const shown = (await till.api('GET', path)).body;
    expect(shown.status).toBe('disabled');
    expect(shown.disabled_reason).toMatch(/^Every delivery attempt failed since \d{4}-\d\d-\d\dT.*Answered HTTP 503\./);

    // Disabled, it is sent nothing.
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.received).toHaveLength(4);

    // Enabled again, with a fresh start, it receives what happens next.
    receiver.answer = () => ({ status: 204 });
    expect((await till.api('PATCH', path, { body: { disabled: false } })).body).toMatchObject({ status: 'enabled', disabled_reason: null });
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    await receiver.waitFor(5);
  });

  it('does not disable an endpoint that answered some attempts', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed'], (n) => (n % 2 === 1 ? { status: 503 } : { status: 200 }));
    for (let i = 0; i < 2; i++) expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    await receiver.waitFor(4);
    await waitForAttempts(endpoint.webhook_endpoint_id, 4);
    expect((await till.api('GET', `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}`)).body.status).toBe('enabled');
  });

  it('sends a redelivery asked for while an attempt is in flight, once that attempt settles', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed']);
    receiver.answer = (n) => (n === 1 ? 'hang' : { status: 200 });
    await till.stopWorkers();
    till.startWorker({ timeoutMs: 1500 });
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    const [first] = await receiver.waitFor(1);
    const eventId = String(first!.headers['webhook-id']);
    // Asked for while the first attempt hangs: it is sent once that attempt has timed out and settled.
    expect((await till.api('POST', `/v1/events/${eventId}/redeliver`)).status).toBe(202);
    const webhooks = await receiver.waitFor(2);
    expect(webhooks[1]!.headers['webhook-id']).toBe(eventId);
    const log = await waitForAttempts(endpoint.webhook_endpoint_id, 2);
    expect(log.map((a: any) => [a.attempt, a.status])).toStrictEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
  });

  it('refuses a redelivery to a disabled endpoint', async () => {
    const { receiver, endpoint } = await listen(['checkout.completed']);
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);
    const [webhook] = await receiver.waitFor(1);
    await till.api('PATCH', `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}`, { body: { disabled: true } });
    expectApiError(
      await till.api('POST', `/v1/events/${webhook!.headers['webhook-id']}/redeliver`, { body: { webhook_endpoint_id: endpoint.webhook_endpoint_id } }),
      'webhook_endpoint_disabled',
      'webhook_endpoint_id',
    );
  });
});

async function waitForAttempts(endpointId: string, count: number) {
  for (let tries = 0; tries < 100; tries++) {
    const { body } = await till.api('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`);
    if (body.data.length >= count) return body.data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${count} attempts`);
}
