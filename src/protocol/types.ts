import type { NAMESPACE, PROTOCOL_VERSION } from './version';

export type CheckoutMode = 'subscription' | 'credit_bundle';

/** Why the checkout app could not take a payment; sent to the loader, which turns it into its own error. */
export type CheckoutFailureCode =
  | 'session_expired'
  | 'session_completed'
  | 'session_not_found';

/** Where the customer is; `processing` means a payment was submitted and the checkout must not close. */
export type CheckoutStep = 'payment' | 'processing' | 'success' | 'ended';

export type CheckoutTheme = 'light' | 'dark' | 'auto';

/** The merchant's display options, passed to `open` and handed to the app with the secret. */
export interface CheckoutAppearance {
  theme?: CheckoutTheme;
  /** A CSS colour for buttons and links. */
  accentColor?: string;
  /** A BCP 47 tag, e.g. `de-DE`. */
  locale?: string;
}

interface Envelope<T extends string> {
  ns: typeof NAMESPACE;
  v: typeof PROTOCOL_VERSION;
  type: T;
}

// Window messages, checked for origin and source: the frame's hello, and the loader's answer, which brings the port.

/** Checkout frame → host page, once the frame has loaded: "I am here, send me a port." */
export interface HelloMessage extends Envelope<'hello'> {
  checkoutSessionId: string;
}

/**
 * Loader → app, the answer to a hello: the session secret, which never travels in a URL, and how to look, with the
 * MessageChannel port in `event.ports[0]`. It travels as the port does, to the frame's exact origin: whatever receives
 * it holds the port. A loader built before (a page may pin its build) sends a `connect` with the port instead, then
 * this on the port.
 */
export interface InitMessage extends Envelope<'init'> {
  secret: string;
  appearance: CheckoutAppearance;
  /**
   * The checkout fills the loader's modal dialog, which then holds nothing else: the app draws the dialog's
   * close button and keeps Tab inside itself. False inline, where the merchant's page goes on around it; absent
   * from a loader older than the field, which draws its own close button, so absent means false.
   */
  modal?: boolean;
}

/** Host page → checkout frame from a loader built before the init came with the port: the port, the init to follow on it. */
export interface ConnectMessage extends Envelope<'connect'> {}

// Port messages: everything after the handshake, on a channel no other window can reach.

/** App → loader: the session was read and the customer sees the checkout. */
export interface ReadyMessage extends Envelope<'ready'> {
  checkoutSessionId: string;
  checkoutMode: CheckoutMode;
}

/** App → loader: the customer moved on; the loader refuses to close while the step is `processing`. */
export interface StepMessage extends Envelope<'step'> {
  step: CheckoutStep;
}

/** App → loader: the app's content height in CSS pixels, for inline display. */
export interface ResizeMessage extends Envelope<'resize'> {
  height: number;
}

/** App → loader: payment succeeded and the session is completed. */
export interface SuccessMessage extends Envelope<'success'> {
  checkoutSessionId: string;
  connectionId: string;
  checkoutMode: CheckoutMode;
  /** The subscription started (subscription mode), else null. */
  subscriptionId: string | null;
  /** Credit added to the connection's balance, as a decimal string ("10.00"). */
  creditsAdded: string;
}

/**
 * App → loader: the processor accepted the payment and settles it later (seconds, or days for some methods); the
 * merchant's server hears how it ended from the webhook. The checkout may be closed now.
 */
export interface PendingMessage extends Envelope<'pending'> {
  checkoutSessionId: string;
}

/** App → loader: the session cannot be paid (expired, completed, unknown). */
export interface FailureMessage extends Envelope<'failure'> {
  checkoutSessionId: string;
  code: CheckoutFailureCode;
  message: string;
}

/** App → loader: the customer asked to close (Escape inside the frame, or Done). */
export interface CloseMessage extends Envelope<'close'> {}

export type WindowMessage = HelloMessage | InitMessage | ConnectMessage;
export type CheckoutToLoaderMessage =
  | ReadyMessage
  | StepMessage
  | ResizeMessage
  | SuccessMessage
  | PendingMessage
  | FailureMessage
  | CloseMessage;
export type CheckoutMessage = WindowMessage | CheckoutToLoaderMessage;
