import { h } from 'preact';
import { renderToString as renderPreactToString } from 'preact-render-to-string';
import { createElement } from 'react';
import { renderToString as renderReactToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutCallbacks } from '../../src/sdk/createUseCheckout';
import type { CheckoutHandle, OpenOptions } from '../../src/sdk/open';

/**
 * The npm entries are imported by server-rendered apps (Next.js, Remix, Fresh), where there is no DOM: they
 * must wait for `open` to be called before touching `window` or `document`, and `open` itself must report
 * `not_in_browser` rather than throw or leave a promise to reject. Each test imports a fresh copy, so the
 * module's top level really runs here.
 */
beforeEach(() => {
  vi.resetModules();
});

const entries = {
  '@till-checkout/js': () => import('../../src/sdk/index'),
  '@till-checkout/js/preact': () => import('../../src/sdk/preact'),
  '@till-checkout/js/react': () => import('../../src/sdk/react'),
};

/** Well-formed, with an https base: in a browser this token would open a frame. */
const TOKEN = btoa(JSON.stringify({ secret: 'css_test_x', base: 'https://pay.example.com/', handle: 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4' }));

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

/** Collects the unhandled rejections from now until the test ends: one would end a server process. */
const unhandledRejections: unknown[] = [];
const collectRejection = (reason: unknown) => unhandledRejections.push(reason);
beforeEach(() => {
  unhandledRejections.length = 0;
  process.on('unhandledRejection', collectRejection);
});
afterEach(() => {
  process.off('unhandledRejection', collectRejection);
});

/** Long enough for anything `open` started (a redirect, a timer) to have failed. */
const afterPendingWork = () => new Promise((resolve) => setTimeout(resolve, 50));

/** The handle's result, or `unsettled` if it has not settled by the time `open`'s own work is done. */
const settledResult = (handle: CheckoutHandle) => Promise.race([handle.result, afterPendingWork().then(() => 'unsettled' as const)]);

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

  it('export open, preload and TillError from @till-checkout/js', async () => {
    const { open, preload, TillError } = await entries['@till-checkout/js']();
    expect(open).toBeTypeOf('function');
    expect(preload).toBeTypeOf('function');
    expect(new TillError('invalid_token', 'x')).toBeInstanceOf(Error);
  });

  it.each([
    ['@till-checkout/js/preact', entries['@till-checkout/js/preact']],
    ['@till-checkout/js/react', entries['@till-checkout/js/react']],
  ] as const)('export useCheckout from %s', async (_, load) => {
    expect((await load()).useCheckout).toBeTypeOf('function');
  });
});

describe('open on a server', () => {
  it.each<[string, OpenOptions]>([
    ['modal', {}],
    ['inline', { display: 'inline', container: '#checkout' }],
    ['redirect', { display: 'redirect' }],
  ])('settles the %s display as a not_in_browser error, without throwing or an unhandled rejection', async (_, options) => {
    const { open, TillError } = await entries['@till-checkout/js']();
    const reported: unknown[] = [];
    const heard: unknown[] = [];
    const handle = open(TOKEN, { ...options, onError: ({ error }) => reported.push(error) });
    handle.addEventListener('error', (event) => heard.push(event.detail.error));
    const result = await settledResult(handle);
    expect(result).toMatchObject({ type: 'error', checkoutSessionId: null });
    const error = result !== 'unsettled' && result.type === 'error' ? result.error : undefined;
    expect(error).toBeInstanceOf(TillError);
    expect(error).toMatchObject({ code: 'not_in_browser', name: 'TillError' });
    expect(reported).toEqual([error]);
    expect(heard).toEqual([error]);
    handle.close();
    await afterPendingWork();
    expect(unhandledRejections).toEqual([]);
  });
});

describe('preload on a server', () => {
  it('does nothing, without throwing, touching the global object or an unhandled rejection', async () => {
    const { preload } = await entries['@till-checkout/js']();
    expect(await globalsChangedBy(async () => preload('https://pay.example.com/'))).toEqual([]);
    await afterPendingWork();
    expect(unhandledRejections).toEqual([]);
  });
});

/** A component with a button that opens a checkout, rendered on the server by one framework. */
const hookRenderers = [
  {
    name: '@till-checkout/js/preact',
    async render(callbacks: CheckoutCallbacks) {
      const { useCheckout } = await entries['@till-checkout/js/preact']();
      let api: ReturnType<typeof useCheckout> | undefined;
      const BuyButton = () => {
        api = useCheckout(callbacks);
        return h('button', { type: 'button', onClick: () => api!.open(TOKEN) }, 'Buy credits');
      };
      return { html: renderPreactToString(h(BuyButton, null)), open: (token: string) => api!.open(token) };
    },
  },
  {
    name: '@till-checkout/js/react',
    async render(callbacks: CheckoutCallbacks) {
      const { useCheckout } = await entries['@till-checkout/js/react']();
      let api: ReturnType<typeof useCheckout> | undefined;
      const BuyButton = () => {
        api = useCheckout(callbacks);
        return createElement('button', { type: 'button', onClick: () => api!.open(TOKEN) }, 'Buy credits');
      };
      return { html: renderReactToString(createElement(BuyButton)), open: (token: string) => api!.open(token) };
    },
  },
];

describe('useCheckout on a server', () => {
  it.each(hookRenderers)('renders with $name without touching the global object or calling back', async ({ render }) => {
    const onError = vi.fn();
    let html = '';
    expect(await globalsChangedBy(async () => ({ html } = await render({ onError })))).toEqual([]);
    expect(html).toBe('<button type="button">Buy credits</button>');
    await afterPendingWork();
    expect(onError).not.toHaveBeenCalled();
    expect(unhandledRejections).toEqual([]);
  });

  it.each(hookRenderers)('opens nothing from $name during server rendering: the result is not_in_browser', async ({ render }) => {
    const onError = vi.fn();
    const { open } = await render({ onError });
    const result = await settledResult(open(TOKEN));
    expect(result).toMatchObject({ type: 'error', error: { code: 'not_in_browser' } });
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ error: expect.objectContaining({ code: 'not_in_browser' }) }));
    await afterPendingWork();
    expect(unhandledRejections).toEqual([]);
  });
});
