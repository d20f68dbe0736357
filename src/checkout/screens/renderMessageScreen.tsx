import { render } from 'preact';
import { chooseLocale } from '../i18n/chooseLocale';
import { loadLocalization } from '../i18n/loadLocalization';
import { useDocumentLocale } from '../i18n/useDocumentLocale';
import type { Localization } from '../i18n/useLocalization';
import { MessageScreen } from './MessageScreen';

type StandaloneScreen = 'notFramed' | 'unavailable';

function LocalizedMessageScreen({ localization, name }: { localization: Localization; name: StandaloneScreen }) {
  useDocumentLocale(localization.locale, localization.messages.documentTitle(null));
  return <MessageScreen {...localization.messages.screens[name]} />;
}

/**
 * A screen shown instead of the app, when there is no session to read (nor a loader to ask) for a locale: in the
 * browser's language.
 */
export async function renderMessageScreen(root: Element, name: StandaloneScreen, browserLocales: readonly string[]): Promise<void> {
  const localization = await loadLocalization(chooseLocale(browserLocales));
  root.replaceChildren(); // index.html's skeleton, which Preact's render would leave beside the screen
  render(<LocalizedMessageScreen localization={localization} name={name} />, root);
}
