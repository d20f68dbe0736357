/**
 * Test or live (issue 10). A merchant has a row per mode, and everything it owns belongs to one of them, so the
 * isolation that keeps merchants apart keeps a merchant's modes apart too: a live key sees no test object and the
 * reverse, as with Stripe's modes. Every id and secret says its mode (`cs_live_…`, `sk_test_…`), and an object's
 * mode is always its merchant's.
 */
export type Mode = 'test' | 'live';

/** The mode an id or secret was made in; ids made before live mode existed all say `_test_`. */
export function modeOf(id: string): Mode {
  return /^[a-z]+_live_/.test(id) ? 'live' : 'test';
}

export const isLive = (id: string): boolean => modeOf(id) === 'live';
