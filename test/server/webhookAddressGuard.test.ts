import { afterEach, describe, expect, it } from 'vitest';
import { expectApiError, secretOf, useTestServer } from './support/testServer';

// As in production: webhooks go to public https URLs only. The tests' DNS answers for the names used here and
// the worker's connector refuses every address outside loopback, so nothing here leaves the machine.
const till = useTestServer({ allowLoopback: false });
const PUBLIC_ADDRESS = '93.184.216.34';

afterEach(async () => {
  await till.stopWorkers();
  await till.db.query('DELETE FROM webhook_endpoints');
  till.refusedConnections.length = 0;
});

const create = (url: string) => till.api('POST', '/v1/webhook_endpoints', { body: { url, enabled_events: ['*'] } });

describe('webhook URLs in production', () => {
  it.each([
    'https://10.0.0.1/hooks',
    'https://172.16.5.4/hooks',
    'https://192.168.1.10/hooks',
    'https://127.0.0.1/hooks',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/hooks',
    'https://0.0.0.0/hooks',
    'https://[::1]/hooks',
    'https://[fd00::1]/hooks',
    'https://[fe80::1]/hooks',
    'https://[::ffff:169.254.169.254]/hooks',
    'https://[::ffff:a9fe:a9fe]/hooks',
    'https://[64:ff9b::a9fe:a9fe]/hooks',
    'https://[::127.0.0.1]/hooks',
    'https://[::a9fe:a9fe]/hooks',
    'https://localhost/hooks',
    'https://metadata.internal.example/hooks',
    'https://half-private.example/hooks',
  ])('refuses %s at creation', async (url) => {
    till.dns.names.set('metadata.internal.example', ['169.254.169.254']);
    till.dns.names.set('half-private.example', [PUBLIC_ADDRESS, '10.1.2.3']);
    const response = await create(url);
    expectApiError(response, 'validation_error', 'url');
    expect(response.body.error.message).toMatch(/public addresses/);
  });

  it('refuses http:// to a public address, and a name that does not resolve', async () => {
    till.dns.names.set('hooks.example.com', [PUBLIC_ADDRESS]);
    expect((await create('http://hooks.example.com/till')).body.error.message).toMatch(/https/);
    expect((await create('https://nowhere.example/till')).body.error.message).toMatch(/could not be resolved/);
  });

  it('accepts https:// to a public address', async () => {
    till.dns.names.set('hooks.example.com', [PUBLIC_ADDRESS]);
    expect((await create('https://hooks.example.com/till')).status).toBe(201);
  });

  it('checks the address again at delivery, and refuses a name that now points inside', async () => {
    till.dns.names.set('rebind.example', [PUBLIC_ADDRESS]);
    const endpoint = await till.createEndpoint('https://rebind.example/till', ['checkout.completed']);
    till.dns.names.set('rebind.example', ['169.254.169.254']);
    till.startWorker();
    const session = await till.createSession();
    expect((await till.complete(secretOf(session))).status).toBe(200);

    const attempt = await firstAttempt(endpoint.webhook_endpoint_id);
    expect(attempt).toMatchObject({ status: 'failed', response_status: null });
    expect(attempt.error).toMatch(/^Refused: 'rebind\.example' resolves to a linkLocal address/);
    expect(attempt.error).not.toContain('169.254');
    // The guard refused it before the connector was asked: not even the tests' last line of defence saw it.
    expect(till.refusedConnections).toStrictEqual([]);
  });

  it("has the tests' own connector refuse a public address, so no test can reach one even through a correct guard", async () => {
    till.dns.names.set('hooks.example.com', [PUBLIC_ADDRESS]);
    const endpoint = await till.createEndpoint('https://hooks.example.com/till', ['checkout.completed']);
    till.startWorker();
    expect((await till.complete(secretOf(await till.createSession()))).status).toBe(200);

    expect((await firstAttempt(endpoint.webhook_endpoint_id)).error).toMatch(/test connector: refused to connect to 93\.184\.216\.34/);
    expect(till.refusedConnections).toContain(PUBLIC_ADDRESS);
  });
});

async function firstAttempt(endpointId: string) {
  for (let tries = 0; tries < 100; tries++) {
    const { body } = await till.api('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`);
    if (body.data.length > 0) return body.data[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no attempt was made');
}
