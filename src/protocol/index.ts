export { NAMESPACE, PROTOCOL_VERSION } from './version';
export { createMessage, isCheckoutMessage, isCheckoutToLoaderMessage, isHello, isMessageOfType } from './guards';
export type * from './types';
