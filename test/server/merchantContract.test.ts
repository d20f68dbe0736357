import { describe, expect, it } from 'vitest';
import { checkResponse, findRoute } from './support/contract';
import { useTestServer } from './support/testServer';

/**
 * Issue 11: the merchant API answers in the shape `merchantRoutes` describes. `TestServer.api()` holds every `/v1/`
 * response of the server suite to it (`checkResponse`); these tests show the check has teeth, and that the contract
 * and the app's routes name the same routes.
 */
const till = useTestServer();

const envelope = (code: string, type = 'invalid_request_error') => ({
  error: { type, code, message: 'Something.', param: null, request_id: 'req_1' },
});

async function sessionResponse() {
  const session = await till.createSession();
  const path = `/v1/checkout_sessions/${session.checkout_session_id}`;
  const response = await till.api('GET', path);
  expect(response.status).toBe(200);
  return { path, body: response.body as Record<string, unknown> };
}

describe('the merchant API contract', () => {
  it('passes a response as the server sends it', async () => {
    const { path, body } = await sessionResponse();
    expect(() => checkResponse('GET', path, 200, body)).not.toThrow();
  });

  it('fails a response with a field the route does not describe', async () => {
    const { path, body } = await sessionResponse();
    expect(() => checkResponse('GET', path, 200, { ...body, secret_hash: 'x' })).toThrow(/getCheckoutSession[\s\S]*secret_hash/);
  });

  it('fails a response without a field the route describes', async () => {
    const { path, body } = await sessionResponse();
    const { livemode: _, ...withoutLivemode } = body;
    expect(() => checkResponse('GET', path, 200, withoutLivemode)).toThrow(/getCheckoutSession[\s\S]*livemode/);
  });

  it('fails a field of the wrong type, nested ones included', async () => {
    const { path, body } = await sessionResponse();
    const estimate = body.estimate as Record<string, unknown>;
    expect(() => checkResponse('GET', path, 200, { ...body, estimate: { ...estimate, unit_amount: 19 } })).toThrow(/unit_amount/);
  });

  it('fails a success status other than the route’s', async () => {
    const { path, body } = await sessionResponse();
    expect(() => checkResponse('GET', path, 201, body)).toThrow(/the contract says 200/);
  });

  it('fails an error code the route does not list, and passes one it does', () => {
    const path = '/v1/checkout_sessions/cs_test_nothing';
    expect(() => checkResponse('GET', path, 409, envelope('last_api_key'))).toThrow(/'last_api_key' is not among/);
    expect(() => checkResponse('GET', path, 404, envelope('resource_missing'))).not.toThrow();
    // Codes that come with how a route is called: its key, and the limits every route has.
    expect(() => checkResponse('GET', path, 401, envelope('invalid_api_key', 'authentication_error'))).not.toThrow();
    expect(() => checkResponse('GET', path, 429, envelope('rate_limited', 'rate_limit_error'))).not.toThrow();
  });

  it('fails an error that is not the envelope', () => {
    expect(() => checkResponse('GET', '/v1/payments', 400, { error: 'bad' })).toThrow(/not the error envelope/);
  });

  it('leaves alone a path no route has, which answers route_not_found', () => {
    expect(findRoute('GET', '/v1/nothing_here')).toBeUndefined();
    expect(findRoute('DELETE', '/v1/checkout_sessions/cs_test_1')).toBeUndefined();
    expect(() => checkResponse('GET', '/v1/nothing_here', 404, envelope('route_not_found'))).not.toThrow();
  });

  it('finds a route by its path pattern, whatever the query string', () => {
    expect(findRoute('GET', '/v1/events?type=checkout.completed&limit=5')?.operationId).toBe('listEvents');
    expect(findRoute('post', '/v1/events/evt_test_1/redeliver')?.operationId).toBe('redeliverEvent');
    expect(findRoute('GET', '/v1/webhook_endpoints/we_test_1/deliveries')?.operationId).toBe('listWebhookAttempts');
  });
});
