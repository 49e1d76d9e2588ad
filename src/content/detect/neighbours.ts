// Neighbouring numbers separated only by a comma or a space (`… 0019, 07911 123456`, `513140867 513140868`).
// libphonenumber's candidate pattern swallows such runs whole and then reports a wrong inner part
// (`030 1234567 030 7654321` → +497654321; `07911 123456, 07911 654321` → `07911 123456, 07911`).
// When a run of phone characters holds digits the matcher left uncovered, the run is split at spaces and
// commas and re-segmented so that the most digits end up in valid numbers (a small dynamic programme).
import { countDigits } from './digits.ts';

export interface Candidate {
  start: number;
  end: number;
  e164: string;
}

/** Validates one exact slice: the matcher's E.164 when the whole slice is one valid number. */
export type ExactMatcher = (slice: string) => string | undefined;

/** A run of phone characters (digits, `+`, brackets, dashes, dots, slashes, spaces, commas). */
export const RUN = /[+(\d][\d+()\-–—./ ,]*[\d)]/g;
const MAX_TOKENS_PER_NUMBER = 8;
const MAX_TOKENS_PER_RUN = 400;

/** Replace the matcher's candidates inside runs it only partly covered by a better segmentation. */
export function splitNeighbours(text: string, found: Candidate[], exact: ExactMatcher): Candidate[] {
  if (found.length === 0 && !text.includes(',')) return found;
  const out: Candidate[] = [];
  let next = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const a = m.index;
    const b = a + m[0].length;
    const inside: Candidate[] = [];
    while (next < found.length && found[next]!.start < b) {
      const c = found[next++]!;
      if (c.end <= a) out.push(c);
      else inside.push(c);
    }
    const digits = countDigits(text, a, b);
    // A number never continues past a comma: a candidate spanning one (`07911 123456, 07911`) covers nothing.
    const covered = inside.reduce(
      (n, c) => n + (text.slice(c.start, c.end).includes(',') ? 0 : countDigits(text, c.start, c.end)),
      0,
    );
    if (covered >= digits || digits < 7 || (inside.length === 0 && !m[0].includes(','))) {
      out.push(...inside);
      continue;
    }
    const better = segmentRun(text, a, b, exact);
    const betterCovered = better.reduce((n, c) => n + countDigits(text, c.start, c.end), 0);
    out.push(...(betterCovered > covered ? better : inside));
  }
  out.push(...found.slice(next));
  return out;
}

interface Token {
  start: number;
  end: number;
  /** A comma follows: no number continues past it. */
  hard: boolean;
}

function tokenize(text: string, a: number, b: number): Token[] {
  const tokens: Token[] = [];
  const re = /[^ ,]+|,/g;
  const slice = text.slice(a, b);
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    if (m[0] === ',') {
      if (tokens.length) tokens[tokens.length - 1]!.hard = true;
    } else tokens.push({ start: a + m.index, end: a + m.index + m[0].length, hard: false });
  }
  return tokens;
}

const EDGE = /^[-–—.,/]+|[-–—.,/]+$/g;

function segmentRun(text: string, a: number, b: number, exact: ExactMatcher): Candidate[] {
  const tokens = tokenize(text, a, b);
  if (tokens.length > MAX_TOKENS_PER_RUN) return [];
  const n = tokens.length;
  // best[i]: most digits covered by numbers within tokens[0..i), with the numbers chosen.
  const best: { covered: number; picks: Candidate[] }[] = [{ covered: 0, picks: [] }];
  for (let i = 0; i < n; i++) {
    const base = best[i]!;
    if (!best[i + 1] || best[i + 1]!.covered < base.covered) best[i + 1] = base;
    for (let j = i; j < n && j < i + MAX_TOKENS_PER_NUMBER; j++) {
      const raw = text.slice(tokens[i]!.start, tokens[j]!.end);
      const lead = raw.length - raw.replace(/^[-–—.,/]+/, '').length;
      const slice = raw.replace(EDGE, '');
      const start = tokens[i]!.start + lead;
      const digits = countDigits(slice);
      if (digits >= 5 && digits <= 17) {
        const e164 = exact(slice);
        if (e164) {
          const covered = base.covered + digits;
          const prev = best[j + 1];
          const picks = [...base.picks, { start, end: start + slice.length, e164 }];
          if (!prev || prev.covered < covered || (prev.covered === covered && prev.picks.length > picks.length)) {
            best[j + 1] = { covered, picks };
          }
        }
      }
      if (tokens[j]!.hard) break;
    }
  }
  return best[n]!.picks;
}
