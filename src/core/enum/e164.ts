// Number → E.164 → ENUM domain.
// The Application Unique String is "a fully qualified E.164 number minus any non-digit characters except for
// the '+' character that appears at the beginning" (RFC 6116 §3.1); E.164 numbers have at most 15 digits.
import {
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { parseHostName } from '../dns/name.ts';
import { isE164 } from './domain.ts';
import { internationalPrefixAsPlus } from './international-prefix.ts';
import { err, ok, refuse, type CoreError, type ReasonedError, type Result } from '../result.ts';

/**
 * Why an input is no number, finer than its code: the views say each in the user's words (README "Languages";
 * shared/protocol.ts NUMBER_ERROR_CODES lists them with their parameters), the CLI prints `message`.
 */
export type NumberReason =
  | 'number-missing'
  | 'number-input-too-long'
  | 'number-region-unknown'
  | 'number-needs-region'
  | 'number-no-country-code'
  | 'number-not-found'
  | 'number-too-short'
  | 'number-too-long'
  | 'number-wrong-length'
  | 'number-unreadable'
  | 'number-not-e164'
  | 'number-invalid';

/** bad-number and bad-region say their reason; bad-suffix is the domain rule's (normaliseSuffix). */
export type E164Error = ReasonedError<'bad-number' | 'bad-region', NumberReason> | CoreError<'bad-suffix'>;

/** libphonenumber's ParseError codes: the reason and the CLI's words for each. */
const PARSE_REFUSALS: Record<string, [NumberReason, string]> = {
  INVALID_COUNTRY: [
    'number-needs-region',
    'a national number needs a region (e.g. --region GB) or a leading + and country code',
  ],
  NOT_A_NUMBER: ['number-not-found', 'no phone number found in the input'],
  TOO_SHORT: ['number-too-short', 'too short to be a phone number'],
  TOO_LONG: ['number-too-long', 'too long to be a phone number (E.164 allows at most 15 digits)'],
  INVALID_LENGTH: ['number-wrong-length', 'wrong number of digits for that country'],
};

/**
 * Parse a number as a person would type or print it — international (+44 20 7946 0148, 0044…) or national
 * (020 7946 0148 with region GB), with "(0)" trunk prefixes and full-width digits or ＋ — into the E.164 AUS.
 * Refuses anything libphonenumber's full ("max") metadata does not consider a valid number.
 */
/** Longer inputs are refused before parsing (a number with its formatting is far shorter). */
const MAX_INPUT = 64;

export function toE164(input: string, region = ''): Result<string, E164Error> {
  // NFKC folds full-width digits and ＋ (U+FF0B) to ASCII.
  const text = input.normalize('NFKC').trim();
  if (text === '') return refuse('bad-number', 'number-missing', 'Enter a phone number.');
  if (text.length > MAX_INPUT)
    return refuse(
      'bad-number',
      'number-input-too-long',
      'The input is too long to be a phone number.',
      String(MAX_INPUT),
    );
  const upperRegion = region.toUpperCase();
  // A region is refused unless libphonenumber knows it, even for a + number that does not need one: a typo is told.
  if (upperRegion !== '' && !isSupportedCountry(upperRegion)) {
    return refuse(
      'bad-region',
      'number-region-unknown',
      `"${region}" is not a region code libphonenumber knows (two letters such as GB or US).`,
      region,
    );
  }
  // Without a region a leading 00 is read as + (international-prefix.ts); with one, the region's own reading
  // (libphonenumber strips its international prefix, e.g. 011 in US) comes first, and 00 is read as + when that
  // reading is no valid number.
  const asInternational = internationalPrefixAsPlus(text);
  let parsed = parse(upperRegion ? text : (asInternational ?? text), upperRegion);
  if (upperRegion && asInternational && !(parsed.ok && parsed.value.isValid()))
    parsed = parse(asInternational, upperRegion);
  if (!parsed.ok) return parseRefusal(input, parsed.error);
  return checked(input, parsed.value);
}

type Parsed = { ok: true; value: PhoneNumber } | { ok: false; error: { code: string; digits: string } };

/** libphonenumber's reading, or its ParseError code (INVALID_COUNTRY, TOO_SHORT, …) with the digits after a +. */
function parse(text: string, region: string): Parsed {
  try {
    return ok(parsePhoneNumberWithError(text, region ? { defaultCountry: region as CountryCode } : undefined));
  } catch (e) {
    const code = e instanceof ParseError ? e.message : '';
    return { ok: false, error: { code, digits: text.startsWith('+') ? text.replace(/\D/g, '') : '' } };
  }
}

/** Why libphonenumber refused it; a + followed by digits that no country calling code (1 to 3 digits) begins. */
function parseRefusal(input: string, e: { code: string; digits: string }): { ok: false; error: E164Error } {
  const why = (reason: NumberReason, words: string, ...params: string[]) =>
    refuse('bad-number', reason, `"${input}" is not a phone number: ${words}.`, input, ...params);
  if (e.code === 'INVALID_COUNTRY' && e.digits !== '') {
    const prefix = `+${e.digits.slice(0, 3)}…`;
    return why('number-no-country-code', `${prefix} does not begin with a country calling code`, prefix);
  }
  const [reason, words] = PARSE_REFUSALS[e.code] ?? ['number-unreadable', 'it could not be parsed'];
  return why(reason, words);
}

function checked(input: string, parsed: PhoneNumber): Result<string, E164Error> {
  const e164 = parsed.number;
  if (!isE164(e164))
    return refuse('bad-number', 'number-not-e164', `"${input}" does not fit E.164 (a + and at most 15 digits).`, input);
  if (!parsed.isValid()) {
    const where = parsed.country ?? `+${parsed.countryCallingCode}`;
    const words = parsed.country ?? `country code +${parsed.countryCallingCode}`;
    return refuse('bad-number', 'number-invalid', `"${input}" is not a valid number for ${words}.`, input, where);
  }
  return ok(e164);
}

/** Normalise and check an ENUM suffix ("e164.arpa", "E164.ARPA." → "e164.arpa") by the one domain rule. */
export function normaliseSuffix(suffix: string): Result<string, E164Error> {
  const name = parseHostName(suffix);
  return name.ok ? name : err('bad-suffix', `${name.error.message} It cannot be an ENUM suffix.`);
}
