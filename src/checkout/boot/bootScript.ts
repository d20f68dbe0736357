import { SESSION_PATH, sessionRequestInit } from '../api/sessionRequestInit';
import { connectToLoader } from '../frame/connectToLoader';
import { readPageConfig } from '../frame/readPageConfig';

/**
 * Inlined into index.html ahead of the app's module (vite.config.ts), the server allowing it by its hash: in a frame,
 * it says hello while the page is still being parsed, and asks for the session the moment the loader's secret
 * arrives, while the app's code is still on its way (issue 13). The app takes what it started from `window.tillBoot`.
 */
const config = window.parent !== window && readPageConfig(document);
if (config) {
  window.tillBoot = connectToLoader({ window, ...config }).then((connection) => {
    const session = fetch(SESSION_PATH, sessionRequestInit(connection.secret, config.checkoutSessionId));
    // Held for the app, which handles a failure as its own request's: not an unhandled rejection meanwhile.
    session.catch(() => undefined);
    return { ...connection, ...config, session };
  });
}
