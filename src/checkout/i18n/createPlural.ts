import type { Count } from './messages';

/** The words for each plural category a language uses; `other` is the one every language has. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The plural chooser of a message catalog. It follows the catalog's own language rather than the customer's full
 * tag: the words are that language's, so its rules decide (French "1,5 crédit", English "1.5 credits").
 */
export function createPlural(language: string): (count: Count, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(language);
  return (count, forms) => forms[rules.select(count.value)] ?? forms.other;
}
