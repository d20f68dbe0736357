import type { CheckoutFailureCode, CheckoutMessage, CheckoutMode, CheckoutToLoaderMessage } from './types';
import { NAMESPACE, PROTOCOL_VERSION } from './version';

type MessageType = CheckoutMessage['type'];
type MessageOf<T extends MessageType> = Extract<CheckoutMessage, { type: T }>;
type Fields = Record<string, unknown>;

const CHECKOUT_MODES: readonly CheckoutMode[] = ['subscription', 'credit_bundle'];
const FAILURE_CODES: readonly CheckoutFailureCode[] = [
  'session_expired',
  'session_completed',
  'session_not_found',
];

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isOneOf = <T>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

/** The fields each type must carry; a message that lacks one is not ours, whatever it claims. */
const hasValidFields: { [T in MessageType]: (message: Fields) => boolean } = {
  hello: (m) => isText(m.checkoutSessionId),
  connect: () => true,
  init: (m) => isText(m.secret),
  ready: (m) => isText(m.checkoutSessionId) && isOneOf(CHECKOUT_MODES, m.checkoutMode),
  success: (m) =>
    isText(m.checkoutSessionId) && isText(m.connectionId) && isOneOf(CHECKOUT_MODES, m.checkoutMode),
  failure: (m) => isText(m.checkoutSessionId) && isOneOf(FAILURE_CODES, m.code) && typeof m.message === 'string',
  close: () => true,
};

/** Turns anything received from postMessage into a typed message, or rejects it. */
export function isCheckoutMessage(value: unknown): value is CheckoutMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Fields;
  if (m.ns !== NAMESPACE || m.v !== PROTOCOL_VERSION || typeof m.type !== 'string') return false;
  if (!Object.hasOwn(hasValidFields, m.type)) return false;
  return hasValidFields[m.type as MessageType](m);
}

export function isMessageOfType<T extends MessageType>(value: unknown, type: T): value is MessageOf<T> {
  return isCheckoutMessage(value) && value.type === type;
}

const TO_LOADER: readonly MessageType[] = ['ready', 'success', 'failure', 'close'];

/** What the loader may receive on its port; a frame sending it a `hello` or an `init` there is ignored. */
export function isCheckoutToLoaderMessage(value: unknown): value is CheckoutToLoaderMessage {
  return isCheckoutMessage(value) && TO_LOADER.includes(value.type);
}

/** Builds a message with the namespace and version filled in. */
export function createMessage<T extends MessageType>(
  type: T,
  fields: Omit<MessageOf<T>, 'ns' | 'v' | 'type'>,
): MessageOf<T> {
  return { ...fields, ns: NAMESPACE, v: PROTOCOL_VERSION, type } as MessageOf<T>;
}
