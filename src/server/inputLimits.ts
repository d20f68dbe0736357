import { TillApiError } from './TillApiError';

/**
 * What every request meets, whatever its route, before any schema sees it; each field's own schema is usually
 * stricter (a metadata value 500 characters, an id 100). A guard below the schemas, so a route added tomorrow, or a
 * schema that forgot a `.max()`, still never hands the store text it refuses or a list without end.
 */
export const INPUT_LIMITS = {
  /** Bytes of a request body. */
  bodyBytes: 1024 * 1024,
  /** Characters of any one string of a body or query string, keys included. */
  stringLength: 5000,
  /** Items of any one list, and members of any one object or query string. */
  entries: 100,
  /** Levels of objects and lists in a body: no route reads more than three. */
  depth: 20,
  /** Characters of the URL's path, percent-decoded. */
  pathLength: 2048,
} as const;

/** With the `u` flag a surrogate matches only when it is not half of a pair: a lone one, which UTF-8 cannot encode. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why `text` cannot be taken, or null. Postgres refuses U+0000 in `text` and `jsonb` ("invalid byte sequence"), so
 * a NUL that reached a query failed the whole request with a 500; a lone surrogate would be stored as U+FFFD and no
 * longer come back as it was sent.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  if (text.length > INPUT_LIMITS.stringLength) return `must be at most ${INPUT_LIMITS.stringLength} characters`;
  return null;
}

/** A 400 naming the param at `path` (dotted, as `parseInput` names fields), or the whole input at the root. */
export function inputLimitError(path: readonly PropertyKey[], problem: string, root = 'request body'): TillApiError {
  const param = path.map(String).join('.') || null;
  return new TillApiError('validation_error', `Invalid ${param ? `'${param}'` : root}: ${problem}.`, param);
}

/**
 * Throws a 400 naming the first value of a parsed JSON body (or query) outside `INPUT_LIMITS`: a string with a NUL
 * or a lone surrogate, keys included, a string, list or object too long, nesting too deep. Walks with its own stack,
 * so a body nested a million levels deep is refused rather than overflowing ours.
 */
export function assertWithinInputLimits(input: unknown): void {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    const name = path.at(-1);
    if (typeof name === 'string') {
      const problem = textProblem(name);
      if (problem) throw inputLimitError(path, `the name ${problem}`);
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw inputLimitError(path, problem);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= INPUT_LIMITS.depth) throw inputLimitError(path, `is nested more than ${INPUT_LIMITS.depth} levels deep`);
    const list = Array.isArray(value);
    const keys = list ? value.keys() : Object.keys(value);
    const size = list ? value.length : (keys as string[]).length;
    if (size > INPUT_LIMITS.entries) throw inputLimitError(path, `must have at most ${INPUT_LIMITS.entries} ${list ? 'items' : 'members'}`);
    // Pushed in reverse, so the first problem in document order is the one reported.
    for (const key of [...keys].reverse()) pending.push({ value: (value as Record<PropertyKey, unknown>)[key], path: [...path, key] });
  }
}
