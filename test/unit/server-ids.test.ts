import { describe, expect, it } from 'vitest';
import { createId } from '../../src/server/ids';

const CROCKFORD_ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('createId', () => {
  it('puts a ULID behind the prefix and the mode', () => {
    expect(createId('cs', 'live')).toMatch(/^cs_live_[0-9A-Z]{26}$/);
    const id = createId('cs', 'test');
    expect(id).toMatch(/^cs_test_[0-9A-Z]{26}$/);
    expect(id.slice('cs_test_'.length)).toMatch(CROCKFORD_ULID);
  });

  it('encodes the time in the first ten characters', () => {
    expect(createId('x', 'test', 0).slice(7, 17)).toBe('0000000000');
    // 1469918176385 is the ULID spec's example time, 01ARYZ6S41.
    expect(createId('x', 'test', 1469918176385).slice(7, 17)).toBe('01ARYZ6S41');
  });

  it('sorts ids of later times after earlier ones', () => {
    const times = [0, 1, 31, 32, 1_000, 1_700_000_000_000, 1_700_000_000_001, 2 ** 47];
    const ids = times.map((time) => createId('cs', 'test', time));
    expect([...ids].sort()).toEqual(ids);
  });

  it('sorts ids made within the same millisecond in the order they were made', () => {
    const now = Date.now();
    const ids = Array.from({ length: 200 }, () => createId('cb', 'test', now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts ids made in a tight loop in the order they were made', () => {
    const ids = Array.from({ length: 1000 }, () => createId('pay', 'test'));
    expect([...ids].sort()).toEqual(ids);
  });

  it('draws a fresh random part for each new millisecond', () => {
    const randomParts = new Set(Array.from({ length: 100 }, (_, i) => createId('x', 'test', i * 1000).slice(17)));
    expect(randomParts.size).toBe(100);
  });
});
