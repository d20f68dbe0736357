import { setFlagsFromString } from 'node:v8';

/**
 * For a server process on the embedded store, not for every process that opens one (tests), V8's heaps grow less
 * under load. `main.ts` sets the flags before the server's modules load, `startTill` for a server started otherwise,
 * and PGlite's thread once more, since starting a thread sets V8's flags back to the process's start-up ones. Both
 * are read each time a heap would grow, so unlike `--max-semi-space-size` or `--max-old-space-size` they take effect
 * when set at run time, and neither is a limit that could end the process.
 * 1. The young generation stays at the size it starts with (1 MB per semi-space) instead of doubling up to 16 MB when
 *    many requests' objects survive a scavenge, as they do under 50 concurrent creates: peak RSS under load 203–223
 *    → 165–187 MB (issue 13, the bench's create load alone), for main-thread GC 2 → 6 % of its time.
 * 2. After a full collection the old generation may grow to 1.3 × what was live, where V8 allows up to 4 × when
 *    collecting is fast beside the allocating, as it is on an idle core: with the floor's 404s in the load as well
 *    the old space reached 118 MB for 49 MB live and RSS 260 MB; with 1.3 × and 1.6 ×, 166 and 176 MB, at the same
 *    CPU per create within the noise. Against 1.5 ×, 1.3 × peaked at 181 against 184 MB (medians of 5 paired runs of
 *    the bench's load, lower in 4), at the same creates per second within the noise. PGlite's start alone is ~150 MB
 *    of the 200 the issue allows.
 */
export function keepHeapSmall() {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=30');
}
