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
  const named = (start: number) => regionsNamedBefore(text, start, hints.languages).filter(elsewhere);
  const alternatives = (start: number): { named: boolean; regions: string[] } => {
    const names = named(start);
    return { named: names.length > 0, regions: [...new Set([...(user ? [user] : []), ...names])] };
  };
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
    const { named, regions } = alternatives(c.start);
    let e164: string | undefined;
    for (const r of regions) if ((e164 = readNationally(slice, r))) break;
    if (e164) out.push({ ...c, e164 });
    else if (form === 'regrouped' && !named) out.push(c);
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
    if ((next < found.length && found[next]!.start < b) || digits < MIN_RUN_DIGITS) continue;
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
