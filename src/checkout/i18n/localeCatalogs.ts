import { messages as english } from './messages';
import type { FirstMessages } from './messages';

/**
 * The message catalogs, by language or, for a pseudo-locale, by whole tag. English ships in the first load; every
 * other catalog is a dynamic import, which Vite splits into a chunk of its own, fetched only once it is chosen.
 */
export const localeCatalogs = {
  en: async () => english,
  de: () => import('./locales/de').then((locale) => locale.messages),
  fr: () => import('./locales/fr').then((locale) => locale.messages),
  es: () => import('./locales/es').then((locale) => locale.messages),
  ja: () => import('./locales/ja').then((locale) => locale.messages),
  /** Chromium's right-to-left pseudo-locale: English words laid out right to left, so the mirrored layout can be tested. */
  'ar-XB': async () => english,
} satisfies Record<string, () => Promise<FirstMessages>>;

export type CatalogName = keyof typeof localeCatalogs;
