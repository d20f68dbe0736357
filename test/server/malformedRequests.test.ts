import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckoutServer, type RunningServer } from '../../src/server/startCheckoutServer';
import { expectApiError, PUBLIC_URL, useTestServer, type ApiResponse } from './support/testServer';

const till = useTestServer();
let server: RunningServer;

beforeAll(async () => {
  server = await startCheckoutServer({ db: till.db, publicUrl: PUBLIC_URL, port: 0 });
});
afterAll(() => server.close());

/**
 * Sends `head` byte for byte over a socket, as no HTTP client would (they refuse NULs and backslashes before
 * sending), and reads the answer until the server closes the connection.
 */
function sendRaw(head: string): Promise<{ status: number; headers: Headers; text: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    // Written, not ended: a client that half-closes its socket is taken for one that left, and gets no answer.
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(Buffer.from(`${head}Connection: close\r\n\r\n`, 'latin1')));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [statusLine, ...lines] = raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
      const headers = new Headers(lines.map((line): [string, string] => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, text: raw.slice(raw.indexOf('\r\n\r\n') + 4) });
    });
  });
}

async function sendRawApi(head: string): Promise<ApiResponse> {
  const { status, headers, text } = await sendRaw(head);
  expect(headers.get('Content-Type')).toMatch(/^application\/json/);
  return { status, headers, body: JSON.parse(text) };
}

describe('requests that never reach a route', () => {
  it.each([
    ['a backslash in an asset path', '/assets/..\\..\\package.json'],
    ['a backslash in an API path', '/v1\\checkout_sessions'],
  ])('answers %s with the envelope, 400 invalid_request', async (_, path) => {
    expectApiError(await sendRawApi(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n`), 'invalid_request', 'path');
  });

  it('answers a NUL in the Authorization header (refused by Node itself) with the envelope, 400 invalid_request', async () => {
    const response = await sendRawApi(`GET /v1/subscription_configs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk_test_\u0000x\r\n`);
    expectApiError(response, 'invalid_request');
  });

  it('answers a NUL in the request line with the envelope, 400 invalid_request', async () => {
    expectApiError(await sendRawApi(`GET /v1/events\u0000 HTTP/1.1\r\nHost: localhost\r\n`), 'invalid_request');
  });

  it('answers a percent-encoded NUL, which does reach the app, with a validation_error naming the path', async () => {
    const response = await sendRawApi(`GET /v1/events/evt_%00 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${till.demo.apiKey}\r\n`);
    expectApiError(response, 'validation_error', 'path');
  });

  it("keeps Node's 431 for headers too large, with an id", async () => {
    const response = await sendRaw(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n`);
    expect(response.status).toBe(431);
    expect(response.headers.get('X-Request-Id')).toMatch(/^req_[\w-]{16}$/);
  });

  it('still serves a good request over a socket', async () => {
    const response = await sendRawApi(`GET /v1/subscription_configs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${till.demo.apiKey}\r\n`);
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toMatch(/^req_/);
  });
});

/**
 * `request` with `name` reading as `value`, which no `Headers` would hold (a NUL): what the app would see if a
 * proxy in front of Node let such a header through.
 */
function withRawHeader(request: Request, name: string, value: string): Request {
  const headers = new Proxy(request.headers, {
    get(target, property) {
      if (property === 'get') return (asked: string) => (asked.toLowerCase() === name.toLowerCase() ? value : target.get(asked));
      const member = Reflect.get(target, property, target);
      return typeof member === 'function' ? member.bind(target) : member;
    },
  });
  Object.defineProperty(request, 'headers', { value: headers });
  return request;
}

async function fetchApi(request: Request): Promise<ApiResponse> {
  const response = await till.app.fetch(request);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('header values that Node would refuse, should one get past it', () => {
  it('answers a NUL in a merchant key with 401 invalid_api_key', async () => {
    const request = withRawHeader(new Request('http://localhost/v1/subscription_configs'), 'Authorization', 'Bearer sk_test_\u0000');
    expectApiError(await fetchApi(request), 'invalid_api_key');
  });

  it('answers a NUL in a session secret with 401 invalid_session_secret', async () => {
    const request = withRawHeader(new Request('http://localhost/api/checkout/session'), 'Authorization', 'Bearer css_test_\u0000');
    expectApiError(await fetchApi(request), 'invalid_session_secret');
  });

  it('answers a NUL in an Idempotency-Key with 400 naming the header', async () => {
    const body = JSON.stringify(await till.sessionBody());
    // With its length given, the body limit leaves the request as it is, proxied header included.
    const request = new Request('http://localhost/v1/checkout_sessions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${till.demo.apiKey}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      body,
    });
    expectApiError(await fetchApi(withRawHeader(request, 'Idempotency-Key', 'key-\u0000')), 'validation_error', 'Idempotency-Key');
  });

  it('replaces an X-Request-Id with a NUL', async () => {
    const response = await till.app.fetch(withRawHeader(new Request('http://localhost/'), 'X-Request-Id', 'trace\u0000'));
    expect(response.headers.get('X-Request-Id')).toMatch(/^req_[\w-]{16}$/);
  });
});
