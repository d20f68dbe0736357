/** ISO 3166-1 alpha-2, the 249 officially assigned codes, two letters each; names come from Intl, never from here. */
const COUNTRY_CODES = 'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW';

export const countryCodes: readonly string[] = COUNTRY_CODES.match(/../g)!;

export interface CountryOption {
  code: string;
  name: string;
}

const named = new Map<string | undefined, CountryOption[]>();

/**
 * Every country, named in `locale` by the browser's Intl.DisplayNames and sorted as that language sorts
 * ("Österreich" among the O's in German). A code the browser cannot name is shown as itself rather than dropped.
 * Made once per locale: the first call costs tens of milliseconds (Intl loads its region names), which the country
 * field spends once the form is on the page (CountryField.tsx).
 */
export function countryOptions(locale: string | undefined): CountryOption[] {
  let options = named.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames(locale, { type: 'region' });
    const collator = new Intl.Collator(locale);
    options = countryCodes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
    named.set(locale, options);
  }
  return options;
}
