import { createIdempotencyKey } from './createIdempotencyKey';

/**
 * Idempotency keys per payment attempt. The same body sent again after an answer that may not have reached us
 * (a network error, a 5xx) is the same attempt and keeps its key, so the server replays instead of charging
 * twice; once the server has answered (success, decline, invalid input), the next payment is a new attempt.
 */
export function createAttemptKeys(newKey: () => string = createIdempotencyKey) {
  let current: { body: string; key: string } | null = null;
  return {
    keyFor(body: unknown): string {
      const json = JSON.stringify(body);
      if (current?.body !== json) current = { body: json, key: newKey() };
      return current.key;
    },
    /** The server answered the attempt; the next one gets a new key. */
    settle(): void {
      current = null;
    },
  };
}
