// Regions named right before a number (`USA: (302)3914066`, `South Africa: 0800-006-498`, `JM: (876)4355118`):
// where a number written in another region's form is read. No table ships with the script: the names come from
// Intl.DisplayNames (CLDR) for every region libphonenumber knows, in English and the browser's language, built
// once on first use; "USA" is added, and upper-case ISO 3166-1 codes (and UK) count as names.
import { isSupportedCountry, supportedCountries } from './phone-lib.ts';

/** How far before a number a region's name may stand (`Canada office, toll-free: `). */
const WINDOW = 40;
const LETTER = /\p{L}/u;

/** Names are matched as runs of up to this many words (`Bosnia & Herzegovina`, `St. Kitts & Nevis`). */
const MAX_NAME_WORDS = 4;
/** How many words before a number may end a name (`Canada office, toll-free: …`). */
const NEAREST_WORDS = 3;
const TRAILING = /[^\p{L}\p{N}]+$/u;
const LEADING = /^[^\p{L}]+/u;

interface RegionNames {
  /** Region by lower-case name. */
  names: Map<string, string>;
  /** The last word of every name: a phrase whose last word is none of them is no name. */
  lastWords: Set<string>;
}

/** Whose names are recognised when no languages are given. */
const ENGLISH: readonly string[] = ['en'];

/**
 * The first Intl.DisplayNames of a language loads CLDR's region names (30–40 ms of CPU, bench/page trace); later
 * ones reuse them. The names are built inside a detection slice (regionNames below), which that load made one long
 * task: a scan runs this first, one language per step, before a page's first match (dom/text-batch.ts), so pages
 * without text that could hold a number never load them.
 */
export function* loadRegionNames(languages: readonly string[] = ENGLISH): Generator<void, void, void> {
  for (const language of languages) {
    try {
      new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      // Not a language the browser knows: regionNames skips it too.
    }
    yield;
  }
}

const namesByLanguages = new Map<string, RegionNames>();

function regionNames(languages: readonly string[]): RegionNames {
  const key = languages.join();
  const built = namesByLanguages.get(key);
  if (built) return built;
  const names = new Map([['usa', 'US']]);
  for (const language of languages) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      continue;
    }
    for (const region of supportedCountries()) {
      // An unnamed region comes back as its code: codes count only in upper case (below).
      const name = display.of(region)?.toLowerCase().replace(/\s+/g, ' ');
      if (name && name.length > 2 && !names.has(name)) names.set(name, region);
    }
  }
  const lastWords = new Set([...names.keys()].map((name) => name.slice(name.lastIndexOf(' ') + 1)));
  namesByLanguages.set(key, { names, lastWords });
  return { names, lastWords };
}

/**
 * Regions named in the words right before text[start] on the same line and after any earlier digit, nearest
 * first: country names (any case) and upper-case two-letter codes (`JM`, `UK`).
 */
export function regionsNamedBefore(text: string, start: number, languages = ENGLISH): string[] {
  const from = Math.max(0, start - WINDOW);
  let window = text.slice(from, start);
  const cut = Math.max(window.lastIndexOf('\n'), window.search(/[0-9][^0-9]*$/));
  if (cut >= 0) window = window.slice(cut + 1);
  if (!LETTER.test(window)) return [];
  // The last few words only (a name stands next to its number), each name as a run of up to MAX_NAME_WORDS words.
  const words = window
    .split(/\s+/)
    .filter(Boolean)
    .slice(-(NEAREST_WORDS + MAX_NAME_WORDS - 1));
  const { names, lastWords } = regionNames(languages);
  const found: string[] = [];
  for (let end = words.length; end > 0 && end > words.length - NEAREST_WORDS; end--) {
    const last = words[end - 1]!.replace(TRAILING, '');
    const code = last.replace(/^\(/, '');
    if (/^[A-Z]{2}$/.test(code)) {
      const region = code === 'UK' ? 'GB' : code;
      if (isSupportedCountry(region)) found.push(region);
    }
    let phrase = last.toLowerCase();
    // Every phrase below ends with `phrase` (or, when nothing before it is a letter, with `phrase` less its leading
    // non-letters): unless that is the last word of a name, none of them is one (bench/page: almost every lookup).
    if (!lastWords.has(phrase) && !lastWords.has(phrase.replace(LEADING, ''))) continue;
    for (let n = 1; n <= MAX_NAME_WORDS && n <= end; n++) {
      if (n > 1) phrase = `${words[end - n]!.toLowerCase()} ${phrase}`;
      const region = names.get(LETTER.test(phrase[0] ?? '') ? phrase : phrase.replace(LEADING, ''));
      if (region) found.push(region);
    }
  }
  return [...new Set(found)];
}
