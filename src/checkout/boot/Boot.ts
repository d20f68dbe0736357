import type { LoaderConnection } from '../frame/connectToLoader';

/** What the boot script (bootScript.ts) hands the app: the loader's connection, and the session's request, already sent. */
export interface Boot extends LoaderConnection {
  parentOrigin: string;
  checkoutSessionId: string;
  /** The answer to `GET /api/checkout/session`, sent as soon as the secret arrived. */
  session: Promise<Response>;
}

declare global {
  interface Window {
    /** Set by the boot script in a frame with the page's config; the app takes it and deletes it. */
    tillBoot?: Promise<Boot>;
  }
}
