import { render } from 'preact';
import { takeSecretFromFragment } from './frame/takeSecretFromFragment';
import { messages } from './i18n/messages';
import { MessageScreen } from './screens/MessageScreen';

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
 * address bar before anything else, then loads and shows the checkout (`showRedirectCheckout`). Returns false,
 * having done nothing, when the fragment holds no secret.
 */
export function startRedirectCheckout(root: Element, page: RedirectPage): boolean {
  const secret = takeSecretFromFragment(page.location, page.history);
  if (!secret) return false;
  show(root, page, secret);
  return true;
}

function show(root: Element, page: RedirectPage, secret: string) {
  import('./showRedirectCheckout').then(
    (chunk) => chunk.showRedirectCheckout(root, page, secret),
    // The secret has left the address bar, so reloading could not help: Retry asks for the chunk again. In English,
    // as a locale's chunk could not arrive either.
    () => {
      root.replaceChildren(); // index.html's skeleton, which Preact's render would leave beside the screen
      render(
        <MessageScreen {...messages.screens.unreachable}>
          <button type="button" class="button" onClick={() => show(root, page, secret)}>
            {messages.retry}
          </button>
        </MessageScreen>,
        root,
      );
    },
  );
}
