/** The part of `geoip-country` (no types of its own) that Till uses: an offline lookup in its bundled data. */
declare module 'geoip-country' {
  const geoip: {
    /** The country of an IPv4 or IPv6 address, from MaxMind's GeoLite2 data in the package; null when unknown. */
    lookup(ip: string): { country: string } | null;
  };
  export default geoip;
}
