import { render } from 'preact';
import './checkout.css';
import { CheckoutApp } from './CheckoutApp';
import { connectToLoader } from './connectToLoader';
import { createCheckoutApi } from './createCheckoutApi';
import { LoadingSkeleton } from './LoadingSkeleton';
import { messages } from './messages';
import { MessageScreen } from './MessageScreen';
import { readPageConfig } from './readPageConfig';
import { startRedirectCheckout } from './startRedirectCheckout';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const fetchFromPage = (input: string, init: RequestInit) => window.fetch(input, init);
const browserLocale = navigator.language || undefined;

if (window.parent === window) {
  // Top-level: redirect display when the fragment carries the secret; otherwise nothing here could work.
  const page = { location, history, document, fetch: fetchFromPage, locale: browserLocale };
  if (!startRedirectCheckout(root, page)) render(<MessageScreen {...messages.screens.notFramed} />, root);
} else {
  const config = readPageConfig(document);
  if (!config) {
    render(<MessageScreen {...messages.screens.unavailable} />, root);
  } else {
    // The same skeleton CheckoutApp shows while loading, so the handshake and the fetch look like one wait.
    render(<LoadingSkeleton />, root);
    const { parentOrigin, checkoutSessionId } = config;
    void connectToLoader({ window, parentOrigin, checkoutSessionId }).then(({ secret, appearance, modal, send }) => {
      render(
        <CheckoutApp
          api={createCheckoutApi(secret, fetchFromPage)}
          link={{ mode: 'framed', send, modal }}
          checkoutSessionId={checkoutSessionId}
          appearance={appearance}
          locale={browserLocale}
        />,
        root,
      );
    });
  }
}
