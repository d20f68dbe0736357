import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The npm entries are imported by server-rendered apps (Next.js, Remix, Fresh), where there is no DOM: they
 * must wait for `open` to be called before touching `window` or `document`. Each test imports a fresh copy,
 * so the module's top level really runs here.
 */
beforeEach(() => {
  vi.resetModules();
});

const entries = {
  till: () => import('../../src/sdk/index'),
  'till/preact': () => import('../../src/sdk/preact'),
  'till/react': () => import('../../src/sdk/react'),
};

/**
 * Runs `action` and names every global it added, removed or replaced. Only named globals: Vitest keeps its
 * own state under symbols on the global object.
 */
async function globalsChangedBy(action: () => Promise<unknown>): Promise<string[]> {
  const read = () => new Map(Object.getOwnPropertyNames(globalThis).map((name) => [name, Reflect.get(globalThis, name)]));
  const before = read();
  await action();
  const after = read();
  return [...new Set([...before.keys(), ...after.keys()])].filter(
    (name) => !before.has(name) || !after.has(name) || !Object.is(before.get(name), after.get(name)),
  );
}

describe('the SDK entries on a server', () => {
  it('run in an environment without window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it.each(Object.entries(entries))('import %s without throwing or touching the global object', async (_, load) => {
    expect(await globalsChangedBy(load)).toEqual([]);
    expect(globalThis.window).toBeUndefined();
    expect(globalThis.document).toBeUndefined();
  });

  it('export open and TillError from till', async () => {
    const { open, TillError } = await entries.till();
    expect(open).toBeTypeOf('function');
    expect(new TillError('invalid_token', 'x')).toBeInstanceOf(Error);
  });

  it.each([
    ['till/preact', entries['till/preact']],
    ['till/react', entries['till/react']],
  ] as const)('export useCheckout from %s', async (_, load) => {
    expect((await load()).useCheckout).toBeTypeOf('function');
  });
});
