export { NAMESPACE, PROTOCOL_VERSION } from './version';
export { createMessage, isCheckoutMessage, isCheckoutToLoaderMessage, isEnvelope, isHello, isMessageOfType } from './guards';
export type * from './types';
