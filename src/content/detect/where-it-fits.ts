// A number is read in the region whose writing it shows. The matcher reads national numbers in the page's region;
// one that region would not write so — no trunk prefix where the region requires one, or its digit groups split
// (written-form.ts) — is read where its form fits: the user's region, then the regions named right before it
// (named-regions.ts). When none fits it is left unmarked; a number only regrouped, with no other region in
// sight, keeps the page's reading (libphonenumber-js ships no alternate formats, so odd groupings are common).
import { countDigits } from './digits.ts';
import {
  type CountryCode,
  findPhoneNumbersInText,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  isSupportedCountry,
  fewestNationalDigits,
} from './phone-lib.ts';
import { readNationally, writtenForm, type ParsedNumber } from './written-form.ts';
import { regionsNamedBefore } from './named-regions.ts';
import { RUN, type Candidate } from './neighbours.ts';
import { dateLikeReason } from './filters/date-like.ts';
import { rejectReason } from './filters/index.ts';

export interface RegionHints {
  /** The page's region for this text: national numbers are read there first ('' = only international forms). */
  page: string;
  /** The user's region (the `defaultRegion` setting, else the browser's): tried next ('' = none). */
  user?: string;
  /** Languages whose country names are recognised before a number (default English). */
  languages?: readonly string[];
}

export const WRITTEN_ELSEWHERE = "another region's form";

const MIN_RUN_DIGITS = 6;

/** Check each candidate's form against its region, and look for numbers only another region can read. */
export function readWhereItFits(
  text: string,
  candidates: Candidate[],
  parsed: Map<Candidate, ParsedNumber>,
  hints: RegionHints,
  rejected?: (c: Candidate, reason: string) => void,
): Candidate[] {
  const page = hints.page;
  const pageCode = page && isSupportedCountry(page) ? getCountryCallingCode(page) : undefined;
  // A region sharing the page's calling code (US and JM, GB and JE) reads nothing the page's region does not.
  const elsewhere = (r: string) => isSupportedCountry(r) && (!pageCode || getCountryCallingCode(r) !== pageCode);
  const user = hints.user && elsewhere(hints.user) ? hints.user : undefined;
  // Country names are looked up only when the user's region reads nothing: the first lookup builds the names of
  // every region (Intl.DisplayNames, tens of milliseconds in a fresh page).
  const named = (start: number) => regionsNamedBefore(text, start, hints.languages).filter(elsewhere);
  const out: Candidate[] = [];
  for (const c of candidates) {
    const slice = text.slice(c.start, c.end);
    const phone =
      parsed.get(c) ??
      (page && isSupportedCountry(page) ? parsePhoneNumberFromString(slice, { defaultCountry: page }) : undefined);
    const form = phone ? writtenForm(slice, phone) : 'fits';
    if (form === 'fits' || form === 'international') {
      out.push(c);
      continue;
    }
    // The filters judge a candidate by its place in the text (filters/index.ts): one they drop (a date, a reference
    // number) is dropped whatever region reads it, so no other region is asked; it is left out, as one no region
    // reads is, and its run may be read elsewhere.
    const reason = rejectReason(text, c.start, c.end);
    if (reason) {
      rejected?.(c, reason);
      continue;
    }
    let e164 = user ? readNationally(slice, user) : undefined;
    let names: string[] = [];
    if (!e164) {
      names = named(c.start);
      for (const r of names) if (r !== user && (e164 = readNationally(slice, r))) break;
    }
    if (e164) out.push({ ...c, e164 });
    else if (form === 'regrouped' && names.length === 0) out.push(c);
    else rejected?.(c, WRITTEN_ELSEWHERE);
  }
  return withNumbersReadElsewhere(text, out, user, named);
}

/**
 * Runs of phone characters the page's region found nothing in, read in the other regions in sight: the user's
 * region first, then those named before the run (looked up only when the user's region reads nothing there).
 */
function withNumbersReadElsewhere(
  text: string,
  found: Candidate[],
  user: string | undefined,
  named: (start: number) => string[],
): Candidate[] {
  const extra: Candidate[] = [];
  let next = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const a = m.index;
    const b = a + m[0].length;
    while (next < found.length && found[next]!.end <= a) next++;
    const digits = countDigits(text, a, b);
    if ((next < found.length && found[next]!.start < b) || digits < MIN_RUN_DIGITS || isDateToken(text, a, b)) continue;
    // One character of context on each side: the matcher refuses `$415-666-7777` and `415-666-7777%` by it.
    const from = Math.max(0, a - 1);
    const run = text.slice(from, b + 1);
    // A run with fewer digits than any valid number of a region holds none of them (dates, times, prices).
    const read = (region: string) =>
      digits >= fewestNationalDigits(region as CountryCode) ? readRun(run, region) : [];
    let numbers = user ? read(user) : [];
    if (!numbers.length) {
      for (const region of named(a)) {
        if (region === user) continue;
        if ((numbers = read(region)).length) break;
      }
    }
    extra.push(...numbers.map((p) => ({ start: from + p.start, end: from + p.end, e164: p.e164 })));
  }
  return extra.length ? [...found, ...extra].sort((x, y) => x.start - y.start) : found;
}

/** Characters of a date, time, range or version token (filters/date-like.ts DATE_CHARS). */
const DATE_TOKEN = /^[\d./:\-–—]+$/;
/** Characters a number the matcher finds may start or end with, besides the ASCII digits RUN already takes in. */
const NUMBER_EDGE = /[\p{Nd}([（［+＋#＃]/u;

/**
 * A run that is one date, time, range or version token (`12.3.2024`, `20240315-0042`) with nothing a number could
 * continue into on either side. Any number another region's matcher reads in it lies inside it and is dropped by
 * the date filter, which widens every candidate to this same token (filters/date-like.ts): reading it is skipped.
 */
function isDateToken(text: string, a: number, b: number): boolean {
  if (!DATE_TOKEN.test(text.slice(a, b))) return false;
  if (a > 0 && NUMBER_EDGE.test(text[a - 1]!)) return false;
  if (b < text.length && NUMBER_EDGE.test(text[b]!)) return false;
  return dateLikeReason(text, a, b) !== undefined;
}

/** Runs already read, by region and text: dates, prices and IDs recur on a page (bench/page: 40% of re-reads). */
const runsRead = new Map<string, readonly Candidate[]>();
const MAX_RUNS_READ = 4096;

/** The numbers in `run` (with its one character of context) that `region` writes so, offsets within `run`. */
function readRun(run: string, region: string): readonly Candidate[] {
  const key = `${region}:${run}`;
  let read = runsRead.get(key);
  if (!read) {
    read = findPhoneNumbersInText(run, { defaultCountry: region as CountryCode })
      .filter((p) => writtenForm(run.slice(p.startsAt, p.endsAt), p.number) === 'fits')
      .map((p) => ({ start: p.startsAt, end: p.endsAt, e164: p.number.number }));
    if (runsRead.size >= MAX_RUNS_READ) runsRead.clear();
    runsRead.set(key, read);
  }
  return read;
}
