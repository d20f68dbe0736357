import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeStripe, type FakeStripe } from './fakeStripe';

export interface StripeAccounts {
  /** One address for every account, as Stripe's API is: for `processorForMerchant`'s `stripeApi`. */
  api: FakeStripe['api'];
  accounts: FakeStripe[];
  close(): Promise<void>;
}

/**
 * Several Stripe accounts, each its own fake (`startFakeStripe`) that knows only its own PaymentIntents, behind one
 * address: each request goes to the account whose secret key it carries, as Stripe tells accounts apart by the key.
 * For the tests of a merchant that moves to another account's keys.
 */
export async function startStripeAccounts(count: number): Promise<StripeAccounts> {
  const accounts = await Promise.all(Array.from({ length: count }, () => startFakeStripe()));
  const server = createServer((incoming, outgoing) => {
    const account = accounts.find((fake) => incoming.headers.authorization === `Bearer ${fake.secretKey}`);
    if (!account) {
      outgoing.writeHead(401, { 'Content-Type': 'application/json' });
      outgoing.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }));
      return;
    }
    const { host, port } = account.api;
    const relayed = forward({ host, port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(relayed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    api: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' },
    accounts,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(accounts.map((fake) => fake.close()));
    },
  };
}
