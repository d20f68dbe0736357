import ipaddr from 'ipaddr.js';
import { isCountryCode } from '../../protocol/api/fields';

type Lookup = (address: string) => string | null;

/**
 * `geoip-country` reads its whole database (some 8 MB on disk, 19 MB of memory) as soon as it is imported, so it is
 * imported when the first public address needs a country, not when the server starts: a server whose merchants
 * never send one never holds it. Offline by design: the data ships in the pinned package, and nothing here asks it
 * to update (its `updateDatabase` would download).
 */
let lookup: Promise<Lookup> | null = null;

function loadLookup(): Promise<Lookup> {
  lookup ??= import('geoip-country').then(
    ({ default: geoip }): Lookup => (address) => geoip.lookup(address)?.country ?? null,
    (error: unknown) => {
      // Tried again by the next address, rather than failing every one after it.
      lookup = null;
      throw error;
    },
  );
  return lookup;
}

/** Whether the GeoIP data has been loaded in this process (for tests of the lazy loading). */
export const isGeoIpLoaded = () => lookup !== null;

/**
 * The country an address is in, as the bundled GeoIP data knows it, or null: for a private, loopback, link-local,
 * reserved or otherwise non-public address (answered without loading the data), for one the data does not know,
 * and for a code that is not a country (legacy GeoIP data used `EU` and `AP` for whole regions).
 */
export async function countryOfIpAddress(address: string): Promise<string | null> {
  // IPv4-mapped IPv6 (`::ffff:203.0.113.7`) is the IPv4 address.
  const parsed = ipaddr.process(address);
  if (parsed.range() !== 'unicast') return null;
  const country = (await loadLookup())(parsed.toString());
  return country !== null && isCountryCode(country) ? country : null;
}
