// Token shapes libphonenumber's VALID leniency accepts although they are not phone numbers
// (docs/detection-cases.md L#4): dates (dotted, slashed, dashed, compact), date and year ranges (`03.07 - 17.07.15`,
// `03/2015 – 03/2016`, `1979-2011`), times and time ranges, decimals (`12.1 - 23.71 - 23.45`), IP addresses
// and version strings. Sources: google/libphonenumber#708, python-phonenumbers#164, PhoneNumberMatcherTest
// VALID_CASES (docs/detection-cases.md H#21–H#24, H#40, H#41, H#49).

const DMY = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\.?$/;
const DM = /^(\d{1,2})\.(\d{1,2})\.?$/;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DASHED = /^(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})[/.](\d{4})$/;
const YEAR_MONTH = /^(\d{4})\/(\d{1,2})$/;
const COMPACT_DATE = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;
const TIME = /^\d{1,2}:\d{2}(?::\d{2})?(?:h|Uhr)?$/;
const YEAR = /^(?:1[89]|20)\d{2}$/;
const DECIMAL = /^\d{1,3}[.,]\d{1,2}$/;
// No group with a leading zero: `02.123.45.67` is a Belgian number, `192.168.0.1` an address.
const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}(?::\d+)?$/;
const RANGE_DASH = /[-–—]/;

const dayMonth = (a: number, b: number) =>
  (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
const month = (m: number) => m >= 1 && m <= 12;

/** A single date or time token (no range). */
function isDateOrTime(token: string): boolean {
  let m: RegExpExecArray | null;
  if ((m = DMY.exec(token)) || (m = DM.exec(token))) return dayMonth(+m[1]!, +m[2]!);
  if ((m = ISO.exec(token))) return YEAR.test(m[1]!) && month(+m[2]!) && +m[3]! >= 1 && +m[3]! <= 31;
  if ((m = DASHED.exec(token))) return dayMonth(+m[1]!, +m[2]!);
  if ((m = MONTH_YEAR.exec(token))) return month(+m[1]!) && YEAR.test(m[2]!);
  if ((m = YEAR_MONTH.exec(token))) return YEAR.test(m[1]!) && month(+m[2]!);
  return TIME.test(token);
}

/**
 * Every shape above has a separator (`.`, `,`, `/`, `:` or a dash) or, for a version, a leading `v`: a token with
 * neither (`0301234567`, `(040)`, most parts of a phone number) is none of them, without trying each pattern.
 */
const MAY_BE_DATE_LIKE = /[./:,\-–—]|^[vV]/;

/** Why a whitespace-free token is not part of a phone number, or undefined when it may be. */
export function dateLikeToken(token: string): string | undefined {
  if (!MAY_BE_DATE_LIKE.test(token)) return undefined;
  if (isDateOrTime(token)) return 'date or time';
  if (IPV4.test(token)) return 'IP address';
  if (DECIMAL.test(token)) return 'decimal number';
  if (RANGE_DASH.test(token)) {
    const parts = token.split(RANGE_DASH).filter((p) => p !== '');
    if (parts.length === 2 && parts.every((p) => YEAR.test(p)) && +parts[1]! >= +parts[0]!) return 'year range';
    if (parts.length >= 2 && parts.every((p) => isDateOrTime(p) || YEAR.test(p))) return 'date or time range';
    // `20240315-0042`: an ID built on a compact date (the invoice-number family, organice#477).
    if (parts.length >= 2 && COMPACT_DATE.test(parts[0]!)) return 'date-based reference number';
  }
  if (isVersion(token)) return 'version string';
  return undefined;
}

/** `v2.10.3345`, `10.0.19045.2965`: dotted groups where a later group has a single digit. */
function isVersion(token: string): boolean {
  if (/^[vV]\d/.test(token)) return true;
  if (token.indexOf('.') === token.lastIndexOf('.')) return false; // fewer than three groups
  const groups = token.split('.');
  return groups.length >= 3 && groups.every((g) => /^\d+$/.test(g)) && groups.slice(1).some((g) => g.length === 1);
}

const DATE_CHARS = /[\d./:\-–—]/;

/**
 * Why the candidate text[start, end) is a date, time, range, decimal, IP address or version string, or
 * undefined. The candidate is first widened to whole tokens, so `2015 – 03/2016` (what the matcher reports for
 * `03/2015 – 03/2016`) is judged as the full range.
 */
export function dateLikeReason(text: string, start: number, end: number): string | undefined {
  let a = start;
  let b = end;
  while (a > 0 && DATE_CHARS.test(text[a - 1]!)) a--;
  while (b < text.length && DATE_CHARS.test(text[b]!)) b++;
  // A trailing sentence dot is not part of the token: `… 05.10.1986.` → `05.10.1986`.
  for (const raw of text.slice(a, b).split(/\s+/)) {
    const token = raw.replace(/[.:]$/, '');
    if (token === '' || /^[-–—]+$/.test(token)) continue;
    const reason = dateLikeToken(token);
    if (reason) return reason;
  }
  return undefined;
}
