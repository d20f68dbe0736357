import { createMessage, isConnect, isInit } from '../../protocol';
import type { CheckoutAppearance, CheckoutToLoaderMessage } from '../../protocol';

/** The loader as the app sees it: somewhere to send messages. */
export interface LoaderLink {
  send(message: CheckoutToLoaderMessage): void;
}

export interface LoaderConnection extends LoaderLink {
  /** Session secret for the checkout API; it came over the private port, never through a URL. */
  secret: string;
  /** The merchant's display options, as sent: `applyAppearance` checks each field. */
  appearance: CheckoutAppearance;
  /** In the loader's modal dialog, rather than inline in the merchant's page. */
  modal: boolean;
}

/** The parts of `window` the handshake touches, so tests can pass a fake. */
export interface HandshakeWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface ConnectToLoaderOptions {
  window: HandshakeWindow;
  /** Exact origin of the merchant page, from the server-injected meta tag. */
  parentOrigin: string;
  checkoutSessionId: string;
  /** Stops waiting and removes every listener. */
  signal?: AbortSignal;
}

/**
 * Connects the checkout frame to the loader on the merchant's page. The boot script runs it as the page is parsed
 * (src/checkout/boot/bootScript.ts), where every byte delays the hello: it is kept small.
 *
 * 1. Says hello to `window.parent` only, with the parent origin as targetOrigin (never '*'), so if another site
 *    frames us the hello is dropped by the browser.
 * 2. Accepts `connect` only from `window.parent` AND the parent origin: a sibling frame or a popup can post to us
 *    too, and origin alone doesn't prove which window sent it.
 * 3. Takes the first valid `connect` and stops listening, so a later message can't swap the port.
 * 4. On that port, takes the first `init` (the secret and the appearance) and stops listening; later messages are
 *    ignored.
 * 5. Removes every listener it added, whether it connects or is aborted.
 */
export function connectToLoader({ window: win, parentOrigin, checkoutSessionId, signal }: ConnectToLoaderOptions): Promise<LoaderConnection> {
  return new Promise((resolve, reject) => {
    let port: MessagePort | undefined;
    const stop = () => {
      win.removeEventListener('message', onWindowMessage);
      if (port) port.onmessage = null;
    };
    const onWindowMessage = (event: MessageEvent) => {
      if (event.source !== win.parent || event.origin !== parentOrigin || !isConnect(event.data) || !event.ports[0]) return;
      win.removeEventListener('message', onWindowMessage);
      const connected = (port = event.ports[0]);
      // Setting onmessage opens the port's queue, as start() does.
      connected.onmessage = ({ data }) => {
        if (!isInit(data)) return;
        stop();
        const { secret, appearance, modal = false } = data;
        resolve({ secret, appearance, modal, send: (message) => connected.postMessage(message) });
      };
    };
    signal?.addEventListener('abort', () => {
      stop();
      reject(signal.reason);
    });
    // Listen before saying hello, so the reply can never arrive unheard (a fake parent may answer synchronously).
    win.addEventListener('message', onWindowMessage);
    win.parent.postMessage(createMessage('hello', { checkoutSessionId }), parentOrigin);
  });
}
