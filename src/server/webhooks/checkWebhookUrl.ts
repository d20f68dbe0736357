import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Where webhooks may go. Both parts are injectable, so tests of the guard need no DNS and reach no network. */
export interface WebhookUrlPolicy {
  /** Every address a host name resolves to. */
  resolve(hostname: string): Promise<string[]>;
  /** Test and development mode: loopback addresses are allowed, over http as well as https. */
  allowLoopback: boolean;
}

/** The system resolver, every address of both families, in the order it gives them. */
export async function resolveHostname(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

export const productionUrlPolicy: WebhookUrlPolicy = { resolve: resolveHostname, allowLoopback: false };

/** Why a URL may not receive webhooks: said to the merchant at creation, and logged on each refused attempt. */
export class WebhookUrlRefusedError extends Error {
  override name = 'WebhookUrlRefusedError';
}

/**
 * The addresses a webhook for `url` may be sent to, or a refusal. Every address the host resolves to must be a
 * public unicast one: private (10/8, 172.16/12, 192.168/16), loopback, link-local (169.254/16, where cloud
 * metadata services answer), carrier-grade NAT, unique-local, IPv4 embedded in IPv6 (mapped, compatible, NAT64,
 * 6to4, Teredo), IPv6 outside global unicast (2000::/3) and reserved ranges are refused. One bad address refuses the URL, so a host that answers with a public and a
 * private address cannot pick the private one later. The caller connects to an address returned, never to the
 * name again, so DNS cannot change between this check and the connection.
 */
export async function checkWebhookUrl(url: URL, policy: WebhookUrlPolicy): Promise<string[]> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(hostname) ? [hostname] : await resolveOrRefuse(hostname, policy);
  if (addresses.length === 0) throw new WebhookUrlRefusedError(`'${hostname}' does not resolve to any address.`);
  // process() reads an IPv4-mapped IPv6 address as the IPv4 address it is.
  const ranges = addresses.map((address) => rangeOf(ipaddr.process(address)));
  const loopback = policy.allowLoopback && ranges.every((range) => range === 'loopback');
  if (!loopback) {
    // The range alone, not the address: a refusal must not map the network it protects.
    const refused = ranges.find((range) => range !== 'unicast');
    if (refused) throw new WebhookUrlRefusedError(`'${hostname}' resolves to a ${refused} address: webhooks go only to public addresses.`);
    if (url.protocol !== 'https:') throw new WebhookUrlRefusedError('Webhook URLs must use https://.');
  }
  return addresses;
}

/** Global unicast IPv6 is 2000::/3; ipaddr.js calls the rest of ::/8 "unicast" too, IPv4-compatible ::a.b.c.d among it. */
const GLOBAL_UNICAST_IPV6 = ipaddr.parseCIDR('2000::/3');

function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  const range = ip.range();
  if (ip.kind() === 'ipv6' && range === 'unicast' && !ip.match(GLOBAL_UNICAST_IPV6)) return 'reserved';
  return range;
}

async function resolveOrRefuse(hostname: string, policy: WebhookUrlPolicy): Promise<string[]> {
  try {
    return await policy.resolve(hostname);
  } catch {
    throw new WebhookUrlRefusedError(`'${hostname}' could not be resolved.`);
  }
}
