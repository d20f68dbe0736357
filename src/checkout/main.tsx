import { render } from 'preact';
import { createCheckoutApi } from './api/createCheckoutApi';
import { answerFirstSessionRequest } from './api/answerFirstSessionRequest';
import { applyAppearance } from './appearance/applyAppearance';
import { browserColors } from './appearance/browserColors';
import type { Boot } from './boot/Boot';
import './checkout.css';
import { CheckoutApp, loadFirst } from './CheckoutApp';
import { renderMessageScreen } from './screens/renderMessageScreen';
import { startRedirectCheckout } from './startRedirectCheckout';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const fetchFromPage = (input: string, init: RequestInit) => window.fetch(input, init);
// Most preferred first; older engines only know the one.
const browserLocales = navigator.languages?.length ? navigator.languages : [navigator.language];

/**
 * Framed: the boot script inlined in index.html has said hello and, with the secret, asked for the session (bootScript.ts).
 * The first screen renders once the session and its language are in; until then index.html's skeleton shows.
 */
async function startFramed({ secret, appearance, modal, send, checkoutSessionId, session }: Boot) {
  // The merchant's theme and accent on the skeleton already, while the session is on its way; the app keeps them.
  applyAppearance(appearance, document.documentElement, browserColors);
  // The app's first request for the session is the one the boot script sent.
  const api = createCheckoutApi(secret, answerFirstSessionRequest(session, fetchFromPage), checkoutSessionId);
  const first = await loadFirst(api, appearance.locale, browserLocales);
  root!.replaceChildren(); // index.html's skeleton, which Preact's render would leave beside the app
  render(
    <CheckoutApp
      api={api}
      link={{ mode: 'framed', send, modal }}
      checkoutSessionId={checkoutSessionId}
      appearance={appearance}
      browserLocales={browserLocales}
      first={first}
    />,
    root!,
  );
}

if (window.parent === window) {
  // Top-level: redirect display when the fragment carries the secret; otherwise nothing here could work.
  const page = { location, history, document, fetch: fetchFromPage, locales: browserLocales };
  if (!startRedirectCheckout(root, page)) void renderMessageScreen(root, 'notFramed', browserLocales);
} else {
  // The boot script leaves nothing behind for another script to read. Without the page's config it started nothing.
  const boot = window.tillBoot;
  delete window.tillBoot;
  if (boot) void boot.then(startFramed);
  else void renderMessageScreen(root, 'unavailable', browserLocales);
}
