import { screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessage } from '../../src/protocol';
import { renderCheckout } from './renderCheckout';

/** happy-dom's ResizeObserver never reports; this one reports when the test says the element resized. */
class FakeResizeObserver {
  static instances: FakeResizeObserver[] = [];
  targets: { element: Element; options?: ResizeObserverOptions }[] = [];
  disconnected = false;

  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.instances.push(this);
  }

  observe(element: Element, options?: ResizeObserverOptions) {
    this.targets.push({ element, options });
  }

  unobserve() {}

  disconnect() {
    this.disconnected = true;
  }

  /** Reports a new border-box height for the observed element. */
  resize(blockSize: number) {
    const entry = { target: this.targets[0]!.element, borderBoxSize: [{ blockSize, inlineSize: 400 }] };
    act(() => this.callback([entry as unknown as ResizeObserverEntry], this as unknown as ResizeObserver));
  }
}

beforeEach(() => {
  FakeResizeObserver.instances = [];
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});
afterEach(() => vi.unstubAllGlobals());

const observer = () => {
  expect(FakeResizeObserver.instances).toHaveLength(1);
  return FakeResizeObserver.instances[0]!;
};

describe('resize', () => {
  it('observes the border box of the page body', async () => {
    renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    expect(observer().targets).toEqual([{ element: document.body, options: { box: 'border-box' } }]);
  });

  it('tells the loader the content height each time it changes', async () => {
    const { sentOfType } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });

    observer().resize(480);
    observer().resize(480);
    observer().resize(612.2);
    observer().resize(430);

    expect(sentOfType('resize')).toEqual([
      createMessage('resize', { height: 480 }),
      createMessage('resize', { height: 613 }),
      createMessage('resize', { height: 430 }),
    ]);
  });

  it('reports the loading skeleton’s height too, before the session arrives', () => {
    const { sentOfType } = renderCheckout(() => new Promise(() => {}));
    observer().resize(520);
    expect(sentOfType('resize')).toEqual([createMessage('resize', { height: 520 })]);
  });

  it('ignores a height of zero, which is no layout at all', async () => {
    const { sentOfType } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    observer().resize(0);
    expect(sentOfType('resize')).toEqual([]);
  });

  it('stops observing once the app is gone', async () => {
    const { unmount } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    unmount();
    expect(observer().disconnected).toBe(true);
  });

  it('observes nothing in redirect display, where no loader sizes a frame', async () => {
    renderCheckout(undefined, { mode: 'redirect' });
    await screen.findByRole('heading', { name: 'Acme AI' });
    expect(FakeResizeObserver.instances).toEqual([]);
  });
});
