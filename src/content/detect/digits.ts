// Cheap pre-checks that run before the matcher, so its heavy parts (metadata parse, matching) run only where
// numbers can be.
// The shortest number libphonenumber reports has 5 digits, so text with fewer digits is never handed to it.

const ANY_DIGIT = /\p{Nd}/u;
const DIGITS = /\p{Nd}/gu;

/** True when `text` holds at least `min` decimal digits (any script: full-width, Arabic-Indic, …). */
export function hasDigits(text: string, min = 5): boolean {
  return digitsUpTo(text, min) >= min;
}

/** The number of decimal digits in `text`, counting no further than `max`. */
export function digitsUpTo(text: string, max: number): number {
  if (!ANY_DIGIT.test(text)) return 0;
  DIGITS.lastIndex = 0;
  let n = 0;
  while (n < max && DIGITS.exec(text) !== null) n++;
  return n;
}

/** Number of ASCII digits in text[start, end). */
export function countDigits(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
