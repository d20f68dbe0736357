import { render } from 'preact';
import { createCheckoutApi } from './api/createCheckoutApi';
import { appearanceFromQuery } from './appearance/appearanceFromQuery';
import { CheckoutApp } from './CheckoutApp';
import { createRedirectLink } from './frame/createRedirectLink';
import { readPageConfig } from './frame/readPageConfig';
import { takeSecretFromFragment } from './frame/takeSecretFromFragment';
import { renderMessageScreen } from './screens/renderMessageScreen';

/** The parts of `window` redirect display touches, so tests can pass fakes. */
export interface RedirectPage {
  location: Pick<Location, 'hash' | 'pathname' | 'search' | 'assign'>;
  history: Pick<History, 'replaceState'>;
  document: Document;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** `navigator.languages`, most preferred first. */
  locales?: readonly string[];
}

/**
 * Redirect display: this page opened top-level at the session's `checkout_url` (`/checkout/<handle>#<secret>`),
 * with the merchant's appearance in the query when the loader sent the customer here. Takes the secret out of the
 * address bar before anything else, then runs the same app as in the frame, looking as the loader's `init` would
 * have it, with a link that navigates to the merchant's URLs instead of talking to a loader. Returns false, having done nothing,
 * when the fragment holds no secret.
 */
export function startRedirectCheckout(root: Element, page: RedirectPage): boolean {
  const secret = takeSecretFromFragment(page.location, page.history);
  if (!secret) return false;
  const config = readPageConfig(page.document);
  if (!config) {
    void renderMessageScreen(root, 'unavailable', page.locales ?? []);
    return true;
  }
  render(
    <CheckoutApp
      api={createCheckoutApi(secret, page.fetch, config.checkoutSessionId)}
      link={createRedirectLink(page.location)}
      checkoutSessionId={config.checkoutSessionId}
      appearance={appearanceFromQuery(page.location.search)}
      browserLocales={page.locales}
    />,
    root,
  );
  return true;
}
