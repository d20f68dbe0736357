import type { LoaderLink } from './connectToLoader';

/** Inside the loader's iframe: everything the app has to say goes to the loader over the handshake's port. */
export interface FramedLink extends LoaderLink {
  mode: 'framed';
  /** In the loader's modal dialog: the app draws its close button and keeps Tab inside. */
  modal?: boolean;
}

/**
 * Redirect display, a top-level page opened at the session's `checkout_url`: there is no loader to tell, and
 * leaving the checkout means navigating back to one of the merchant's URLs.
 */
export interface RedirectLink {
  mode: 'redirect';
  /** Navigates to `url` (the session's `success_url` or `cancel_url`) with `checkout_session_id` in its query. */
  returnTo(url: string, checkoutSessionId: string): void;
}

/** Where the app reports what happens; the same app runs behind either. */
export type CheckoutLink = FramedLink | RedirectLink;
