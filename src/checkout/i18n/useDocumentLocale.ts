import { useLayoutEffect } from 'preact/hooks';
import { textDirection } from './textDirection';

/**
 * The document speaks the chosen locale: `lang` (screen readers' voice, `hyphens: auto`), `dir` (right-to-left
 * scripts mirror the layout) and the title. Applied before the first paint; `lang` and `dir` come off again with
 * the app.
 */
export function useDocumentLocale(locale: string | undefined, title: string | undefined): void {
  useLayoutEffect(() => {
    if (!locale) return;
    const root = document.documentElement;
    const previous = { lang: root.getAttribute('lang'), dir: root.getAttribute('dir') };
    root.setAttribute('lang', locale);
    root.setAttribute('dir', textDirection(locale));
    return () => {
      for (const [name, value] of Object.entries(previous)) {
        if (value === null) root.removeAttribute(name);
        else root.setAttribute(name, value);
      }
    };
  }, [locale]);
  useLayoutEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
