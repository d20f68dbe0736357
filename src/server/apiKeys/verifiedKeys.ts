/**
 * Keys the server has recently found valid, by hash, so that a merchant's request does not wait on the store for
 * its key each time (issue 13: on the embedded store every query queues on one connection).
 *
 * 1. A key found valid is trusted for `VERIFIED_KEY_TTL_MS`, then looked up again.
 * 2. A revocation in this process (the API, the CLI, the demo's start) forgets every key at once, before it
 *    answers: the revoked key's next request is refused, as without the cache.
 * 3. A revocation by another process on the same Postgres (a second server, the CLI) is seen within the TTL.
 * 4. Unknown and revoked keys are never kept: each such request asks the store.
 */

/** How long a found key is trusted: short, since another process's revocation waits this long. */
export const VERIFIED_KEY_TTL_MS = 5_000;
/** A bound on what a store with very many keys can make this hold. */
const MAX_KEYS = 10_000;

export interface VerifiedKey {
  merchant_id: string;
  api_key_id: string;
  last_used_at: Date | null;
}

interface Entry {
  key: VerifiedKey;
  expiresAt: number;
  revocations: number;
}

/** Revocations made by this process so far: an entry made before the latest one is no longer trusted. */
let revocations = 0;

/** Called once a revocation's transaction has ended, committed or not: forgetting too much costs only a lookup. */
export function forgetVerifiedKeys(): void {
  revocations++;
}

/** One cache per store (per app), so stores in one process (tests) never answer for each other. */
export function verifiedKeyCache(now: () => number = () => Date.now()) {
  const entries = new Map<string, Entry>();
  return {
    get(keyHash: string): VerifiedKey | null {
      const entry = entries.get(keyHash);
      if (!entry) return null;
      if (entry.revocations !== revocations || entry.expiresAt <= now()) {
        entries.delete(keyHash);
        return null;
      }
      return entry.key;
    },
    /** `revocationsBefore`: `revocationsSoFar()` read before the lookup, so a revocation during it is not missed. */
    set(keyHash: string, key: VerifiedKey, revocationsBefore: number): void {
      if (entries.size >= MAX_KEYS) entries.clear();
      entries.set(keyHash, { key, expiresAt: now() + VERIFIED_KEY_TTL_MS, revocations: revocationsBefore });
    },
  };
}

export function revocationsSoFar(): number {
  return revocations;
}
