import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebhookRequest } from '../../src/server/webhooks/sendWebhookRequest';

let close = async () => {};
afterEach(() => close());

/** A loopback server answering every request with `body`, remembering the headers it was sent. */
async function serve(body: Buffer | string, status = 200) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume().on('end', () => response.writeHead(status).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return { port: (server.address() as AddressInfo).port, seen };
}

const send = (url: string, addresses = ['127.0.0.1']) =>
  sendWebhookRequest({ url: new URL(url), addresses, headers: { 'webhook-id': 'evt_1' }, body: '{}', signal: AbortSignal.timeout(2000) });

describe('sendWebhookRequest', () => {
  it('connects to the checked address while the request keeps the host name', async () => {
    const { port, seen } = await serve('ok', 202);
    // No resolver knows this name: only the pinned address can have reached the server.
    expect(await send(`http://hooks.invalid:${port}/till`)).toStrictEqual({ status: 202, body: 'ok' });
    expect(seen[0]).toMatchObject({ host: `hooks.invalid:${port}`, 'webhook-id': 'evt_1', 'content-length': '2' });
  });

  it('tries each checked address in turn, as a receiver may listen on one family only', async () => {
    const { port } = await serve('ok');
    // Nothing listens on ::1 here (the server is bound to 127.0.0.1): the connection must move on to the next.
    expect(await send(`http://hooks.invalid:${port}/`, ['::1', '127.0.0.1'])).toStrictEqual({ status: 200, body: 'ok' });
  });

  it('keeps the first 1,024 bytes of an answer, without a character cut in half', async () => {
    const { port } = await serve(Buffer.concat([Buffer.alloc(1023, 'a'), Buffer.from('é'), Buffer.alloc(5000, 'b')]));
    expect(await send(`http://localhost:${port}/`)).toStrictEqual({ status: 200, body: 'a'.repeat(1023) });
  });

  it('does not follow a redirect', async () => {
    const { port, seen } = await serve('moved', 307);
    expect((await send(`http://localhost:${port}/`)).status).toBe(307);
    expect(seen).toHaveLength(1);
  });
});
