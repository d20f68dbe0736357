import type { ChosenLocale } from './chooseLocale';
import { localeCatalogs } from './localeCatalogs';
import { messages as english } from './messages';
import type { Localization } from './useLocalization';

/** Fetches the chosen catalog. */
export async function loadLocalization({ tag, catalog }: ChosenLocale): Promise<Localization> {
  try {
    return { messages: await localeCatalogs[catalog](), locale: tag };
  } catch {
    // The chunk did not arrive (the network, or a deploy replaced it): a checkout in English, wholly, beats none.
    return { messages: english, locale: 'en' };
  }
}
