export { NAMESPACE, PROTOCOL_VERSION } from './version';
export { createMessage, isCheckoutMessage, isCheckoutToLoaderMessage, isMessageOfType } from './guards';
export type * from './types';
