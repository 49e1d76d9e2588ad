// The text handed to libphonenumber's matcher: only the stretches of page text that can hold a number we keep.
// Page text is mostly words, and the matcher tries every digit group in it (prices, times, counts) as a number:
// most of its time on a page goes to parsing such groups and failing. The text is cut where a whitespace run
// stands between two letters (no number, extension included, spans such a cut: chunks.ts), and a stretch between
// cuts is left out when every number in it would be dropped anyway: fewer than 6 digits, no `+`, and no phone label
// in reach (the short-code filter, filters/context.ts, drops exactly those). The stretches kept are joined by a line
// feed, which the matcher treats as the whitespace it replaces (it never crosses one, and looks only at a
// candidate's neighbouring characters, which lie inside the stretch): it finds in them what it finds in the whole
// text, minus numbers the filters drop (matcher-input.test.ts).
import { mayHavePhoneLabel } from './filters/context.ts';

/** A number with fewer digits needs a `+` or a phone label to be kept (filters/context.ts shortCodeReason). */
const SHORT_CODE_DIGITS = 6;
/**
 * The fewest digits a number the matcher reports is written with: the `max` metadata has national numbers of 4
 * digits (AT, DE, NU, SH, …), a trunk-prefix transform rule (GG, NF, …) reads 5 or more, and an international
 * form adds its country code (matcher-input.test.ts checks this against the metadata).
 */
export const FEWEST_DIGITS = 4;

export interface MatcherInput {
  text: string;
  /** The offset in the source of an offset in `text`. */
  toSource(offset: number): number;
}

/**
 * Where a decimal digit (\p{Nd}) may stand: 0–9, the BMP blocks that hold the other decimal digits (Unicode 15:
 * U+0660–U+1C59, U+A620–U+ABF9, U+FF10–U+FF19; matcher-input.test.ts checks every one), and high surrogates
 * (digits beyond the BMP). Scanning for these is several times faster than for \p{Nd} itself with the u flag
 * (bench/page: most of matcherInput's time); DIGIT_AT then confirms a hit that is not 0–9.
 */
export const MAY_BE_DIGIT = /[0-9\u0660-\u1c59\ua620-\uabf9\uff10-\uff19\ud800-\udbff]/g;
const DIGIT_AT = /\p{Nd}/uy;
const ONE_DIGIT = /\p{Nd}/u;
/** Below ARABIC-INDIC DIGIT ZERO only 0–9 are decimal digits. */
const FIRST_OTHER_DIGIT = 0x660;
const LETTER = /\p{L}/u;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 160;

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  if (c >= 0xc0 && c <= 0xff) return c !== 0xd7 && c !== 0xf7; // Latin-1 letters (ä, é, ß, …)
  return LETTER.test(text[i]!);
}

/** A stretch starts at `i`: a letter after a whitespace run after a letter. */
function isCut(text: string, i: number): boolean {
  if (!isSpace(text.charCodeAt(i - 1)) || !isLetter(text, i)) return false;
  let j = i - 1;
  while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
  return j > 0 && isLetter(text, j - 1);
}

/** The index of the first decimal digit at or after `from`, or -1. */
function nextDigit(source: string, from: number): number {
  MAY_BE_DIGIT.lastIndex = from;
  for (let m = MAY_BE_DIGIT.exec(source); m !== null; m = MAY_BE_DIGIT.exec(source)) {
    if (source.charCodeAt(m.index) <= 57) return m.index;
    DIGIT_AT.lastIndex = m.index;
    if (DIGIT_AT.test(source)) return m.index;
  }
  return -1;
}

export function matcherInput(source: string): MatcherInput {
  const parts: string[] = [];
  /** Where each kept stretch starts, in the joined text and in the source. */
  const at: number[] = [];
  const from: number[] = [];
  let length = 0;
  let floor = 0;
  for (let i = nextDigit(source, 0); i >= 0; i = nextDigit(source, floor)) {
    let a = i;
    let plus = false;
    while (a > floor && !isCut(source, a)) if (source.charCodeAt(--a) === 43) plus = true;
    let b = i + 1;
    let digits = 1;
    for (; b < source.length && !isCut(source, b); b++) {
      const c = source.charCodeAt(b);
      if (c >= 48 && c <= 57) digits++;
      else if (c === 43) plus = true;
      else if (c >= FIRST_OTHER_DIGIT && ONE_DIGIT.test(source[b]!)) digits++;
    }
    if (digits >= SHORT_CODE_DIGITS || (digits >= FEWEST_DIGITS && (plus || mayHavePhoneLabel(source, a, b)))) {
      at.push(length);
      from.push(a);
      parts.push(source.slice(a, b));
      length += b - a + 1;
    }
    floor = b;
  }
  return {
    text: parts.join('\n'),
    toSource(offset) {
      let lo = 0;
      let hi = at.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (at[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return from[lo]! + (offset - at[lo]!);
    },
  };
}
