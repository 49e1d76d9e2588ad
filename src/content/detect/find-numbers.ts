// Phone-number detection over one piece of page text:
// libphonenumber-js with `max` metadata (with `min`, "valid" only means "right length": `PLZ 10115 Berlin`
// would be a number; docs/detection-cases.md L#1) at VALID leniency — the default of findPhoneNumbersInText —
// over NFKC-normalised text, then neighbour splitting and our own false-positive filters, mapped back to offsets
// in the page text.
import {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from './phone-lib.ts';
import { hasDigits } from './digits.ts';
import { matcherInput } from './matcher-input.ts';
import { normalizeForMatching, toSourceRange, widenToLeadingPluses } from './normalize.ts';
import { splitNeighbours, type Candidate } from './neighbours.ts';
import { rejectReason } from './filters/index.ts';
import { readWhereItFits, type RegionHints } from './where-it-fits.ts';
import type { ParsedNumber } from './written-form.ts';

export type { RegionHints } from './where-it-fits.ts';

export interface Detection {
  /** Offsets in the source text, half-open. */
  start: number;
  end: number;
  /** `+` followed by up to 15 digits (RFC 6116 §2; extensions are not part of it). */
  e164: string;
}

export interface Rejection extends Candidate {
  reason: string;
}

const PLUS_AFTER_DIGIT = /[0-9][^+]*\+/;

function matcherOptions(region: string): { defaultCountry?: CountryCode } {
  return region && isSupportedCountry(region) ? { defaultCountry: region } : {};
}

/**
 * All numbers in `source`. National numbers are read in the page's region (a bare string: the page's region
 * only, '' = only international forms), or where their written form fits (where-it-fits.ts).
 */
export function findNumbers(source: string, regions: string | RegionHints, rejected?: Rejection[]): Detection[] {
  if (!hasDigits(source)) return [];
  // libphonenumber-js throws (and catches) a ParseError for every candidate that is not a number; capturing a
  // stack for each was 15% of detection (bench/page profile). Our own realm's Error only: a content script's
  // isolated world has its own builtins, so the page's Error.stackTraceLimit is untouched.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return detect(source, typeof regions === 'string' ? { page: regions } : regions, rejected);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function detect(source: string, hints: RegionHints, rejected?: Rejection[]): Detection[] {
  const norm = normalizeForMatching(source);
  const options = matcherOptions(hints.page);
  const parsed = new Map<Candidate, ParsedNumber>();
  const input = matcherInput(norm.text);
  const found: Candidate[] = findPhoneNumbersInText(input.text, options).map((m) => {
    const start = input.toSource(m.startsAt);
    const c = { start, end: start + (m.endsAt - m.startsAt), e164: m.number.number };
    parsed.set(c, m.number);
    return c;
  });
  const exact = (slice: string): string | undefined => {
    // The matcher's candidates hold a plus only before their first digit (libphonenumber-js PhoneNumberMatcher.js
    // PATTERN: plus signs are in LEAD_CLASS only, not in the punctuation, digit blocks or extension patterns
    // between digits), so a slice with a plus after a digit is never one match: `14/07/2024 +33 1 42`, a date
    // before a number in one run (bench/page: a third of the slices, each a failed parse and a thrown error).
    if (PLUS_AFTER_DIGIT.test(slice)) return undefined;
    // The matcher reports the whole slice only when the slice parses as a valid number (it parses each candidate
    // with the same default country, then VALID leniency asks isValid): a parse alone rules most slices out
    // without the matcher's inner-match retries (bench/page: a third of the neighbour splitting).
    if (!parsePhoneNumberFromString(slice, options)?.isValid()) return undefined;
    const [m, extra] = findPhoneNumbersInText(slice, options);
    return m && !extra && m.startsAt === 0 && m.endsAt === slice.length ? m.number.number : undefined;
  };
  const out: Detection[] = [];
  const candidates = splitNeighbours(norm.text, found, exact);
  for (const c of readWhereItFits(norm.text, candidates, parsed, hints, (c, reason) =>
    rejected?.push({ ...c, reason }),
  )) {
    const reason = rejectReason(norm.text, c.start, c.end);
    if (reason) {
      rejected?.push({ ...c, reason });
      continue;
    }
    const [start, end] = toSourceRange(norm, c.start, c.end);
    out.push({ start: widenToLeadingPluses(source, start), end, e164: c.e164 });
  }
  return out;
}
