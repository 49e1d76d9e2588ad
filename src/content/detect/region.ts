// Region for national-format numbers: the nearest `lang` with a region subtag
// (`en-GB`), else the language's usual country (`de` → DE, `ja` → JP), else the user's default region
// (setting `defaultRegion`, or the browser's locale when that is empty).
// Languages spoken in many countries (en, es, ar, …) have no usual country here: the user's region is the
// better guess for them, and also whenever the page's language is the user's own language.

import { browserRegion } from '../../shared/region.ts';

const USUAL_COUNTRY: Record<string, string> = {
  de: 'DE',
  fr: 'FR',
  it: 'IT',
  nl: 'NL',
  pl: 'PL',
  cs: 'CZ',
  sk: 'SK',
  hu: 'HU',
  ro: 'RO',
  bg: 'BG',
  el: 'GR',
  da: 'DK',
  sv: 'SE',
  nb: 'NO',
  nn: 'NO',
  no: 'NO',
  fi: 'FI',
  is: 'IS',
  et: 'EE',
  lv: 'LV',
  lt: 'LT',
  sl: 'SI',
  hr: 'HR',
  sr: 'RS',
  bs: 'BA',
  mk: 'MK',
  sq: 'AL',
  uk: 'UA',
  be: 'BY',
  ru: 'RU',
  ka: 'GE',
  hy: 'AM',
  tr: 'TR',
  he: 'IL',
  fa: 'IR',
  hi: 'IN',
  bn: 'BD',
  ur: 'PK',
  th: 'TH',
  vi: 'VN',
  id: 'ID',
  ms: 'MY',
  tl: 'PH',
  fil: 'PH',
  ja: 'JP',
  ko: 'KR',
  zh: 'CN',
  mn: 'MN',
  kk: 'KZ',
  uz: 'UZ',
  az: 'AZ',
  ga: 'IE',
  cy: 'GB',
  mt: 'MT',
  lb: 'LU',
  ca: 'ES',
  eu: 'ES',
  gl: 'ES',
  pt: 'BR',
  sw: 'KE',
  am: 'ET',
  af: 'ZA',
};

/** `en-GB` → GB, `de` → DE, `zh-Hant-TW` → TW; undefined when the tag names no country. */
export function regionOfLang(lang: string, userRegion: string): string | undefined {
  const subtags = lang.trim().toLowerCase().split(/[-_]/);
  const language = subtags[0] ?? '';
  const region = subtags.slice(1).find((s) => /^[a-z]{2}$/.test(s));
  if (region) return region.toUpperCase();
  if (userRegion && userLanguages().includes(language)) return userRegion;
  return USUAL_COUNTRY[language];
}

/** The user's default region: the setting, else the browser's region (src/shared/region.ts) of navigator.language. */
export function userRegion(setting: string): string {
  if (setting) return setting.toUpperCase();
  return typeof navigator === 'undefined' ? '' : browserRegion(navigator.language ?? '');
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

function userLanguages(): string[] {
  return navigatorLanguages().map((t) => t.split(/[-_]/)[0]!.toLowerCase());
}

/** Languages whose country names mark a number's region (named-regions.ts): English and the browser's. */
export function nameLanguages(): string[] {
  const own = typeof navigator === 'undefined' ? '' : (navigator.language ?? '');
  return own && !/^en\b/i.test(own) ? ['en', own] : ['en'];
}
