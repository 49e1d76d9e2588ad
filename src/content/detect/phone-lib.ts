// libphonenumber-js with its `max` metadata (`min` validates length only: docs/detection-cases.md L#1), bound
// once for the content script. Its ES2015+ build (`core/es6`, libphonenumber-js CHANGELOG 1.13.0): native classes
// instead of Babel's helpers — its ParseError, thrown for every candidate that is no number, is built without the
// Reflect.construct wrapper and its options without the object-spread helper (bench/page: a third of the
// matcher's time in the transpiled build). The metadata (155 KB) is shipped as text and parsed with JSON.parse on first use
// instead of being a JavaScript object literal: V8 compiles a string literal far faster than a literal object of
// that size (the content script's first compile was a long task on its own, bench/page), and pages without
// numbers never parse it. `libphonenumber-js/core/es6` is the package's own build of the same code for modern
// engines (classes, no Babel helpers in every module): ~3 KB gzip less of the content script's budget than
// `libphonenumber-js/core` (README "How it is built").
import {
  findPhoneNumbersInText as findIn,
  getCountries,
  getCountryCallingCode as callingCodeOf,
  Metadata,
  isSupportedCountry as supported,
  parsePhoneNumberFromString as parse,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core/es6';
import MAX_METADATA_MODULE from 'libphonenumber-js/metadata.max.json?raw';
import { decodeMetadataTokens } from './metadata-tokens.ts';

export type { CountryCode } from 'libphonenumber-js/core/es6';

let metadata: MetadataJson | undefined;

/**
 * The JSON inside the metadata module's text (`// comment … export default {…};`). The build compacts it
 * (build/compact-phone-metadata.ts): with no backslash left, the marks of metadata-tokens.ts stand for their
 * pieces, and every "!" for an escaped backslash `\\`.
 */
export function metadataJson(moduleText: string): string {
  const text = moduleText.includes('\\') ? moduleText : decodeMetadataTokens(moduleText).replaceAll('!', '\\\\');
  return text.slice(text.indexOf('{')).trim().replace(/;$/, '');
}

/** The metadata module is `export default <JSON>;`: its JSON text is parsed once. */
function maxMetadata(): MetadataJson {
  if (!metadata) {
    const module: unknown = MAX_METADATA_MODULE;
    // Outside Vite (tsx running bench/page/generate.ts) `?raw` is ignored and the module's object arrives as is.
    if (typeof module !== 'string') return (metadata = module as MetadataJson);
    metadata = JSON.parse(metadataJson(module)) as MetadataJson;
  }
  return metadata;
}

/** Parse the metadata now (a task of its own before the first match: ~155 KB of JSON). */
export const loadMetadata = (): void => void maxMetadata();

export const findPhoneNumbersInText = (text: string, options: { defaultCountry?: CountryCode }) =>
  findIn(text, options, maxMetadata());
export const parsePhoneNumberFromString = (text: string, options: { defaultCountry?: CountryCode } = {}) =>
  parse(text, options, maxMetadata());
export const isSupportedCountry = (country: string): country is CountryCode =>
  supported(country as CountryCode, maxMetadata());

/** One national format of a numbering plan (the runtime API of libphonenumber-js's Metadata; its .d.ts omits it). */
export interface PlanFormat {
  pattern(): string;
  internationalFormat(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixIsMandatoryWhenFormattingInNationalFormat(): boolean;
}

export interface NumberingPlan {
  formats(): PlanFormat[];
  /** The national (trunk) prefix, e.g. "0" in GB, "1" in NANP; empty or undefined where there is none. */
  nationalPrefix(): string | undefined;
}

/** The numbering plan of a country calling code (its main country's formats, as libphonenumber's matcher uses). */
export function numberingPlan(callingCode: string): NumberingPlan {
  const metadata = new Metadata(maxMetadata()) as unknown as {
    selectNumberingPlan(c: string): void;
    numberingPlan: NumberingPlan;
  };
  metadata.selectNumberingPlan(callingCode);
  return metadata.numberingPlan;
}

export const supportedCountries = (): CountryCode[] => getCountries(maxMetadata());
export const getCountryCallingCode = (country: CountryCode): string => callingCodeOf(country, maxMetadata());

const fewest = new Map<string, number>();

/**
 * The fewest digits a valid national number read in `region` has: the shortest possible length of every region
 * sharing its calling code (libphonenumber's VALID leniency asks isValid, which checks these lengths). 0 where a
 * national prefix transform rule may put digits into the number that its text does not hold.
 */
export function fewestNationalDigits(region: CountryCode): number {
  let n = fewest.get(region);
  if (n === undefined) {
    const metadata = new Metadata(maxMetadata()) as unknown as {
      selectNumberingPlan(c: string): void;
      getCountryCodesForCallingCode(c: string): string[] | undefined;
      numberingPlan: { possibleLengths(): number[] | undefined; nationalPrefixTransformRule(): string | undefined };
    };
    n = Infinity;
    for (const country of metadata.getCountryCodesForCallingCode(getCountryCallingCode(region)) ?? [region]) {
      metadata.selectNumberingPlan(country);
      const lengths = metadata.numberingPlan.possibleLengths();
      if (metadata.numberingPlan.nationalPrefixTransformRule() || !lengths?.length) n = 0;
      else n = Math.min(n, ...lengths);
    }
    fewest.set(region, n);
  }
  return n;
}
