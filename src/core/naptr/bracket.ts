// POSIX bracket expressions (XBD §9.3.5) → an RE2 character class of explicit code-point ranges.
// POSIX rules that differ from JavaScript/Perl and are honoured here:
//   * `]` right after `[` or `[^` is a literal, not the end;
//   * a backslash is an ordinary character inside brackets, so `[\d]` is {`\`, `d`} (docs/enum-test-vectors.md V30) —
//     except `\<delimiter>`, which RFC 3402 §3.2 requires for any delimiter inside the expression;
//   * `-` is literal first or last, otherwise it forms a range;
//   * `[:class:]` names the C-locale character classes; `[=c=]` and `[.c.]` name single characters
//     (a NAPTR regexp has no locale, so multi-character collating elements are refused).
import { err, ok, type Result } from '../result.ts';

type Range = readonly [number, number];

/** XBD §7.3.1 LC_CTYPE classes in the POSIX (C) locale. */
const CLASSES: Record<string, readonly Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const hex = (cp: number): string => `\\x{${cp.toString(16)}}`;
const BACKSLASH = 0x5c;
const DASH = 0x2d;
const CLOSE = 0x5d;

export interface TranslatedBracket {
  re2: string;
  /** Index of the closing `]` in the code-point array. */
  end: number;
}

type Element = { kind: 'char'; cp: number; next: number } | { kind: 'class'; ranges: readonly Range[]; next: number };

/** Reads `[:name:]`, `[=c=]` or `[.c.]` starting at the `[` at `at`. */
function readNamed(cps: number[], at: number): Result<Element> {
  const kind = String.fromCodePoint(cps[at + 1] as number);
  for (let j = at + 2; j + 1 < cps.length; j++) {
    if (String.fromCodePoint(cps[j] as number) === kind && cps[j + 1] === CLOSE) {
      const name = String.fromCodePoint(...cps.slice(at + 2, j));
      if (kind === ':') {
        const ranges = CLASSES[name];
        if (!ranges) return err('bad-ere', `unknown character class "[:${name}:]"`);
        return ok({ kind: 'class', ranges, next: j + 2 });
      }
      const chars = Array.from(name);
      if (chars.length !== 1) {
        return err('bad-ere', `"[${kind}${name}${kind}]" is not a single character (only the C locale is supported)`);
      }
      return ok({ kind: 'char', cp: (chars[0] as string).codePointAt(0) as number, next: j + 2 });
    }
  }
  return err('bad-ere', `unterminated "[${kind}" inside a bracket expression`);
}

function readElement(cps: number[], at: number, delim: number | undefined): Result<Element> {
  const cp = cps[at] as number;
  const after = cps[at + 1];
  if (cp === 0x5b && (after === 0x3a || after === 0x3d || after === 0x2e)) return readNamed(cps, at);
  if (cp === BACKSLASH && after !== undefined && after === delim) return ok({ kind: 'char', cp: after, next: at + 2 });
  return ok({ kind: 'char', cp, next: at + 1 });
}

/** Translates the bracket expression whose body starts at `start` (just after `[`). */
export function translateBracket(cps: number[], start: number, delim: number | undefined): Result<TranslatedBracket> {
  let i = start;
  const negate = cps[i] === 0x5e;
  if (negate) i++;
  const ranges: Range[] = [];
  let first = true;
  while (i < cps.length && (first || cps[i] !== CLOSE)) {
    first = false;
    const lo = readElement(cps, i, delim);
    if (!lo.ok) return lo;
    i = lo.value.next;
    if (lo.value.kind === 'class') {
      ranges.push(...lo.value.ranges);
      continue;
    }
    // A `-` forms a range unless it is the last character before `]`.
    if (cps[i] === DASH && i + 1 < cps.length && cps[i + 1] !== CLOSE) {
      const hi = readElement(cps, i + 1, delim);
      if (!hi.ok) return hi;
      if (hi.value.kind === 'class') return err('bad-ere', 'a character class cannot end a range');
      if (hi.value.cp < lo.value.cp) {
        return err(
          'bad-ere',
          `invalid range "${String.fromCodePoint(lo.value.cp)}-${String.fromCodePoint(hi.value.cp)}"`,
        );
      }
      ranges.push([lo.value.cp, hi.value.cp]);
      i = hi.value.next;
      continue;
    }
    ranges.push([lo.value.cp, lo.value.cp]);
  }
  if (i >= cps.length) return err('bad-ere', 'unterminated bracket expression (missing "]")');
  const body = ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
  return ok({ re2: `[${negate ? '^' : ''}${body}]`, end: i });
}
