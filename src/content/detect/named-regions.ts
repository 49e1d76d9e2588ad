// Regions named right before a number (`USA: (302)3914066`, `South Africa: 0800-006-498`, `JM: (876)4355118`):
// where a number written in another region's form is read. No table ships with the script: the names come from
// Intl.DisplayNames (CLDR) for every region libphonenumber knows, in English and the browser's language, built
// once on first use; "USA" is added, and upper-case ISO 3166-1 codes (and UK) count as names.
import { isSupportedCountry, supportedCountries } from './phone-lib.ts';

/** How far before a number a region's name may stand (`Canada office, toll-free: `). */
const WINDOW = 40;
const LETTER = /\p{L}/u;

const namesByLanguages = new Map<string, [name: string, region: string][]>();

function regionNames(languages: readonly string[]): [string, string][] {
  const key = languages.join();
  let names = namesByLanguages.get(key);
  if (names) return names;
  const seen = new Map([['usa', 'US']]);
  for (const language of languages) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      continue;
    }
    for (const region of supportedCountries()) {
      const name = display.of(region)?.toLowerCase();
      // An unnamed region comes back as its code: codes count only in upper case (below).
      if (name && name.length > 2 && !seen.has(name)) seen.set(name, region);
    }
  }
  namesByLanguages.set(key, (names = [...seen]));
  return names;
}

/**
 * Regions named in the words right before text[start] on the same line and after any earlier digit, nearest
 * first: country names (any case) and upper-case two-letter codes (`JM`, `UK`).
 */
export function regionsNamedBefore(text: string, start: number, languages: readonly string[] = ['en']): string[] {
  const from = Math.max(0, start - WINDOW);
  let window = text.slice(from, start);
  const cut = Math.max(window.lastIndexOf('\n'), window.search(/[0-9][^0-9]*$/));
  if (cut >= 0) window = window.slice(cut + 1);
  if (!LETTER.test(window)) return [];
  const found: [end: number, region: string][] = [];
  for (const m of window.matchAll(/(?<![\p{L}\p{N}])[A-Z]{2}(?![\p{L}\p{N}])/gu)) {
    const region = m[0] === 'UK' ? 'GB' : m[0];
    if (isSupportedCountry(region)) found.push([m.index + 2, region]);
  }
  const lower = window.toLowerCase();
  for (const [name, region] of regionNames(languages)) {
    const i = lower.lastIndexOf(name);
    if (i < 0 || LETTER.test(lower[i - 1] ?? '') || LETTER.test(lower[i + name.length] ?? '')) continue;
    found.push([i + name.length, region]);
  }
  return [...new Set(found.sort((a, b) => b[0] - a[0]).map(([, region]) => region))];
}
