export { closeOnSignal } from './closeOnSignal';
export { loadConfig, type ServerConfig } from './config';
export { createApp, type AppOptions } from './createApp';
export { loaderScriptTag, readLoaderScript, type LoaderScript } from './loaderScript';
export { listen, startCheckoutServer, type RunningServer } from './startCheckoutServer';
export { openStore, type Store } from './store/openStore';
export type { Database } from './store/Database';
export { TillApiError, type ApiErrorCode } from './TillApiError';
