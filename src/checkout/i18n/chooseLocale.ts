import { localeCatalogs } from './localeCatalogs';
import type { CatalogName } from './localeCatalogs';
import { supportedLocale } from './supportedLocale';

export interface ChosenLocale {
  /** The whole canonical tag, for Intl and `<html lang>` ("de-AT" formats like Austria). */
  tag: string;
  /** The catalog whose words are shown ("de"). */
  catalog: CatalogName;
}

const ENGLISH: ChosenLocale = { tag: 'en', catalog: 'en' };

const isCatalog = (name: string): name is CatalogName => Object.hasOwn(localeCatalogs, name);

/**
 * The first of the customer's preferences, most important first (the loader's `locale` option, the session's, then
 * the browser's), that a catalog speaks: by its whole tag (the pseudo-locale ar-XB) or by its language (de-AT reads
 * German). A malformed tag or a language without a catalog gives way to the next; when none is left, English.
 */
export function chooseLocale(preferences: readonly unknown[]): ChosenLocale {
  for (const preference of preferences) {
    const tag = supportedLocale(preference);
    if (!tag) continue;
    const { baseName, language } = new Intl.Locale(tag);
    const catalog = [baseName, language].find(isCatalog);
    if (catalog) return { tag, catalog };
  }
  return ENGLISH;
}
