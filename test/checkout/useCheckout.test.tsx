import { cleanup, render } from '@testing-library/preact';
import { createElement as createPreactElement } from 'preact';
import { act, createElement as createReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckoutCallbacks } from '../../src/sdk/createUseCheckout';
import { useCheckout as usePreactCheckout } from '../../src/sdk/preact';
import { useCheckout as useReactCheckout } from '../../src/sdk/react';
import { TillError } from '../../src/sdk/TillError';

/** Well-formed, with a loopback base, so `open` builds the frame (which happy-dom never loads). */
const TOKEN = btoa(JSON.stringify({ secret: 'css_test_x', base: 'http://localhost:3000/', handle: 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4' }));
const MALFORMED_TOKEN = 'not-a-checkout-token';

type CheckoutApi = ReturnType<typeof usePreactCheckout>;

/** A component that calls `useCheckout`, mounted by one framework. */
interface MountedHook {
  /** What `useCheckout` returned on each render, oldest first. */
  renders: CheckoutApi[];
  /** The latest `open`. */
  open: CheckoutApi['open'];
  rerender(callbacks: CheckoutCallbacks): void;
  unmount(): void;
}

interface Framework {
  name: string;
  mount(callbacks: CheckoutCallbacks): MountedHook;
}

function track(renders: CheckoutApi[], rerender: MountedHook['rerender'], unmount: () => void): MountedHook {
  return {
    renders,
    get open() {
      return renders.at(-1)!.open;
    },
    rerender,
    unmount,
  };
}

const preact: Framework = {
  name: '@till-checkout/js/preact',
  mount(callbacks) {
    const renders: CheckoutApi[] = [];
    const Probe = (props: { callbacks: CheckoutCallbacks }) => {
      renders.push(usePreactCheckout(props.callbacks));
      return null;
    };
    const { rerender, unmount } = render(createPreactElement(Probe, { callbacks }));
    return track(renders, (next) => rerender(createPreactElement(Probe, { callbacks: next })), unmount);
  },
};

const reactRoots: (() => void)[] = [];
const react: Framework = {
  name: '@till-checkout/js/react',
  mount(callbacks) {
    const renders: CheckoutApi[] = [];
    const Probe = (props: { callbacks: CheckoutCallbacks }) => {
      renders.push(useReactCheckout(props.callbacks));
      return null;
    };
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    let mounted = true;
    const unmount = () => {
      if (!mounted) return;
      mounted = false;
      act(() => root.unmount());
      host.remove();
    };
    reactRoots.push(unmount);
    act(() => root.render(createReactElement(Probe, { callbacks })));
    return track(renders, (next) => act(() => root.render(createReactElement(Probe, { callbacks: next }))), unmount);
  },
};

// React only flushes effects inside `act` when told that this is a test environment.
const reactGlobals = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
beforeAll(() => void (reactGlobals.IS_REACT_ACT_ENVIRONMENT = true));
afterAll(() => void delete reactGlobals.IS_REACT_ACT_ENVIRONMENT);
// Testing Library's own renders are cleaned up by the setup file (cleanUpEachTest.ts); React's roots are this file's.
afterEach(() => {
  cleanup();
  reactRoots.splice(0).forEach((unmount) => unmount());
  document.body.replaceChildren();
});

/** A container in the document, as inline display needs. */
function aContainer() {
  return document.body.appendChild(document.createElement('div'));
}

function callbackSpies() {
  return { onSuccess: vi.fn(), onCancel: vi.fn(), onError: vi.fn() };
}

describe.each([preact, react].map((framework) => [framework.name, framework] as const))('useCheckout from %s', (_, { mount }) => {
  it('reports a malformed token as invalid_token through onError, after open returns', async () => {
    const callbacks = callbackSpies();
    const hook = mount(callbacks);

    const handle = hook.open(MALFORMED_TOKEN);
    expect(callbacks.onError).not.toHaveBeenCalled();
    await handle.result;

    expect(callbacks.onError).toHaveBeenCalledTimes(1);
    const [{ error, checkoutSessionId }] = callbacks.onError.mock.calls[0]!;
    expect(error).toBeInstanceOf(TillError);
    expect(error.code).toBe('invalid_token');
    expect(checkoutSessionId).toBeNull();
    expect(callbacks.onCancel).not.toHaveBeenCalled();
    expect(callbacks.onSuccess).not.toHaveBeenCalled();
  });

  it('calls the callbacks of the latest render, not the first', async () => {
    const first = callbackSpies();
    const latest = callbackSpies();
    const hook = mount(first);
    hook.rerender(latest);

    await hook.open(MALFORMED_TOKEN).result;

    expect(latest.onError).toHaveBeenCalledTimes(1);
    expect(first.onError).not.toHaveBeenCalled();
  });

  it('reports to the callbacks of the latest render a checkout opened before it', () => {
    const first = callbackSpies();
    const latest = callbackSpies();
    const hook = mount(first);
    hook.open(TOKEN, { display: 'inline', container: aContainer() });
    hook.rerender(latest);

    hook.unmount();

    expect(latest.onCancel).toHaveBeenCalledTimes(1);
    expect(first.onCancel).not.toHaveBeenCalled();
  });

  it('keeps the identity of open across re-renders', () => {
    const hook = mount(callbackSpies());
    hook.rerender(callbackSpies());
    hook.rerender({});

    expect(hook.renders).toHaveLength(3);
    for (const { open } of hook.renders) expect(open).toBe(hook.renders[0]!.open);
  });

  it('closes the open checkout when the component unmounts, as one cancel', async () => {
    const callbacks = callbackSpies();
    const hook = mount(callbacks);
    const container = aContainer();
    const handle = hook.open(TOKEN, { display: 'inline', container });
    const closed = vi.fn();
    handle.addEventListener('close', closed);
    expect(container.querySelector('iframe')).not.toBeNull();

    hook.unmount();

    expect(container.querySelector('iframe')).toBeNull();
    expect(callbacks.onCancel).toHaveBeenCalledExactlyOnceWith({ checkoutSessionId: null });
    expect(closed).toHaveBeenCalledTimes(1);
    expect(await handle.result).toEqual({ type: 'cancel', checkoutSessionId: null });
    // The MutationObserver that watches for the frame's removal must not report a second outcome.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(callbacks.onCancel).toHaveBeenCalledTimes(1);
    expect(callbacks.onError).not.toHaveBeenCalled();
  });

  it('closes every checkout it opened when the component unmounts, not only the last', () => {
    const callbacks = callbackSpies();
    const hook = mount(callbacks);
    const first = aContainer();
    const second = aContainer();
    hook.open(TOKEN, { display: 'inline', container: first });
    hook.open(TOKEN, { display: 'inline', container: second });

    hook.unmount();

    expect(second.querySelector('iframe')).toBeNull();
    expect(first.querySelector('iframe')).toBeNull();
    expect(callbacks.onCancel).toHaveBeenCalledTimes(2);
  });

  it('changes nothing on unmount when no checkout was opened', () => {
    const callbacks = callbackSpies();
    const hook = mount(callbacks);
    hook.unmount();
    expect(callbacks.onCancel).not.toHaveBeenCalled();
    expect(callbacks.onError).not.toHaveBeenCalled();
  });
});
