import type { CheckoutMode } from '../protocol';
import { connectToCheckout } from './connectToCheckout';
import { createModal } from './createModal';
import { decodeToken } from './decodeToken';
import { sessionHandle } from './sessionHandle';
import { TillError } from './TillError';

export interface CheckoutSuccess {
  checkoutSessionId: string;
  connectionId: string;
  checkoutMode: CheckoutMode;
}

export interface OpenOptions {
  onSuccess?(result: CheckoutSuccess): void;
  /** The customer closed the checkout before paying. `checkoutSessionId` is null if it closed before loading. */
  onCancel?(result: { checkoutSessionId: string | null }): void;
  /** Without `onError`, `open` throws the errors it finds before opening. */
  onError?(result: { checkoutSessionId: string | null; error: TillError }): void;
}

export interface CheckoutHandle {
  /** Closes the checkout; before an outcome this counts as a cancel. Idempotent. */
  close(): void;
}

/** How long the success screen shows before the modal closes by itself (Done closes it sooner). */
const SUCCESS_CLOSE_DELAY_MS = 1500;
/** A frame that has not said hello by then is blocked (the merchant's CSP) or unreachable. */
const HANDSHAKE_TIMEOUT_MS = 20_000;

let current: CheckoutHandle | null = null;

/**
 * Opens the hosted checkout for a `checkout_session_token` in a modal. One outcome is reported per open:
 * `onSuccess`, `onCancel` or `onError`, once. While a checkout is open, `open` returns it instead of
 * stacking a second one.
 */
export function open(token: string, options: OpenOptions = {}): CheckoutHandle {
  if (current) return current;
  let decoded;
  try {
    if (!globalThis.crypto?.subtle) throw new TillError('unsupported_environment', 'Till needs a secure context (https).');
    decoded = decodeToken(token);
  } catch (error) {
    if (!options.onError) throw error;
    options.onError({ checkoutSessionId: null, error: error as TillError });
    return { close() {} };
  }

  let checkoutSessionId: string | null = null;
  let outcome: 'success' | 'cancel' | 'error' | undefined;
  const report = (kind: NonNullable<typeof outcome>, notify: () => void) => {
    if (outcome) return;
    outcome = kind;
    notify();
  };
  const fail = (error: TillError) => report('error', () => options.onError?.({ checkoutSessionId, error }));

  const close = () => {
    report('cancel', () => options.onCancel?.({ checkoutSessionId }));
    clearTimeout(timer);
    disconnect();
    modal.destroy();
    if (current === handle) current = null;
  };
  const handle: CheckoutHandle = { close };
  current = handle;

  const modal = createModal(close);
  const timer = setTimeout(() => {
    fail(new TillError('handshake_timeout', 'The checkout could not be loaded.'));
    close();
  }, HANDSHAKE_TIMEOUT_MS);
  const disconnect = connectToCheckout(
    modal.iframe,
    decoded.base.origin,
    decoded.secret,
    (hello) => {
      clearTimeout(timer);
      checkoutSessionId = hello.checkoutSessionId;
    },
    (message) => {
      if (message.type === 'success') {
        const { checkoutSessionId: id, connectionId, checkoutMode } = message;
        report('success', () => options.onSuccess?.({ checkoutSessionId: id, connectionId, checkoutMode }));
        setTimeout(close, SUCCESS_CLOSE_DELAY_MS);
      } else if (message.type === 'failure') {
        fail(new TillError(message.code, message.message));
      } else if (message.type === 'close') {
        close();
      }
    },
  );
  sessionHandle(decoded.secret).then((id) => {
    modal.iframe.src = new URL(`checkout/${id}`, decoded.base).href;
  });
  return handle;
}
