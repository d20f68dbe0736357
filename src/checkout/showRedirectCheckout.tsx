import { render } from 'preact';
import { createCheckoutApi } from './api/createCheckoutApi';
import { appearanceFromQuery } from './appearance/appearanceFromQuery';
import { CheckoutApp } from './CheckoutApp';
import { createRedirectLink } from './frame/createRedirectLink';
import { readPageConfig } from './frame/readPageConfig';
import { renderMessageScreen } from './screens/renderMessageScreen';
import type { RedirectPage } from './startRedirectCheckout';

/**
 * Redirect display, once `startRedirectCheckout` has the secret: the same app as in the frame, looking as the
 * loader's `init` would have it (the merchant's appearance is in the query), with a link that navigates to the
 * merchant's URLs instead of talking to a loader. A chunk of its own: framed checkouts never fetch it.
 */
export function showRedirectCheckout(root: Element, page: RedirectPage, secret: string): void {
  const config = readPageConfig(page.document);
  if (!config) {
    void renderMessageScreen(root, 'unavailable', page.locales ?? []);
    return;
  }
  root.replaceChildren(); // index.html's skeleton, which Preact's render would leave beside the app
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
}
