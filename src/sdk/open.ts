import type { CheckoutAppearance, CheckoutMode, CheckoutStep } from '../protocol';
import { connectToCheckout } from './connectToCheckout';
import { createModal } from './createModal';
import { decodeToken } from './decodeToken';
import { resizeInline } from './resizeInline';
import { TillError } from './TillError';

export interface CheckoutSuccess {
  checkoutSessionId: string;
  connectionId: string;
  checkoutMode: CheckoutMode;
  /** The subscription started, or null for a credit bundle. */
  subscriptionId: string | null;
  /** Credit added to the connection's balance, as a decimal string. */
  creditsAdded: string;
}

type SessionRef = { checkoutSessionId: string | null };

/** The `detail` of each event a checkout dispatches, on its handle and as `till:<type>` on the trigger. */
export interface CheckoutEventMap {
  ready: SessionRef & { checkoutMode: CheckoutMode };
  step: SessionRef & { step: CheckoutStep };
  /** A payment was submitted: closing is refused until it settles. */
  confirmed: SessionRef;
  /** Default action: the modal closes after the success screen. */
  success: CheckoutSuccess;
  /** The payment settles later: your server hears how it ended by webhook. The checkout may be closed. */
  pending: SessionRef;
  cancel: SessionRef;
  /** Always the last event: the checkout is gone from the page. */
  close: SessionRef;
  expired: SessionRef;
  /** Default action for `handshake_timeout`: fall back to redirect display. */
  error: SessionRef & { error: TillError };
}

export type CheckoutResult =
  | ({ type: 'success' } & CheckoutSuccess)
  | ({ type: 'pending' } & SessionRef)
  | ({ type: 'cancel' } & SessionRef)
  | ({ type: 'error' } & CheckoutEventMap['error']);

export interface OpenOptions extends CheckoutAppearance {
  /** `modal` (default), `inline` in `container`, or `redirect` the whole page to the hosted checkout. */
  display?: 'modal' | 'inline' | 'redirect';
  /** For inline display: the element, or a selector for it. */
  container?: Element | string;
  /** Falls back to redirect display when the frame cannot load (default true). */
  redirectOnFailure?: boolean;
  /** Receives the results as `till:success`, `till:cancel`, … DOM events. */
  trigger?: Element;
  onSuccess?(result: CheckoutSuccess): void;
  /** The payment was accepted and settles later; the webhook tells your server how it ended. */
  onPending?(result: SessionRef): void;
  /** The customer closed the checkout before paying; `checkoutSessionId` is null if it had not loaded. */
  onCancel?(result: SessionRef): void;
  onError?(result: CheckoutEventMap['error']): void;
}

export interface CheckoutHandle extends EventTarget {
  /** Settles once with the outcome; never rejects. */
  readonly result: Promise<CheckoutResult>;
  /** Closes the checkout (a cancel, before an outcome). Idempotent; refused while a payment is processing. */
  close(): void;
  addEventListener<K extends keyof CheckoutEventMap>(
    type: K,
    listener: (event: CustomEvent<CheckoutEventMap[K]>) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

const CALLBACKS = { success: 'onSuccess', pending: 'onPending', cancel: 'onCancel', error: 'onError' } as const;

/** Open checkouts: one modal at a time, one per inline container. */
const openCheckouts = new Map<Element | 'modal', CheckoutHandle>();

/**
 * Opens the hosted checkout for a `checkout_session_token` (or a `checkout_url`). One outcome is reported
 * per open — success, pending, cancel or error — and `close` comes last. Opening again while the same modal or
 * container holds a checkout returns that checkout.
 */
export const open = (token: string, options: OpenOptions = {}): CheckoutHandle => {
  // The constants are the function's, not the module's: the minifier inlines only a function's constants.
  /** How long the success screen shows before the modal closes itself (Done closes it sooner). */
  const SUCCESS_CLOSE_DELAY_MS = 1500;
  /**
   * A frame whose app has not sent its first message by then never will: the merchant's CSP or our frame-ancestors
   * refused it, the network failed, or the app's script never ran. Hello alone proves nothing: the page's inline boot
   * script sends it before the app's script has loaded. So this covers loading the page, its scripts and the session
   * on a slow phone network; a false alarm only means redirect.
   */
  const HANDSHAKE_TIMEOUT_MS = 8000;
  const { display, trigger, theme, accentColor, locale } = options;
  /** Unset once the outcome is reported. */
  let settle: ((result: CheckoutResult) => void) | undefined;
  const handle = Object.assign(new EventTarget(), {
    result: new Promise<CheckoutResult>((resolve) => (settle = resolve)),
    close: () => close(),
  }) as CheckoutHandle;
  let checkoutSessionId: string | null = null;
  let processing = false;
  /** Set while the checkout is on the page: undoes everything `open` did to it. */
  let destroy: (() => void) | undefined;
  let redirect: () => void;

  /**
   * Dispatches on the handle and the trigger; true unless a listener called `preventDefault()`. An outcome
   * (success, pending, cancel, error) is emitted once per open, settles `result`, and runs its option callback after
   * the listeners.
   */
  const emit = (type: keyof CheckoutEventMap, fields?: object) => {
    const detail = { ...fields, checkoutSessionId };
    const callback = CALLBACKS[type as keyof typeof CALLBACKS];
    if (callback) {
      if (!settle) return false;
      settle({ type, ...detail } as CheckoutResult);
      settle = undefined;
    }
    // dispatchEvent answers false when a listener called `preventDefault()`.
    const allowed = handle.dispatchEvent(new CustomEvent(type, { detail, cancelable: true }));
    const allowedOnTrigger = trigger?.dispatchEvent(new CustomEvent(`till:${type}`, { detail, cancelable: true, bubbles: true }));
    (options[callback!] as ((detail: object) => void) | undefined)?.(detail);
    return allowed && allowedOnTrigger !== false;
  };
  const fail = (error: TillError) => {
    if (error.code === 'session_expired' && settle) emit('expired');
    return emit('error', { error });
  };
  /** Ends the checkout as a cancel, or, given the error that ended it, as that error with the redirect fallback. */
  const close = (force?: boolean, error?: TillError) => {
    const undo = destroy;
    if (!undo || (processing && !force)) return;
    destroy = undefined;
    // Gone from the page, its modal or container free, before the outcome is told: a merchant's onCancel or onError
    // may open the checkout again (a retry), which would otherwise get this closing checkout back.
    undo();
    error ? fail(error) && options.redirectOnFailure !== false && redirect() : emit('cancel');
    emit('close');
  };

  try {
    // Server rendering imports the SDK and may call `open`: it must neither touch the DOM nor reject unhandled.
    // The script-tag build (mode `loader`, see vite.config.ts) leaves the check out: it only runs in a page.
    if (import.meta.env.MODE !== 'loader' && typeof document == 'undefined') throw new TillError('not_in_browser');
    const { secret, frameUrl } = decodeToken(token);
    // Undefined unless inline, where null means "not in the page".
    let container = display === 'inline' ? (options.container ?? null) : undefined;
    if (typeof container === 'string') container = document.querySelector(container);
    if (container === null) throw new TillError('unsupported_environment');

    const appearance = { theme, accentColor, locale };
    // The appearance is not secret, so it rides in the query, which the hosted page reads; the secret stays in
    // the fragment, which no server or Referer sees. JSON leaves out the options the merchant did not set.
    const query = new URLSearchParams(JSON.parse(JSON.stringify(appearance)));
    redirect = () => location.assign(`${frameUrl}?${query}#${secret}`);
    if (display === 'redirect') return redirect(), handle;

    const key = container ?? 'modal';
    const existing = openCheckouts.get(key);
    if (existing) return existing;

    // The frame has its address before it enters the page, which then starts loading it: a frame added without one
    // first loads about:blank, synchronously, and only then the checkout (issue 13). Styles go through the CSSOM
    // (`style`, assigned, sets `style.cssText`), never a `<style>` element or a `style=""` attribute in markup, so a
    // merchant page whose CSP has no `'unsafe-inline'` for styles still allows them; createModal's dialog too.
    const iframe = Object.assign(document.createElement('iframe'), {
      // Inline sizes; a modal's panel has its own (createModal.ts).
      style: 'width:100%;height:600px;border:0;display:block',
      src: frameUrl,
      title: 'Checkout',
    });
    // Inline, the frame goes into the merchant's element and leaves it again; a modal's cleanup undoes the modal.
    const removeFrame = container ? (container.append(iframe), () => iframe.remove()) : createModal(iframe, close, theme);
    const timer = setTimeout(close, HANDSHAKE_TIMEOUT_MS, true, new TillError('handshake_timeout'));
    // Set once the focus is in the frame; inline, from the start: there the focus is the merchant's page's to move.
    let focused: unknown = container;
    const disconnect = connectToCheckout(iframe, frameUrl.origin, { secret, appearance, modal: !container }, (hello) => {
      checkoutSessionId = hello.checkoutSessionId;
    }, (message) => {
      // The app's first message (its height, if nothing else) comes once its first screen is on the page: the checkout
      // has loaded. Focus moves into the frame then. Focused at hello, the frame laid out its skeleton before its
      // stylesheet had arrived, fonts and all, ahead of reading the loader's answer (issue 13); until the first screen,
      // focus waits on the dialog, where Escape closes the checkout (createModal.ts).
      clearTimeout(timer);
      focused ||= (iframe.focus(), true);
      // What is left after the envelope is the event's detail.
      const { ns, v, type, ...fields } = message;
      switch (type) {
        case 'step':
          processing = message.step === 'processing';
          emit('step', fields);
          return processing && emit('confirmed');
        case 'resize':
          return container && resizeInline(iframe, message.height);
        case 'failure':
          return fail(new TillError(message.code, message.message));
        case 'close':
          return container || close();
        default:
          // `ready`, `pending` (after the step `ended`, which lets the checkout close) and `success`, after which the
          // modal closes itself unless a listener prevented it. The port admits no other type (connectToCheckout).
          return emit(type, fields) && type == 'success' && !container && setTimeout(close, SUCCESS_CLOSE_DELAY_MS);
      }
    });
    // The merchant's own script may remove the frame; that ends the checkout as a cancel, never a late success.
    const removal = new MutationObserver(() => iframe.isConnected || close(true));
    removal.observe(document, { childList: true, subtree: true });

    // Taken only now the frame is in the page: had putting it there failed, every later open would get a dead handle.
    openCheckouts.set(key, handle);
    destroy = () => {
      clearTimeout(timer);
      disconnect();
      removal.disconnect();
      removeFrame();
      openCheckouts.delete(key);
    };
  } catch (error) {
    // Reported after `open` returns, so listeners added to the handle hear it too. A selector the browser cannot parse
    // throws a DOMException, and a modal opened before the page has a <body> a TypeError: the merchant still gets a
    // TillError.
    setTimeout(fail, 0, error instanceof TillError ? error : new TillError('unsupported_environment', `${error}`));
  }
  return handle;
};
