import { describe, expect, it } from 'vitest';
import { connectToLoader } from '../../src/checkout/frame/connectToLoader';
import { createMessage } from '../../src/protocol';
import { createFakePort, createFakeWindow, hasSettled } from './fakeHandshake';

const PARENT_ORIGIN = 'https://shop.example';
const connect = createMessage('connect', {});
const appearance = { theme: 'dark' as const, accentColor: '#3b5bdb', locale: 'de-DE' };
const init = createMessage('init', { secret: 'cs_secret_1', appearance, modal: true });

function startHandshake(signal?: AbortSignal) {
  const win = createFakeWindow();
  const port = createFakePort();
  const connection = connectToLoader({ window: win, parentOrigin: PARENT_ORIGIN, checkoutSessionId: 'cs_test_1', signal });
  const validConnect = { source: win.parent as unknown as Window, origin: PARENT_ORIGIN, data: connect, ports: [port.asPort()] };
  const validInit = { ...validConnect, data: init };
  return { win, port, connection, validConnect, validInit };
}

describe('connectToLoader', () => {
  it('says hello to the parent with the exact parent origin', () => {
    const { win } = startHandshake();
    expect(win.parent.postMessage).toHaveBeenCalledTimes(1);
    expect(win.parent.postMessage).toHaveBeenCalledWith(createMessage('hello', { checkoutSessionId: 'cs_test_1' }), PARENT_ORIGIN);
  });

  it('resolves with the secret from the init that brings the port, sends on the port and removes every listener', async () => {
    const { win, port, connection, validInit } = startHandshake();
    win.deliver(validInit);

    const { secret, appearance: received, modal, send } = await connection;
    expect({ secret, received, modal }).toEqual({ secret: 'cs_secret_1', received: appearance, modal: true });
    send(createMessage('close', {}));
    expect(port.postMessage).toHaveBeenCalledWith(createMessage('close', {}));
    expect(win.listeners.size).toBe(0);
    expect(port.listening()).toBe(false);
  });

  describe.each([
    ['an init', 'validInit'],
    ['a connect (from an older loader)', 'validConnect'],
  ] as const)('ignores %s', (_, answer) => {
    it.each<[string, Partial<MessageEvent>]>([
      ['from another origin', { origin: 'https://evil.example' }],
      ['from another window of the same origin', { source: {} as Window }],
      ['without a port', { ports: [] }],
      ['that is not a message of the protocol', { data: { type: answer === 'validInit' ? 'init' : 'connect', secret: 'cs_secret_1', appearance } }],
      ...(answer === 'validInit' ? [['without a secret', { data: { ...init, secret: '' } }] as [string, Partial<MessageEvent>]] : []),
    ])('%s', async (_, override) => {
      const handshake = startHandshake();
      handshake.win.deliver({ ...handshake[answer], ...override });
      // What an older loader would send next: nothing listens to the port of a refused connect.
      handshake.port.deliver({ data: init });
      expect(await hasSettled(handshake.connection)).toBe(false);
      expect(handshake.win.listeners.size).toBe(1);
    });
  });

  it('keeps the first init and ignores a later one', async () => {
    const { win, connection, validInit } = startHandshake();
    const laterPort = createFakePort();
    win.deliver(validInit);
    win.deliver({ ...validInit, data: { ...init, secret: 'cs_secret_2' }, ports: [laterPort.asPort()] });
    expect((await connection).secret).toBe('cs_secret_1');
    expect(laterPort.listening()).toBe(false);
  });

  // A loader built before the init came with the port (a merchant's page may pin its build with SRI).
  describe('with a loader that connects first and sends the init on the port', () => {
    it('resolves with the secret from the port’s first valid init', async () => {
      const { win, port, connection, validConnect } = startHandshake();
      win.deliver(validConnect);
      expect(port.listening()).toBe(true);
      port.deliver({ data: { ...init, secret: '' } });
      port.deliver({ data: createMessage('close', {}) });
      expect(await hasSettled(connection)).toBe(false);
      port.deliver({ data: init });
      expect((await connection).secret).toBe('cs_secret_1');
      expect(win.listeners.size).toBe(0);
      expect(port.listening()).toBe(false);
    });

    it('keeps the first connect and ignores a later answer', async () => {
      const { win, port, connection, validConnect, validInit } = startHandshake();
      const laterPort = createFakePort();
      win.deliver(validConnect);
      win.deliver({ ...validInit, data: { ...init, secret: 'cs_secret_2' }, ports: [laterPort.asPort()] });
      expect(laterPort.listening()).toBe(false);
      port.deliver({ data: init });
      expect((await connection).secret).toBe('cs_secret_1');
    });
  });

  it('stops waiting and removes its listeners when aborted', async () => {
    const controller = new AbortController();
    const { win, port, connection, validConnect } = startHandshake(controller.signal);
    win.deliver(validConnect);
    controller.abort(new Error('gave up'));
    await expect(connection).rejects.toThrow('gave up');
    expect(win.listeners.size).toBe(0);
    expect(port.listening()).toBe(false);
  });
});
