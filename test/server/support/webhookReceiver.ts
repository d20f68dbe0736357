import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, as a receiver must verify it: before parsing. */
  body: string;
}

/** How the receiver answers its n-th request (from 1): a status and body (after `delayMs`), or `hang` to never answer. */
export type Answer = (n: number, webhook: ReceivedWebhook) => { status: number; body?: string; delayMs?: number } | 'hang';

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks`. */
  url: string;
  received: ReceivedWebhook[];
  answer: Answer;
  /** The most requests it was answering at one moment. */
  maxInFlight: number;
  /** Resolves once `count` requests have arrived (polling, so it also sees requests that arrived before). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/**
 * A merchant's webhook receiver on loopback: records every request and answers as told (200 by default); on `port`,
 * or a free one.
 */
export async function startWebhookReceiver(answer: Answer = () => ({ status: 200, body: 'ok' }), port = 0): Promise<WebhookReceiver> {
  const hanging = new Set<() => void>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer,
    maxInFlight: 0,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, received ${receiver.received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return receiver.received;
    },
    close: () =>
      new Promise((resolve) => {
        for (const end of hanging) end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  let inFlight = 0;
  const server = createServer((request, response) => {
    receiver.maxInFlight = Math.max(receiver.maxInFlight, ++inFlight);
    response.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhook = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      receiver.received.push(webhook);
      const reply = receiver.answer(receiver.received.length, webhook);
      if (reply === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      setTimeout(() => response.writeHead(reply.status, { 'Content-Type': 'text/plain' }).end(reply.body ?? ''), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
