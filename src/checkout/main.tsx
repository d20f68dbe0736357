import { render } from 'preact';
import './checkout.css';
import { CheckoutApp } from './CheckoutApp';
import { connectToLoader } from './connectToLoader';
import { createCheckoutApi } from './createCheckoutApi';
import { LoadingSkeleton } from './LoadingSkeleton';
import { messages } from './messages';
import { MessageScreen } from './MessageScreen';
import { readPageConfig } from './readPageConfig';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const config = readPageConfig(document);

if (window.parent === window) {
  // Opened as a top-level page: there is no loader to hand us the secret, so nothing here could work.
  render(<MessageScreen {...messages.screens.notFramed} />, root);
} else if (!config) {
  render(<MessageScreen {...messages.screens.unavailable} />, root);
} else {
  // The same skeleton CheckoutApp shows while loading, so the handshake and the fetch look like one wait.
  render(<LoadingSkeleton />, root);
  const { parentOrigin, checkoutSessionId } = config;
  void connectToLoader({ window, parentOrigin, checkoutSessionId }).then(({ secret, send }) => {
    const api = createCheckoutApi(secret, (input, init) => window.fetch(input, init));
    const locale = navigator.language || undefined;
    render(<CheckoutApp api={api} loader={{ send }} checkoutSessionId={checkoutSessionId} locale={locale} />, root);
  });
}
