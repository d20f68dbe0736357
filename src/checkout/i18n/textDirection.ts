/** Languages written right to left, for engines without `Intl.Locale#getTextInfo` (Firefox, for one). */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

type LocaleWithTextInfo = Intl.Locale & {
  getTextInfo?: () => { direction?: string };
  /** The accessor Chromium shipped first, before the proposal renamed it to a method. */
  textInfo?: { direction?: string };
};

/** The direction a locale's text runs in, for `<html dir>`. */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag) as LocaleWithTextInfo;
  const direction = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
  if (direction) return direction === 'rtl' ? 'rtl' : 'ltr';
  return RIGHT_TO_LEFT.has(locale.language) ? 'rtl' : 'ltr';
}
