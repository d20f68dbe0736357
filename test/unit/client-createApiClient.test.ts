import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createApiClient } from '../../src/client/createApiClient';
import { TillApiError } from '../../src/client/TillApiError';
import { verifyWebhook } from '../../src/client/verifyWebhook';
import type { ApiRoutes } from '../../src/protocol/api/ApiRoute';

// A small table standing in for the merchant API's, so the client's mechanics are tested apart from the server's.
const widget = z.strictObject({ id: z.string(), name: z.string() });
const routes = {
  createWidget: { method: 'post', path: '/v1/widgets', auth: 'api_key', tag: 'Widgets', summary: 'Create', body: z.strictObject({ name: z.string() }), response: { status: 201, body: widget }, errors: [] },
  getWidget: { method: 'get', path: '/v1/widgets/{id}', auth: 'api_key', tag: 'Widgets', summary: 'Get', params: z.object({ id: z.string() }), response: { status: 200, body: widget }, errors: ['resource_missing'] },
  listWidgets: { method: 'get', path: '/v1/widgets', auth: 'api_key', tag: 'Widgets', summary: 'List', query: z.strictObject({ limit: z.number().optional(), cursor: z.string().optional() }), response: { status: 200, body: z.object({ data: z.array(widget) }) }, errors: [] },
  deleteWidget: { method: 'delete', path: '/v1/widgets/{id}', auth: 'api_key', tag: 'Widgets', summary: 'Delete', params: z.object({ id: z.string() }), response: { status: 204 }, errors: [] },
} satisfies ApiRoutes;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const envelope = (code: string, param: string | null = null) => ({ error: { type: 'invalid_request_error', code, message: `It is ${code}.`, param, request_id: 'req_1' } });

function clientAnswering(...responses: (Response | Error)[]) {
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch, client: createApiClient(routes, { apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:3000/', fetch: fetch as typeof globalThis.fetch, maxRetries: 2 }) };
}

describe('createApiClient', () => {
  it('sends a create as JSON with the key and a new Idempotency-Key, and resolves to the body', async () => {
    const { fetch, client } = clientAnswering(json(201, { id: 'w_1', name: 'A' }));
    await expect(client.createWidget({ name: 'A' })).resolves.toEqual({ id: 'w_1', name: 'A' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:3000/v1/widgets');
    expect(init!.method).toBe('POST');
    expect(init!.body).toBe('{"name":"A"}');
    const headers = init!.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer sk_test_x');
    expect(headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the id in the path, encoded, and the query in the query string without absent values', async () => {
    const { fetch, client } = clientAnswering(json(200, { id: 'a/b', name: 'A' }), json(200, { data: [] }));
    await client.getWidget('a/b');
    await client.listWidgets({ limit: 5, cursor: undefined });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['http://127.0.0.1:3000/v1/widgets/a%2Fb', 'http://127.0.0.1:3000/v1/widgets?limit=5']);
    expect((fetch.mock.calls[0]![1]!.headers as Record<string, string>)['Idempotency-Key']).toBeUndefined();
  });

  it('rejects with the envelope’s code, param and request id', async () => {
    const { client } = clientAnswering(json(404, envelope('resource_missing', 'id')));
    const error = await client.getWidget('w_9').catch((caught) => caught);
    expect(error).toBeInstanceOf(TillApiError);
    expect(error).toMatchObject({ status: 404, code: 'resource_missing', param: 'id', requestId: 'req_1', message: 'It is resource_missing.' });
  });

  it('retries a 5xx and a network error with the same Idempotency-Key, then succeeds', async () => {
    vi.useFakeTimers();
    try {
      const { fetch, client } = clientAnswering(json(500, envelope('internal_error')), new TypeError('fetch failed'), json(201, { id: 'w_1', name: 'A' }));
      const result = client.createWidget({ name: 'A' });
      await vi.runAllTimersAsync();
      await expect(result).resolves.toEqual({ id: 'w_1', name: 'A' });
      const keys = fetch.mock.calls.map(([, init]) => (init!.headers as Record<string, string>)['Idempotency-Key']);
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a 429 at once when Retry-After asks for longer than a call should wait', async () => {
    const { fetch, client } = clientAnswering(json(429, envelope('rate_limited'), { 'Retry-After': '60' }));
    await expect(client.createWidget({ name: 'A' })).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('uses the Idempotency-Key it is given, and resolves a 204 to undefined', async () => {
    const { fetch, client } = clientAnswering(json(201, { id: 'w_1', name: 'A' }), new Response(null, { status: 204 }));
    await client.createWidget({ name: 'A' }, { idempotencyKey: 'order-42' });
    await expect(client.deleteWidget('w_1')).resolves.toBeUndefined();
    expect((fetch.mock.calls[0]![1]!.headers as Record<string, string>)['Idempotency-Key']).toBe('order-42');
  });

  it('reports a body that is not the envelope as unexpected_response, and no connection as network_error', async () => {
    const { client } = clientAnswering(new Response('<html>Bad gateway</html>', { status: 400 }), json(400, { message: 'no' }));
    await expect(client.getWidget('w')).rejects.toMatchObject({ status: 400, code: 'unexpected_response' });
    await expect(client.getWidget('w')).rejects.toMatchObject({ status: 400, code: 'unexpected_response' });
    const unreachable = createApiClient(routes, { apiKey: 'k', baseUrl: 'http://127.0.0.1:9', maxRetries: 0, fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    await expect(unreachable.getWidget('w')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});

describe('verifyWebhook', () => {
  const secret = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`;
  const body = JSON.stringify({ event_id: 'evt_1', type: 'checkout.completed' });
  const signed = (at = new Date()) => ({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_1', at, body) });

  it('returns the event of a correctly signed body, from a plain object or from Headers', () => {
    expect(verifyWebhook(body, signed(), secret)).toEqual(JSON.parse(body));
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(signed()), secret)).toEqual(JSON.parse(body));
  });

  it('refuses a changed body, another secret, a missing signature and an old timestamp', () => {
    const other = `whsec_${Buffer.from('another secret of 32 bytes!!!!!!').toString('base64')}`;
    for (const [text, headers, key] of [
      [body.replace('evt_1', 'evt_2'), signed(), secret],
      [body, signed(), other],
      [body, { ...signed(), 'webhook-signature': undefined }, secret],
      [body, signed(new Date(Date.now() - 10 * 60_000)), secret],
    ] as const) {
      expect(() => verifyWebhook(text, headers, key)).toThrow(expect.objectContaining({ code: 'invalid_webhook_signature' }));
    }
  });
});

describe('the client’s types', () => {
  // Checked by `npm run typecheck`: each line must fail to compile, or `@ts-expect-error` itself is the error.
  it('take each method’s id, body and query from its route', () => {
    const { client } = clientAnswering();
    const typeErrors = () => {
      // @ts-expect-error the body is required
      void client.createWidget();
      // @ts-expect-error a field the body does not have
      void client.createWidget({ name: 'A', colour: 'red' });
      // @ts-expect-error the id is required
      void client.getWidget();
      // @ts-expect-error limit is a number
      void client.listWidgets({ limit: 'ten' });
      // @ts-expect-error the response has no such field
      void client.getWidget('w').then((found) => found.colour);
    };
    expect(typeErrors).toBeTypeOf('function');
  });
});
