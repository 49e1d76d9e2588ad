// Number → E.164 → ENUM domain.
// The Application Unique String is "a fully qualified E.164 number minus any non-digit characters except for
// the '+' character that appears at the beginning" (RFC 6116 §3.1); E.164 numbers have at most 15 digits.
import { parsePhoneNumberWithError, ParseError, type CountryCode } from 'libphonenumber-js/max';
import { parseHostName } from '../dns/name.ts';
import { isE164 } from './domain.ts';
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
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(text, upperRegion ? { defaultCountry: upperRegion as CountryCode } : undefined);
  } catch (e) {
    const code = e instanceof ParseError ? e.message : '';
    return err('bad-number', `"${input}" is not a phone number: ${PARSE_MESSAGES[code] ?? 'it could not be parsed'}.`);
  }
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
