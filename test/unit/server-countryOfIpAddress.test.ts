import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ipAddress } from '../../src/protocol/api/fields';
import { countryOfIpAddress } from '../../src/server/geo/countryOfIpAddress';

describe('countryOfIpAddress', () => {
  it('loads the GeoIP data only when a public address first needs it', async () => {
    // A module of its own: test files share a worker's modules, and another may have looked an address up.
    vi.resetModules();
    const { countryOfIpAddress, isGeoIpLoaded } = await import('../../src/server/geo/countryOfIpAddress');
    expect(isGeoIpLoaded()).toBe(false);
    expect(await countryOfIpAddress('192.168.1.20')).toBeNull();
    expect(isGeoIpLoaded()).toBe(false);

    const country = await countryOfIpAddress('8.8.8.8');
    expect(isGeoIpLoaded()).toBe(true);
    const { default: geoip } = await import('geoip-country');
    expect(country).toBe(geoip.lookup('8.8.8.8')?.country ?? null);
  });

  it('answers as the package’s bundled data does, for IPv4, IPv6 and IPv4-mapped IPv6', async () => {
    const { default: geoip } = await import('geoip-country');
    for (const address of ['81.2.69.142', '193.0.6.139', '2001:4860:4860::8888', '2a00:1450:4001::1']) {
      const expected = geoip.lookup(address)?.country ?? null;
      expect(expected, address).toMatch(/^[A-Z]{2}$/);
      expect(await countryOfIpAddress(address), address).toBe(expected);
    }
    expect(await countryOfIpAddress('::ffff:81.2.69.142')).toBe(await countryOfIpAddress('81.2.69.142'));
  });

  it.each(['10.0.0.1', '127.0.0.1', '100.64.0.1', '192.0.2.1', '0.0.0.0', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', '2001:db8::1'])(
    'gives no country for the non-public address %s',
    async (address) => {
      expect(await countryOfIpAddress(address)).toBeNull();
    },
  );
});

describe('ipAddress', () => {
  it.each(['203.0.113.7', '8.8.8.8', '2001:db8::1', '::ffff:203.0.113.7', '::1', 'FE80::1'])('accepts %s', (address) => {
    expect(ipAddress.safeParse(address).success).toBe(true);
  });

  it.each(['', ' 8.8.8.8', '8.8.8.8 ', '256.1.1.1', '010.1.1.1', '1.2.3', '1.2.3.4.5', '1::2::3', '2001:db8::g', 'fe80::1%eth0', 'localhost', '8.8.8.8/32', `${'1:'.repeat(30)}1`])(
    'refuses %j',
    (address) => {
      expect(ipAddress.safeParse(address).success).toBe(false);
    },
  );

  // The schema spells out Node's own expressions so it runs in a browser too; it must still agree with Node.
  it('agrees with node:net isIP (without a zone) on addresses and near-misses', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{0,5}$/);
    const octet = fc.oneof(fc.nat(300).map(String), fc.stringMatching(/^0[0-9]{1,2}$/));
    const v4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
    const v6 = fc
      .tuple(fc.array(hex, { minLength: 1, maxLength: 9 }), fc.option(v4, { nil: undefined }))
      .map(([groups, tail]) => [...groups, ...(tail === undefined ? [] : [tail])].join(':'));
    fc.assert(
      fc.property(fc.oneof(v4, v6, fc.string({ maxLength: 45 })), (address) => {
        expect(ipAddress.safeParse(address).success, address).toBe(isIP(address) !== 0 && !address.includes('%') && address.length <= 45);
      }),
      { numRuns: 5000 },
    );
  });
});
