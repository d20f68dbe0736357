import { describe, expect, it } from 'vitest';
import { forgetVerifiedKeys, revocationsSoFar, VERIFIED_KEY_TTL_MS, verifiedKeyCache } from '../../src/server/apiKeys/verifiedKeys';

const key = { merchant_id: 'mer_test_a', api_key_id: 'key_test_a', last_used_at: null };

function cacheAt(start = 1_000_000) {
  let now = start;
  return { cache: verifiedKeyCache(() => now), advance: (ms: number) => (now += ms) };
}

describe('verified API keys', () => {
  it('trusts a key found valid until its time is up, then asks the store again', () => {
    const { cache, advance } = cacheAt();
    cache.set('hash', key, revocationsSoFar());
    advance(VERIFIED_KEY_TTL_MS - 1);
    expect(cache.get('hash')).toBe(key);
    advance(1);
    expect(cache.get('hash')).toBeNull();
  });

  it('forgets every key when this process revokes one', () => {
    const { cache } = cacheAt();
    cache.set('hash', key, revocationsSoFar());
    forgetVerifiedKeys();
    expect(cache.get('hash')).toBeNull();
  });

  it('does not keep a key looked up while a revocation ran', () => {
    const { cache } = cacheAt();
    const before = revocationsSoFar();
    forgetVerifiedKeys(); // committed while the lookup was in flight
    cache.set('hash', key, before);
    expect(cache.get('hash')).toBeNull();
  });

  it('keeps each cache to itself, as each app has its own store', () => {
    const [first, second] = [cacheAt().cache, cacheAt().cache];
    first.set('hash', key, revocationsSoFar());
    expect(second.get('hash')).toBeNull();
  });
});
