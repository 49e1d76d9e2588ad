// Cheap pre-checks that run before the matcher, so its heavy parts (metadata parse, matching) run only where
// numbers can be.
// The shortest number libphonenumber reports has 5 digits, so text with fewer digits is never handed to it.

const DIGIT = /\p{Nd}/u;
/** The first decimal digit outside ASCII (ARABIC-INDIC DIGIT ZERO): below it only 0–9 are digits. */
const FIRST_OTHER_DIGIT = 0x660;

/** True when `text` holds at least `min` decimal digits (any script: full-width, Arabic-Indic, …). */
export function hasDigits(text: string, min = 5): boolean {
  return digitsUpTo(text, min) >= min;
}

/**
 * The number of decimal digits in `text`, counting no further than `max`. A loop over the characters: it runs for
 * every text on a page, and a global regular expression's exec allocates a match per digit (bench/page).
 */
export function digitsUpTo(text: string, max: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < max; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
    else if (c >= FIRST_OTHER_DIGIT) {
      const cp = text.codePointAt(i)!;
      if (DIGIT.test(String.fromCodePoint(cp))) n++;
      if (cp > 0xffff) i++;
    }
  }
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
