import ipaddr from 'ipaddr.js';
import type { WebhookUrlPolicy } from '../../../src/server/webhooks/checkWebhookUrl';
import { sendWebhookRequest, type WebhookConnector } from '../../../src/server/webhooks/sendWebhookRequest';

/**
 * The tests' DNS: names map to whatever addresses a test says (`169.254.169.254` for a metadata trap), and
 * nothing is asked of a real resolver. Unknown names fail as they would in DNS.
 */
export class FakeDns {
  readonly names = new Map<string, string[]>([['localhost', ['127.0.0.1']]]);

  policy(allowLoopback: boolean): WebhookUrlPolicy {
    return {
      allowLoopback,
      resolve: async (hostname) => {
        const addresses = this.names.get(hostname);
        if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        return addresses;
      },
    };
  }
}

/**
 * The real connector behind a last guard of the tests' own: any address outside loopback is recorded and refused
 * before a socket opens, so a delivery guard that fails is caught here, and no packet leaves the machine.
 */
export function loopbackOnlyConnector(refused: string[]): WebhookConnector {
  return async (request) => {
    const outside = request.addresses.filter((address) => ipaddr.process(address).range() !== 'loopback');
    if (outside.length > 0) {
      refused.push(...outside);
      throw new Error(`test connector: refused to connect to ${outside.join(', ')}`);
    }
    return sendWebhookRequest(request);
  };
}
