import type { CheckoutFailureCode, CheckoutMessage, CheckoutMode, CheckoutStep, CheckoutToLoaderMessage } from './types';
import { NAMESPACE, PROTOCOL_VERSION } from './version';

type MessageType = CheckoutMessage['type'];
type MessageOf<T extends MessageType> = Extract<CheckoutMessage, { type: T }>;
type Fields = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isText: Check = (value) => isString(value) && value !== '';
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const oneOf =
  <T>(...list: T[]): Check =>
  (value) =>
    list.includes(value as T);
const isMode = oneOf<CheckoutMode>('subscription', 'credit_bundle');

/** The fields each type must carry; a message that lacks one is not ours, whatever it claims. */
const FIELDS: { [T in MessageType]: { [K in Exclude<keyof MessageOf<T>, 'ns' | 'v' | 'type'>]-?: Check } } = {
  hello: { checkoutSessionId: isText },
  connect: {},
  init: { secret: isText, appearance: isObject },
  ready: { checkoutSessionId: isText, checkoutMode: isMode },
  step: { step: oneOf<CheckoutStep>('payment', 'processing', 'success', 'ended') },
  // Only the type: the loader clamps heights itself.
  resize: { height: (value) => typeof value === 'number' },
  success: {
    checkoutSessionId: isText,
    connectionId: isText,
    checkoutMode: isMode,
    subscriptionId: (value) => value === null || isText(value),
    creditsAdded: isString,
  },
  failure: {
    checkoutSessionId: isText,
    code: oneOf<CheckoutFailureCode>('session_expired', 'session_completed', 'session_not_found'),
    message: isString,
  },
  close: {},
};

/** Turns anything received from postMessage into a typed message, or rejects it. */
export function isCheckoutMessage(value: unknown): value is CheckoutMessage {
  if (!isObject(value) || value.ns !== NAMESPACE || value.v !== PROTOCOL_VERSION) return false;
  const fields: Record<string, Check> | undefined = Object.hasOwn(FIELDS, value.type as string)
    ? FIELDS[value.type as MessageType]
    : undefined;
  return !!fields && Object.entries(fields).every(([name, check]) => check(value[name]));
}

export function isMessageOfType<T extends MessageType>(value: unknown, type: T): value is MessageOf<T> {
  return isCheckoutMessage(value) && value.type === type;
}

/** What the loader may receive on its port; a frame sending it a `hello` or an `init` there is ignored. */
export function isCheckoutToLoaderMessage(value: unknown): value is CheckoutToLoaderMessage {
  return isCheckoutMessage(value) && !['hello', 'connect', 'init'].includes(value.type);
}

/** Builds a message with the namespace and version filled in. */
export function createMessage<T extends MessageType>(
  type: T,
  fields: Omit<MessageOf<T>, 'ns' | 'v' | 'type'>,
): MessageOf<T> {
  return { ...fields, ns: NAMESPACE, v: PROTOCOL_VERSION, type } as MessageOf<T>;
}
