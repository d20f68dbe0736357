import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

/**
 * The address a request came from, as a rate limit should count it, or null when there is none (a request made
 * in-process, as tests do).
 * 1. With no trusted proxy it is the socket's peer. Behind `trustedProxies` proxies (a load balancer is one), each
 *    of which appends the address it received from to `X-Forwarded-For`, it is the address the outermost trusted
 *    proxy saw: anything a client wrote into the header itself sits further left and is ignored.
 * 2. An IPv6 client counts by its /64, which one customer's connection is usually given whole (RFC 6177), so
 *    rotating through it buys no extra attempts; an IPv4-mapped address counts as the IPv4 address.
 */
export function clientAddress(c: Context, trustedProxies: number): string | null {
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? null;
  let address = peer;
  if (trustedProxies > 0) {
    const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    const chain = peer ? [...forwarded, peer] : forwarded;
    address = chain.at(-(trustedProxies + 1)) ?? chain[0] ?? null;
  }
  return address && countedAs(address);
}

function countedAs(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
