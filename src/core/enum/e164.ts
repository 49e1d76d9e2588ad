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
import { err, ok, type CoreError, type Result } from '../result.ts';

export type E164Error = CoreError<'bad-number' | 'bad-region' | 'bad-suffix'>;

const PARSE_MESSAGES: Record<string, string> = {
  INVALID_COUNTRY: 'a national number needs a region (e.g. --region GB) or a leading + and country code',
  NOT_A_NUMBER: 'no phone number found in the input',
  TOO_SHORT: 'too short to be a phone number',
  TOO_LONG: 'too long to be a phone number (E.164 allows at most 15 digits)',
  INVALID_LENGTH: 'wrong number of digits for that country',
};

/**
 * Parse a number as a person would type or print it — international (+44 20 7946 0148, 0044…) or national
 * (020 7946 0148 with region GB), with "(0)" trunk prefixes and full-width digits or ＋ — into the E.164 AUS.
 * Refuses anything libphonenumber's full ("max") metadata does not consider a valid number.
 */
export function toE164(input: string, region = ''): Result<string, E164Error> {
  // NFKC folds full-width digits and ＋ (U+FF0B) to ASCII.
  const text = input.normalize('NFKC').trim();
  if (text === '') return err('bad-number', 'Enter a phone number.');
  if (text.length > 64) return err('bad-number', 'The input is too long to be a phone number.');
  const upperRegion = region.toUpperCase();
  // A region is refused unless libphonenumber knows it, even for a + number that does not need one: a typo is told.
  if (upperRegion !== '' && !isSupportedCountry(upperRegion)) {
    return err('bad-region', `"${region}" is not a region code libphonenumber knows (two letters such as GB or US).`);
  }
  // Without a region a leading 00 is read as + (international-prefix.ts); with one, the region's own reading
  // (libphonenumber strips its international prefix, e.g. 011 in US) comes first, and 00 is read as + when that
  // reading is no valid number.
  const asInternational = internationalPrefixAsPlus(text);
  let parsed = parse(upperRegion ? text : (asInternational ?? text), upperRegion);
  if (upperRegion && asInternational && !(parsed.ok && parsed.value.isValid()))
    parsed = parse(asInternational, upperRegion);
  if (!parsed.ok) return err('bad-number', `"${input}" is not a phone number: ${parseMessage(parsed.error)}.`);
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
function parseMessage(e: { code: string; digits: string }): string {
  if (e.code === 'INVALID_COUNTRY' && e.digits !== '')
    return `+${e.digits.slice(0, 3)}… does not begin with a country calling code`;
  return PARSE_MESSAGES[e.code] ?? 'it could not be parsed';
}

function checked(input: string, parsed: PhoneNumber): Result<string, E164Error> {
  const e164 = parsed.number;
  if (!isE164(e164)) return err('bad-number', `"${input}" does not fit E.164 (a + and at most 15 digits).`);
  if (!parsed.isValid()) {
    const where = parsed.country ?? `country code +${parsed.countryCallingCode}`;
    return err('bad-number', `"${input}" is not a valid number for ${where}.`);
  }
  return ok(e164);
}

/** Normalise and check an ENUM suffix ("e164.arpa", "E164.ARPA." → "e164.arpa") by the one domain rule. */
export function normaliseSuffix(suffix: string): Result<string, E164Error> {
  const name = parseHostName(suffix);
  return name.ok ? name : err('bad-suffix', `${name.error.message} It cannot be an ENUM suffix.`);
}
