import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { messages } from './messages';
import type { FirstMessages } from './messages';

export interface Localization {
  /** Whole but for English, whose later groups come with the later parts (`completeMessages`). */
  messages: FirstMessages;
  /** BCP 47 tag for Intl; undefined means the browser's default. */
  locale: string | undefined;
}

/** English in the browser's formats: what the app speaks until the customer's language is known. */
export const defaultLocalization: Localization = { messages, locale: undefined };

/** Provided once by CheckoutApp, so adding a locale never touches the components. */
export const LocalizationContext = createContext<Localization>(defaultLocalization);

export function useLocalization(): Localization {
  return useContext(LocalizationContext);
}
