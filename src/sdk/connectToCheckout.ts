import {
  createMessage,
  isCheckoutToLoaderMessage,
  isHello,
  type CheckoutToLoaderMessage,
  type HelloMessage,
  type InitMessage,
} from '../protocol';

/**
 * The loader's half of the handshake:
 * 1. Accept a `hello` only if `event.origin` is the token's base origin AND `event.source` is our own frame:
 *    the origin alone would admit any other frame of the checkout server on the page, and the source alone
 *    a frame that navigated elsewhere.
 * 2. Answer with an `init` (the secret and the appearance) and a fresh `MessageChannel` port, posted to that exact
 *    origin, never `'*'`. The secret goes with the port rather than on it just after: whatever receives the port
 *    would receive it there too, and a message on a port waits in the frame behind the tasks before it (up to 21 ms
 *    traced, issue 13). Every later message travels on the port, which only that frame holds, so no other window
 *    can forge one.
 * A second hello (the frame reloaded) gets a new channel, and the old port is closed.
 * Returns the cleanup.
 */
export const connectToCheckout = (
  iframe: HTMLIFrameElement,
  baseOrigin: string,
  init: Omit<InitMessage, 'ns' | 'v' | 'type'>,
  onHello: (hello: HelloMessage) => void,
  onMessage: (message: CheckoutToLoaderMessage) => void,
): () => void => {
  let port: MessagePort | undefined;
  const onWindowMessage = (event: MessageEvent) => {
    const frame = iframe.contentWindow;
    if (!frame || event.source !== frame || event.origin !== baseOrigin) return;
    if (!isHello(event.data)) return;
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    // An expression, not a block (4 B gzip): what a handler returns matters only to an event that can be cancelled,
    // and a port's message event cannot.
    port.onmessage = (event) => isCheckoutToLoaderMessage(event.data) && onMessage(event.data);
    frame.postMessage(createMessage('init', init), baseOrigin, [channel.port2]);
    // After the answer, which the frame waits for: nothing the merchant's page does on hello holds it up (issue 13).
    onHello(event.data);
  };
  addEventListener('message', onWindowMessage);
  return () => {
    removeEventListener('message', onWindowMessage);
    port?.close();
  };
};
