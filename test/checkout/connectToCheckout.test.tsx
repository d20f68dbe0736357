import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMessage, type CheckoutToLoaderMessage } from '../../src/protocol';
import { connectToCheckout } from '../../src/sdk/connectToCheckout';

const BASE_ORIGIN = 'https://pay.example.com';
const SECRET = 'css_test_secret_1';
const appearance = { theme: 'dark' as const, accentColor: '#3b5bdb', locale: 'de-DE' };
const hello = createMessage('hello', { checkoutSessionId: 'cs_test_1' });
const init = createMessage('init', { secret: SECRET, appearance, modal: true });

/** Ports and listeners a test leaves behind; an open Node MessagePort would keep the worker alive. */
const leftovers: (() => void)[] = [];
afterEach(() => leftovers.splice(0).forEach((cleanup) => cleanup()));

/**
 * Starts the loader's half of the handshake against a fake iframe, whose `contentWindow` only records what
 * is posted to it. `sayHello` dispatches a `message` event on the real (happy-dom) window, as the browser
 * does when the frame calls `parent.postMessage`; by default it is a valid hello from the frame.
 */
function startHandshake({ frameHasWindow = true } = {}) {
  const frameWindow = { postMessage: vi.fn() };
  const iframe = { contentWindow: frameHasWindow ? frameWindow : null } as unknown as HTMLIFrameElement;
  const onHello = vi.fn();
  const onMessage = vi.fn<(message: CheckoutToLoaderMessage) => void>();
  const disconnect = connectToCheckout(iframe, BASE_ORIGIN, { secret: SECRET, appearance, modal: true }, onHello, onMessage);
  leftovers.push(disconnect);

  const sayHello = (init: MessageEventInit = {}) =>
    window.dispatchEvent(
      new MessageEvent('message', { data: hello, origin: BASE_ORIGIN, source: frameWindow as unknown as Window, ...init }),
    );
  /**
   * The frame's end of the channel the loader sent with its n-th `init`, listened to at once: a started
   * Node port drops what arrives before a listener is added.
   */
  const framePort = (answer = 0) => {
    const port = frameWindow.postMessage.mock.calls[answer]?.[2]?.[0] as MessagePort | undefined;
    if (!port) throw new Error(`the loader sent no port in answer ${answer}`);
    const received: unknown[] = [];
    port.addEventListener('message', (event) => received.push(event.data));
    // Node's `close` event (recent browsers have it too) shows the loader let go of its end.
    const closed = new Promise<void>((resolve) => port.addEventListener('close', () => resolve(), { once: true }));
    port.start();
    leftovers.push(() => port.close());
    return { port, received, closed };
  };
  return { frameWindow, onHello, onMessage, disconnect, sayHello, framePort };
}

const loaderBound: [string, CheckoutToLoaderMessage][] = [
  ['ready', createMessage('ready', { checkoutSessionId: 'cs_test_1', checkoutMode: 'subscription' })],
  ['step', createMessage('step', { step: 'processing' })],
  ['resize', createMessage('resize', { height: 640 })],
  [
    'success',
    createMessage('success', {
      checkoutSessionId: 'cs_test_1',
      connectionId: 'conn_1',
      checkoutMode: 'subscription',
      subscriptionId: 'sub_1',
      creditsAdded: '100.00',
    }),
  ],
  ['pending', createMessage('pending', { checkoutSessionId: 'cs_test_1' })],
  ['failure', createMessage('failure', { checkoutSessionId: 'cs_test_1', code: 'session_expired', message: 'Expired.' })],
  ['close', createMessage('close', {})],
];

describe('connectToCheckout', () => {
  it('answers a hello from its own frame at the base origin with one init and a port, posted to that exact origin', () => {
    const { frameWindow, onHello, sayHello } = startHandshake();
    sayHello();

    expect(onHello).toHaveBeenCalledExactlyOnceWith(hello);
    expect(frameWindow.postMessage).toHaveBeenCalledTimes(1);
    const [message, targetOrigin, transfer] = frameWindow.postMessage.mock.calls[0]!;
    // The secret travels with the port, which whatever receives this message holds; never to another origin.
    expect(message).toEqual(init);
    expect(targetOrigin).toBe(BASE_ORIGIN);
    expect(targetOrigin).not.toBe('*');
    expect(transfer).toEqual([expect.objectContaining({ postMessage: expect.any(Function) })]);
  });

  it('sends nothing on the port itself: the init went with it, and the first message there is the frame’s', async () => {
    const { sayHello, framePort, onMessage } = startHandshake();
    sayHello();

    const { port, received } = framePort();
    port.postMessage(createMessage('close', {}));
    await vi.waitFor(() => expect(onMessage).toHaveBeenCalledOnce());
    expect(received).toEqual([]);
  });

  it.each<[string, MessageEventInit]>([
    ['from another origin', { origin: 'https://evil.example' }],
    ['from an origin that only begins like the base origin', { origin: 'https://pay.example.com.evil.example' }],
    ['from the base origin over http', { origin: 'http://pay.example.com' }],
    ['from a sandboxed frame (origin "null")', { origin: 'null' }],
    ['with an empty origin', { origin: '' }],
    ['from another window of the base origin', { source: { postMessage: vi.fn() } as unknown as Window }],
    ['from the page itself', { source: window as unknown as Window }],
    ['without a source', { source: null }],
    ['without the namespace', { data: { type: 'hello', checkoutSessionId: 'cs_test_1' } }],
    ['of another protocol version', { data: { ...hello, v: 2 } }],
    ['without a checkout session id', { data: { ...hello, checkoutSessionId: '' } }],
    ['sent as a JSON string', { data: JSON.stringify(hello) }],
    ['with null data', { data: null }],
    ['that is a connect', { data: createMessage('connect', {}) }],
    ['that is an init', { data: init }],
    ['that is a ready', { data: loaderBound[0]![1] }],
  ])('ignores a message %s', (_, init) => {
    const { frameWindow, onHello, onMessage, sayHello } = startHandshake();
    sayHello(init);

    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    expect(onHello).not.toHaveBeenCalled();
    expect(onMessage).not.toHaveBeenCalled();
  });

  it('ignores a hello without a source while the frame has no window', () => {
    const { onHello, sayHello } = startHandshake({ frameHasWindow: false });
    sayHello({ source: null });
    expect(onHello).not.toHaveBeenCalled();
  });

  it.each(loaderBound)('passes a %s message from the port to onMessage', async (_, message) => {
    const { onMessage, sayHello, framePort } = startHandshake();
    sayHello();
    framePort().port.postMessage(message);

    await vi.waitFor(() => expect(onMessage).toHaveBeenCalled());
    expect(onMessage).toHaveBeenCalledExactlyOnceWith(message);
  });

  it('never passes a port message that is not bound for the loader to onMessage', async () => {
    const { onMessage, sayHello, framePort } = startHandshake();
    sayHello();
    const { port } = framePort();
    const last = createMessage('close', {});
    for (const stray of [
      hello,
      createMessage('init', { secret: 'css_forged', appearance: {}, modal: true }),
      createMessage('connect', {}),
      'garbage',
      null,
      {},
      { ...last, ns: 'someone-else' },
      { ...last, type: 'pwned' },
      { ...last, v: 2 },
      last,
    ]) {
      port.postMessage(stray);
    }

    // A port delivers in order, so once the last message is in, every stray one has been seen.
    await vi.waitFor(() => expect(onMessage).toHaveBeenCalled());
    expect(onMessage).toHaveBeenCalledExactlyOnceWith(last);
  });

  it('answers a second hello (the frame reloaded) with a new channel and closes the old one', async () => {
    const { frameWindow, onHello, onMessage, sayHello, framePort } = startHandshake();
    sayHello();
    const first = framePort();
    sayHello();

    expect(onHello).toHaveBeenCalledTimes(2);
    expect(frameWindow.postMessage).toHaveBeenCalledTimes(2);
    expect(frameWindow.postMessage.mock.calls[1]?.[1]).toBe(BASE_ORIGIN);
    const second = framePort(1);
    expect(second.port).not.toBe(first.port);
    await first.closed;
    expect(frameWindow.postMessage.mock.calls[1]?.[0]).toEqual(init);

    const ready = loaderBound[0]![1];
    second.port.postMessage(ready);
    await vi.waitFor(() => expect(onMessage).toHaveBeenCalledExactlyOnceWith(ready));
  });

  it('handles no hello after its cleanup runs', () => {
    const { frameWindow, onHello, disconnect, sayHello } = startHandshake();
    disconnect();
    sayHello();

    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    expect(onHello).not.toHaveBeenCalled();
  });

  it('closes the port when its cleanup runs, so the frame can send nothing more', async () => {
    const { frameWindow, onMessage, disconnect, sayHello, framePort } = startHandshake();
    sayHello();
    const { port, closed } = framePort();
    disconnect();
    await closed;
    port.postMessage(createMessage('close', {}));
    sayHello();

    // Give a port that was left open the time it needs to deliver (a ready message arrives in well under this).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onMessage).not.toHaveBeenCalled();
    expect(frameWindow.postMessage).toHaveBeenCalledTimes(1);
  });
});
