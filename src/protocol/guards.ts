import type {
  CheckoutFailureCode,
  CheckoutMessage,
  CheckoutMode,
  CheckoutStep,
  CheckoutToLoaderMessage,
  ConnectMessage,
  HelloMessage,
  InitMessage,
} from './types';
import { NAMESPACE, PROTOCOL_VERSION } from './version';

type MessageType = CheckoutMessage['type'];
type MessageOf<T extends MessageType> = Extract<CheckoutMessage, { type: T }>;
type Fields = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
/** A non-empty string; the loader checks a token's secret with it too. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
// Checks are plain functions, never built by a call at the top level, so a bundle that only uses the
// loader's guards below drops this whole table.
const isMode: Check = (value) => (['subscription', 'credit_bundle'] satisfies CheckoutMode[]).includes(value as CheckoutMode);
const isStep: Check = (value) =>
  (['payment', 'processing', 'success', 'ended'] satisfies CheckoutStep[]).includes(value as CheckoutStep);
const isFailureCode: Check = (value) =>
  (['session_expired', 'session_completed', 'session_not_found'] satisfies CheckoutFailureCode[]).includes(
    value as CheckoutFailureCode,
  );

type FieldChecks<T extends MessageType> = { [K in Exclude<keyof MessageOf<T>, 'ns' | 'v' | 'type'>]-?: Check };

// `modal` is optional: a loader from before it draws its own close button, as if not in a modal.
const INIT_FIELDS: FieldChecks<'init'> = { secret: isText, appearance: isObject, modal: (value) => value === undefined || typeof value === 'boolean' };

/** The fields each type must carry; a message that lacks one is not ours, whatever it claims. */
const FIELDS: { [T in MessageType]: FieldChecks<T> } = {
  hello: { checkoutSessionId: isText },
  connect: {},
  init: INIT_FIELDS,
  ready: { checkoutSessionId: isText, checkoutMode: isMode },
  step: { step: isStep },
  // Only the type: the loader clamps heights itself.
  resize: { height: (value) => typeof value === 'number' },
  success: {
    checkoutSessionId: isText,
    connectionId: isText,
    checkoutMode: isMode,
    subscriptionId: (value) => value === null || isText(value),
    creditsAdded: isString,
  },
  pending: { checkoutSessionId: isText },
  failure: { checkoutSessionId: isText, code: isFailureCode, message: isString },
  close: {},
};

/** Namespace and version: a page's unrelated postMessage traffic is never mistaken for ours. */
const isEnvelope = (value: unknown): value is Fields =>
  (value as Fields | null)?.ns === NAMESPACE && (value as Fields).v === PROTOCOL_VERSION;

const hasFields = (value: Fields, fields: Record<string, Check>) => Object.entries(fields).every(([name, check]) => check(value[name]));

/** Turns anything received from postMessage into a typed message, or rejects it. */
export function isCheckoutMessage(value: unknown): value is CheckoutMessage {
  if (!isEnvelope(value) || typeof value.type != 'string') return false;
  const fields: Record<string, Check> | undefined = Object.hasOwn(FIELDS, value.type) ? FIELDS[value.type as MessageType] : undefined;
  return !!fields && hasFields(value, fields);
}

export function isMessageOfType<T extends MessageType>(value: unknown, type: T): value is MessageOf<T> {
  return isCheckoutMessage(value) && value.type === type;
}

// The loader's guards are lighter than `isCheckoutMessage`: every byte of the loader ships on merchants'
// pages, and what they admit comes from the checkout's own frame. A hello arrives through the window, where
// the loader checks origin and source, and it names the session, so that is checked too. Like the loader's own
// functions (see src/sdk/global.ts), they and `createMessage` are arrow functions, which minify smaller.

export const isHello = (value: unknown): value is HelloMessage =>
  isEnvelope(value) && value.type === 'hello' && isText(value.checkoutSessionId);

// The checkout's guards: the two messages it takes, without the table of every other, which its first load would
// carry for nothing (a bundle that imports neither `isCheckoutMessage` nor `isMessageOfType` drops it).

export function isConnect(value: unknown): value is ConnectMessage {
  return isEnvelope(value) && value.type === 'connect';
}

export function isInit(value: unknown): value is InitMessage {
  return isEnvelope(value) && value.type === 'init' && hasFields(value, INIT_FIELDS);
}

/**
 * What the loader may receive on its port; a frame sending it a `hello` or an `init` there is ignored. Only
 * the type is checked: the port is private to the frame that passed the handshake (the loader's own checkout,
 * from the right origin), and the protocol version catches an app built for another loader.
 */
export const isCheckoutToLoaderMessage = (value: unknown): value is CheckoutToLoaderMessage =>
  // A string first: `test` would read ['success'] as 'success'. The types of `CheckoutToLoaderMessage` are a pattern,
  // which costs the loader fewer bytes than an array of them, and written here rather than as a module constant, which
  // was a variable of its own; guards.test.ts checks that it admits exactly those types.
  isEnvelope(value) &&
  typeof value.type == 'string' &&
  /^(ready|step|resize|success|pending|failure|close)$/.test(value.type);

type Body<T extends MessageType> = Omit<MessageOf<T>, 'ns' | 'v' | 'type'>;

/** Builds a message with the namespace and version filled in. */
export const createMessage = <T extends MessageType>(type: T, fields: Body<T>): MessageOf<T> =>
  ({ ...fields, ns: NAMESPACE, v: PROTOCOL_VERSION, type }) as MessageOf<T>;
