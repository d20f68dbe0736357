import { render } from 'preact';
import { createCheckoutApi } from './api/createCheckoutApi';
import './checkout.css';
import { CheckoutApp } from './CheckoutApp';
import { connectToLoader } from './frame/connectToLoader';
import { readPageConfig } from './frame/readPageConfig';
import { LoadingSkeleton } from './screens/LoadingSkeleton';
import { renderMessageScreen } from './screens/renderMessageScreen';
import { startRedirectCheckout } from './startRedirectCheckout';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const fetchFromPage = (input: string, init: RequestInit) => window.fetch(input, init);
// Most preferred first; older engines only know the one.
const browserLocales = navigator.languages?.length ? navigator.languages : [navigator.language];

if (window.parent === window) {
  // Top-level: redirect display when the fragment carries the secret; otherwise nothing here could work.
  const page = { location, history, document, fetch: fetchFromPage, locales: browserLocales };
  if (!startRedirectCheckout(root, page)) void renderMessageScreen(root, 'notFramed', browserLocales);
} else {
  const config = readPageConfig(document);
  if (!config) {
    void renderMessageScreen(root, 'unavailable', browserLocales);
  } else {
    // The same skeleton CheckoutApp shows while loading, so the handshake and the fetch look like one wait.
    render(<LoadingSkeleton />, root);
    const { parentOrigin, checkoutSessionId } = config;
    void connectToLoader({ window, parentOrigin, checkoutSessionId }).then(({ secret, appearance, modal, send }) => {
      render(
        <CheckoutApp
          api={createCheckoutApi(secret, fetchFromPage, checkoutSessionId)}
          link={{ mode: 'framed', send, modal }}
          checkoutSessionId={checkoutSessionId}
          appearance={appearance}
          browserLocales={browserLocales}
        />,
        root,
      );
    });
  }
}
