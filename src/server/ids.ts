import { randomBytes } from 'node:crypto';
import type { Mode } from './modes';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The last id's time and random digits, so ids of the same millisecond still sort in creation order. */
let previous: { time: number; random: number[] } | undefined;

/** Adds one to base-32 digits, as the ULID spec's monotonic mode does within a millisecond. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    next[i] = (next[i]! + 1) % 32;
    if (next[i] !== 0) break;
  }
  return next;
}

/**
 * A ULID behind a typed prefix and the mode (`cs_test_01KK2…`), as in the seed's ids: sortable by creation time,
 * so list cursors can compare ids. The mode has no default: an object's mode is its merchant's, and a forgotten
 * one would put a live object among test ones.
 */
export function createId(prefix: string, mode: Mode, now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const random = previous?.time === now ? increment(previous.random) : Array.from(randomBytes(16), (byte) => byte % 32);
  previous = { time: now, random };
  return `${prefix}_${mode}_${time}${random.map((digit) => CROCKFORD[digit]).join('')}`;
}
