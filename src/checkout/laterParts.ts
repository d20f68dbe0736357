import { lazyPart } from './lazyPart';

/**
 * What the open checkout needs only once the customer acts, in one chunk: checking the form (on leaving a field,
 * on Pay), paying (`createPayer`), the screens a payment leads to (the bank's challenge, settling, success), the
 * price explanation (its sentences, and what opening it starts), the wording of a refused change, and English's
 * words for all these (`completeMessages`). Fetched once the form is shown, while the customer types; whatever
 * uses a part awaits `load()` first (a payment before anything is sent), so nothing waits on it that could have not.
 */
export const laterParts = lazyPart(() => import('./laterPartsChunk'));

export type LaterParts = typeof import('./laterPartsChunk');
