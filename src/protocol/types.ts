import type { NAMESPACE, PROTOCOL_VERSION } from './version';

export type CheckoutMode = 'subscription' | 'credit_bundle';

/** Why the checkout app could not take a payment; sent to the loader, which turns it into its own error. */
export type CheckoutFailureCode =
  | 'session_expired'
  | 'session_completed'
  | 'session_not_found';

interface Envelope<T extends string> {
  ns: typeof NAMESPACE;
  v: typeof PROTOCOL_VERSION;
  type: T;
}

// Window messages: the only two that travel through window.postMessage, both checked for origin and source.

/** Checkout frame → host page, once the frame has loaded: "I am here, send me a port." */
export interface HelloMessage extends Envelope<'hello'> {
  checkoutSessionId: string;
}

/** Host page → checkout frame, carrying the MessageChannel port in `event.ports[0]`. */
export interface ConnectMessage extends Envelope<'connect'> {}

// Port messages: everything after the handshake, on a channel no other window can reach.

/** Loader → app: the session secret, which never travels in a URL. */
export interface InitMessage extends Envelope<'init'> {
  secret: string;
}

/** App → loader: the session was read and the customer sees the checkout. */
export interface ReadyMessage extends Envelope<'ready'> {
  checkoutSessionId: string;
  checkoutMode: CheckoutMode;
}

/** App → loader: payment succeeded and the session is completed. */
export interface SuccessMessage extends Envelope<'success'> {
  checkoutSessionId: string;
  connectionId: string;
  checkoutMode: CheckoutMode;
}

/** App → loader: the session cannot be paid (expired, completed, unknown). */
export interface FailureMessage extends Envelope<'failure'> {
  checkoutSessionId: string;
  code: CheckoutFailureCode;
  message: string;
}

/** App → loader: the customer asked to close (Escape inside the frame, or Done). */
export interface CloseMessage extends Envelope<'close'> {}

export type WindowMessage = HelloMessage | ConnectMessage;
export type LoaderToCheckoutMessage = InitMessage;
export type CheckoutToLoaderMessage = ReadyMessage | SuccessMessage | FailureMessage | CloseMessage;
export type CheckoutMessage = WindowMessage | LoaderToCheckoutMessage | CheckoutToLoaderMessage;
