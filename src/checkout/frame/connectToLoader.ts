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
 * 2. Accepts the loader's answer, an `init` (the secret and the appearance) with the port in `event.ports[0]`, only
 *    from `window.parent` AND the parent origin: a sibling frame or a popup can post to us too, and origin alone
 *    doesn't prove which window sent it. A loader built before the init came with the port (a page may pin its
 *    build) answers with a `connect` and the port, then sends the `init` on the port: the first valid `init` there.
 * 3. Takes the first valid answer and stops listening, so a later message can't swap the port.
 * 4. Removes every listener it added, whether it connects or is aborted.
 */
export function connectToLoader({ window: win, parentOrigin, checkoutSessionId, signal }: ConnectToLoaderOptions): Promise<LoaderConnection> {
  return new Promise((resolve, reject) => {
    let port: MessagePort | undefined;
    const stop = () => {
      win.removeEventListener('message', onWindowMessage);
      if (port) port.onmessage = null;
    };
    const onWindowMessage = ({ source, origin, data, ports: [connected] }: MessageEvent) => {
      if (source !== win.parent || origin !== parentOrigin || !connected || !(isInit(data) || isConnect(data))) return;
      win.removeEventListener('message', onWindowMessage);
      port = connected;
      const accept = (data: unknown) => {
        if (!isInit(data)) return;
        stop();
        const { secret, appearance, modal = false } = data;
        resolve({ secret, appearance, modal, send: (message) => connected.postMessage(message) });
      };
      // Setting onmessage opens the port's queue, as start() does; an older loader's init arrives there.
      connected.onmessage = (event) => accept(event.data);
      accept(data);
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
