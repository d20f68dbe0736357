export { NAMESPACE, PROTOCOL_VERSION } from './version';
export { createMessage, isCheckoutMessage, isCheckoutToLoaderMessage, isConnect, isHello, isInit, isMessageOfType, isText } from './guards';
export type * from './types';
