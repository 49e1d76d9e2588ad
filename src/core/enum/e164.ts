// Number → E.164 → ENUM domain.
// The Application Unique String is "a fully qualified E.164 number minus any non-digit characters except for
// the '+' character that appears at the beginning" (RFC 6116 §3.1); E.164 numbers have at most 15 digits.
import { parsePhoneNumberWithError, ParseError, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { parseHostName } from '../dns/name.ts';
import { isE164 } from './domain.ts';
import { internationalPrefixAsPlus } from './international-prefix.ts';
import { err, ok, type CoreError, type Result } from '../result.ts';

export type E164Error = CoreError<'bad-number' | 'bad-region' | 'bad-suffix'>;

const REGION_PATTERN = /^[A-Z]{2}$/;

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
  if (upperRegion !== '' && !REGION_PATTERN.test(upperRegion)) {
    return err('bad-region', `"${region}" is not a two-letter region code such as GB or US.`);
  }
  // Without a region a leading 00 is read as + (international-prefix.ts); with one, the region's own reading (libphonenumber strips its
  // international prefix, e.g. 011 in US) comes first, and 00 is read as + only when that reading is not a number.
  const asInternational = internationalPrefixAsPlus(text);
  let parsed = parse(upperRegion ? text : (asInternational ?? text), upperRegion);
  if (upperRegion && asInternational && !(parsed.ok && parsed.value.isValid())) {
    const retry = parse(asInternational, upperRegion);
    if (retry.ok) parsed = retry;
  }
  if (!parsed.ok) {
    const why = PARSE_MESSAGES[parsed.error] ?? 'it could not be parsed';
    return err('bad-number', `"${input}" is not a phone number: ${why}.`);
  }
  return checked(input, parsed.value);
}

/** libphonenumber's reading, or its ParseError code (INVALID_COUNTRY, TOO_SHORT, …). */
function parse(text: string, region: string): { ok: true; value: PhoneNumber } | { ok: false; error: string } {
  try {
    return ok(parsePhoneNumberWithError(text, region ? { defaultCountry: region as CountryCode } : undefined));
  } catch (e) {
    return { ok: false, error: e instanceof ParseError ? e.message : '' };
  }
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
