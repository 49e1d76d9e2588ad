// The E.164 form and its ENUM domain (RFC 6116 §3.1–3.2), without the number-parsing library: the extension's
// pages and messages check numbers and suffixes with these, only the background and the CLI parse typed numbers.

/** The ENUM tree of RFC 6116 §3.2, the suffix used when none is configured. */
export const DEFAULT_SUFFIX = 'e164.arpa';

/** An E.164 number in the form of RFC 6116 §3.1's AUS: "+", a country code not starting with 0, at most 15 digits. */
export const E164_PATTERN = /^\+[1-9][0-9]{1,14}$/;
export const isE164 = (v: unknown): v is string => typeof v === 'string' && E164_PATTERN.test(v);

/**
 * RFC 6116 §3.2: "Remove all characters with the exception of the digits … put dots ('.') between each digit …
 * reverse the order of the digits … append the string '.e164.arpa.'" (here: the configured suffix).
 * `+12025550143` → `3.4.1.0.5.5.5.2.0.2.1.e164.arpa`.
 */
export function e164ToEnumDomain(e164: string, suffix = DEFAULT_SUFFIX): string {
  const digits = e164.replace(/[^0-9]/g, '');
  return `${[...digits].reverse().join('.')}.${suffix}`;
}
