import { describe, expect, it } from 'vitest';
import { assertWithinInputLimits, INPUT_LIMITS, textProblem } from '../../src/server/inputLimits';
import { TillApiError } from '../../src/server/TillApiError';

function refusal(input: unknown) {
  try {
    assertWithinInputLimits(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TillApiError);
    const { code, param, message } = error as TillApiError;
    return { code, param, message };
  }
  return null;
}

/** `depth` levels of lists around `inner`. */
const nested = (depth: number, inner: unknown = 'x') => Array.from({ length: depth }).reduce<unknown>((value) => [value], inner);

describe('textProblem', () => {
  it.each(['', 'plain', 'emoji 😀 pairs', 'é'.repeat(INPUT_LIMITS.stringLength), 'tab\tand\nnewline'])('accepts %j', (text) => {
    expect(textProblem(text)).toBeNull();
  });

  it.each([
    ['a NUL', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'a\uD83Db', /lone surrogate/],
    ['a lone low surrogate', '\uDE00', /lone surrogate/],
    ['one character too many', 'x'.repeat(INPUT_LIMITS.stringLength + 1), /at most 5000 characters/],
  ])('refuses %s', (_, text, problem) => {
    expect(textProblem(text)).toMatch(problem);
  });
});

describe('assertWithinInputLimits', () => {
  it('accepts what the routes take', () => {
    expect(refusal({ checkout_mode: 'subscription', metadata: { a: 'b' }, subscription_config_ids: ['sc_1', 'sc_2'], quantity: 3 })).toBeNull();
    expect(refusal(nested(INPUT_LIMITS.depth))).toBeNull();
    expect(refusal(Array(INPUT_LIMITS.entries).fill(1))).toBeNull();
  });

  it.each([
    ['a NUL in a value, named by its path', { customer: { name: 'a\u0000' } }, 'customer.name', /NUL/],
    ['a NUL in a key, named by its path', { metadata: { 'k\u0000': 'v' } }, 'metadata.k\u0000', /the name must not contain the NUL/],
    ['a lone surrogate in a list item', { ids: ['ok', '\uD800'] }, 'ids.1', /lone surrogate/],
    ['a string too long', { reference_id: 'x'.repeat(5001) }, 'reference_id', /at most 5000 characters/],
    ['a list too long', { subscription_config_ids: Array(101).fill('sc') }, 'subscription_config_ids', /at most 100 items/],
    ['an object too large', { metadata: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v'])) }, 'metadata', /at most 100 members/],
    ['nesting too deep', { a: nested(INPUT_LIMITS.depth) }, `a${'.0'.repeat(INPUT_LIMITS.depth - 1)}`, /nested more than 20 levels/],
    ['a string at the root', 'x\u0000', null, /^Invalid request body: must not contain/],
  ])('refuses %s with a validation_error', (_, input, param, message) => {
    expect(refusal(input)).toMatchObject({ code: 'validation_error', param, message: expect.stringMatching(message) });
  });

  it('reports the first problem in document order', () => {
    expect(refusal({ a: 'ok', b: ['\u0000'], c: '\u0000' })?.param).toBe('b.0');
  });

  it('refuses a million levels of nesting without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    expect(refusal(deep)?.message).toMatch(/nested more than/);
  });
});
