import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessage, type CheckoutToLoaderMessage, type HelloMessage } from '../../src/protocol';
import { open, type CheckoutHandle, type OpenOptions } from '../../src/sdk';

/** The frame's side of the handshake, played by the test: what connectToCheckout would pass on from the frame. */
const frame = vi.hoisted(() => ({
  hello: (_hello: HelloMessage) => {},
  message: (_message: CheckoutToLoaderMessage) => {},
}));
vi.mock('../../src/sdk/connectToCheckout', () => ({
  connectToCheckout: (_iframe: unknown, _origin: unknown, _init: unknown, onHello: typeof frame.hello, onMessage: typeof frame.message) => {
    frame.hello = onHello;
    frame.message = onMessage;
    return () => {};
  },
}));

const TOKEN = btoa(JSON.stringify({ secret: 'css_test_x', base: 'http://127.0.0.1:9/', handle: 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4' }));
const HANDSHAKE_TIMEOUT_MS = 8000;
const hello = createMessage('hello', { checkoutSessionId: 'cs_test_1' });

let handle: CheckoutHandle;
const openModal = (options?: OpenOptions) => (handle = open(TOKEN, options));
beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  handle.close();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the handshake timeout', () => {
  it('reports handshake_timeout when the frame says hello but its app never sends a message', async () => {
    const errors: unknown[] = [];
    openModal({ redirectOnFailure: false, onError: ({ error }) => errors.push(error) });
    frame.hello(hello);
    vi.advanceTimersByTime(HANDSHAKE_TIMEOUT_MS - 1);
    expect(document.querySelector('dialog')).not.toBeNull();

    vi.advanceTimersByTime(1);
    const result = await handle.result;
    expect(result).toMatchObject({ type: 'error', checkoutSessionId: 'cs_test_1' });
    expect(result.type === 'error' && result.error.code).toBe('handshake_timeout');
    expect(errors).toHaveLength(1);
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('falls back to redirect display after hello without a message', () => {
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {});
    openModal();
    frame.hello(hello);
    vi.advanceTimersByTime(HANDSHAKE_TIMEOUT_MS);
    expect(assign).toHaveBeenCalledExactlyOnceWith('http://127.0.0.1:9/checkout/eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4?#css_test_x');
  });

  it('stops once the app sends its first message', async () => {
    const onError = vi.fn();
    openModal({ onError });
    frame.hello(hello);
    frame.message(createMessage('ready', { checkoutSessionId: 'cs_test_1', checkoutMode: 'subscription' }));
    vi.advanceTimersByTime(HANDSHAKE_TIMEOUT_MS * 2);

    expect(onError).not.toHaveBeenCalled();
    expect(document.querySelector('dialog iframe')).not.toBeNull();
    handle.close();
    expect(await handle.result).toMatchObject({ type: 'cancel', checkoutSessionId: 'cs_test_1' });
  });
});
