import type { CheckoutFailureCode } from '../protocol';

/** Every way a checkout can fail, as a code a merchant can switch on. */
export type TillErrorCode =
  /** The token is not the base64 JSON `{secret, base, handle}` the API returned. */
  | 'invalid_token'
  /** The token's `base` (or the one given to `preload`) is not an https or loopback address ending with `/`. */
  | 'insecure_base'
  /**
   * Inline display without a container in the page, or a container selector the browser cannot parse; or a modal
   * opened before the page has a `<body>` (from a script in `<head>`: open it once the page has loaded).
   */
  | 'unsupported_environment'
  /** `open` ran without a `document`: during server rendering, or in a worker. Call it from an event handler. */
  | 'not_in_browser'
  /** The checkout never showed its first screen: framing blocked by a CSP, the network failed, or its script never ran. */
  | 'handshake_timeout'
  | CheckoutFailureCode;

export class TillError extends Error {
  // Declared, not a class field: set once in the constructor, with no field definition in the bundle.
  declare readonly code: TillErrorCode;
  // The code is the message unless there is more to say: every byte of the loader ships on merchants' pages.
  constructor(code: TillErrorCode, message: string = code) {
    super(message);
    this.code = code;
    this.name = 'TillError';
  }
}
