// POSIX Extended Regular Expression → RE2 syntax, so that NAPTR regexps (RFC 3402 §3.2: "ere = POSIX
// Extended Regular Expression") run on re2js, a linear-time engine (RFC 3403 §10: regexps must not be
// passed blindly to an engine; docs/enum-test-vectors.md §4.1: a backtracking engine took 51 s on one record).
//
// The translation is conservative: every literal is emitted as `\x{…}`, so no RE2 metacharacter can
// leak through, and anything POSIX leaves undefined or RE2 cannot do is refused with a message.
//   ERE (POSIX XBD §9.4)                 RE2 output
//   c  \c (c not alphanumeric)           \x{hex}
//   .  ^  $                              .  \A  \z       (DOTALL is set by the caller: POSIX `.` matches \n)
//   ( ) |                                ( ) |
//   * + ? {m} {m,} {m,n}                 same; a stacked one (`a+?`) wraps: (?:a+)?  — POSIX has no lazy
//                                         quantifiers, glibc reads `+?` as `(a+)?` (V29)
//   [...] [^...] [[:digit:]] [=c=] [.c.]  [\x{..}-\x{..}…]  (backslash is literal inside, POSIX §9.3.5)
//   \<delimiter>                          the delimiter itself (RFC 3402 §3.2 escapeddelim)
import { err, ok, type Result } from '../result.ts';
import { translateBracket } from './bracket.ts';

/** RE_DUP_MAX: the smallest bound POSIX allows an implementation (XBD <limits.h>, _POSIX2_RE_DUP_MAX). */
const RE_DUP_MAX = 255;

/**
 * The largest expanded size an ERE may have (README "Hostile zones"). RE2 compiles `x{m,n}` into n copies of
 * `x`, so its program grows with the product of nested counts and the sum of siblings: 18 sibling
 * `(.{0,31}){31}` fit in 255 octets, expand to 17,298 positions and took ~110 ms and ~6 MB each to compile.
 * Counting each literal, `.` and group as 1, a bracket expression as its number of ranges (RE2 compiles a
 * class range by range: a 60-range class repeated {0,255} took 11 ms), an anchor as 0, and `x{m,n}` as n
 * copies of x (m+1 for `{m,}`), an ERE without intervals stays within the 255-octet field, so only counted
 * repetition reaches the bound.
 */
export const MAX_ERE_SIZE = 256;

/** Emits one code point as an RE2 literal that can never be read as an operator. */
const re2Literal = (cp: number): string => `\\x{${cp.toString(16)}}`;

interface Atom {
  src: string;
  quantifiable: boolean;
  quantified: boolean;
  /** Expanded size (see MAX_ERE_SIZE). */
  size: number;
}

interface Frame {
  alternatives: string[];
  /** Expanded size of the alternatives already closed by `|`. */
  closedSize: number;
  seq: Atom[];
}

export interface TranslatedEre {
  re2: string;
  /** Number of capturing groups, i.e. the highest valid back-reference (RFC 3402 §3.2). */
  groups: number;
  /** Expanded size, at most MAX_ERE_SIZE: what compiling it costs, roughly (npm run bench). */
  size: number;
}

const join = (f: Frame): string => [...f.alternatives, f.seq.map((a) => a.src).join('')].join('|');
const seqSize = (seq: readonly Atom[]): number => seq.reduce((n, a) => n + a.size, 0);
const frameSize = (f: Frame): number => f.closedSize + seqSize(f.seq);
const tooLarge = (size: number): string =>
  `the regular expression expands to ${size > 1e9 ? 'over 10^9' : size} positions through counted repetition ({m,n}); at most ${MAX_ERE_SIZE} are allowed`;

/** Translates `ere` (the first part of a NAPTR substitution expression) to RE2 syntax. */
export function translateEre(ere: string, delimiter: string): Result<TranslatedEre> {
  const cps = Array.from(ere, (c) => c.codePointAt(0) ?? 0);
  const delim = delimiter.codePointAt(0);
  const stack: Frame[] = [{ alternatives: [], closedSize: 0, seq: [] }];
  let groups = 0;
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const push = (src: string, quantifiable = true, size = 1): void => {
    top().seq.push({ src, quantifiable, quantified: false, size });
  };
  const quantify = (q: string, at: number, copies = 1): Result<void> => {
    const last = top().seq.at(-1);
    if (!last || !last.quantifiable) {
      return err('bad-ere', `nothing to repeat before "${q}" at offset ${at} (write a literal as \\${q.charAt(0)})`);
    }
    // RE2 refuses stacked operators (`a**`, `a+?` meaning lazy); POSIX ERE applies them in turn.
    if (last.quantified) last.src = `(?:${last.src})`;
    last.src += q;
    last.quantified = true;
    last.size *= copies;
    if (last.size > MAX_ERE_SIZE) return err('bad-ere', tooLarge(last.size));
    return ok(undefined);
  };

  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] as number;
    const ch = String.fromCodePoint(cp);
    switch (ch) {
      case '(':
        groups++;
        stack.push({ alternatives: [], closedSize: 0, seq: [] });
        break;
      case ')': {
        if (stack.length === 1) return err('bad-ere', `unmatched ")" at offset ${i}`);
        const inner = stack.pop() as Frame;
        push(`(${join(inner)})`, true, frameSize(inner) + 1);
        break;
      }
      case '|':
        top().alternatives.push(
          top()
            .seq.map((a) => a.src)
            .join(''),
        );
        top().closedSize += seqSize(top().seq);
        top().seq = [];
        break;
      case '*':
      case '+':
      case '?': {
        const r = quantify(ch, i);
        if (!r.ok) return r;
        break;
      }
      case '{': {
        const close = cps.indexOf(0x7d, i);
        const body = close < 0 ? '' : String.fromCodePoint(...cps.slice(i + 1, close));
        const m = /^(\d{1,3})(,(\d{0,3}))?$/.exec(body);
        if (!m) return err('bad-ere', `invalid interval "{${body}" at offset ${i} (write a literal brace as \\{)`);
        const min = Number(m[1]);
        const max = m[3] ? Number(m[3]) : m[2] ? Infinity : min;
        if (min > max || (max !== Infinity && max > RE_DUP_MAX) || min > RE_DUP_MAX) {
          return err('bad-ere', `invalid interval "{${body}}": bounds must satisfy m <= n <= ${RE_DUP_MAX}`);
        }
        // RE2 expands x{m,n} to n copies of x and x{m,} to m copies followed by x*.
        const r = quantify(`{${body}}`, i, Math.max(1, max === Infinity ? min + 1 : max));
        if (!r.ok) return r;
        i = close;
        break;
      }
      case '.':
        push('.');
        break;
      case '^':
        push('\\A', false, 0);
        break;
      case '$':
        push('\\z', false, 0);
        break;
      case '[': {
        const r = translateBracket(cps, i + 1, delim);
        if (!r.ok) return r;
        const items = (r.value.re2.match(/\\x\{/g) ?? []).length - (r.value.re2.match(/-\\x\{/g) ?? []).length;
        push(r.value.re2, true, Math.max(1, items));
        i = r.value.end;
        break;
      }
      case '\\': {
        const next = cps[i + 1];
        if (next === undefined) return err('bad-ere', 'trailing backslash at the end of the regular expression');
        const c = String.fromCodePoint(next);
        if (next !== delim && /[0-9]/.test(c)) {
          return err('bad-ere', `back-reference \\${c} inside the regular expression is not supported`);
        }
        if (next !== delim && /[A-Za-z]/.test(c)) {
          return err('bad-ere', `"\\${c}" is not defined in POSIX extended regular expressions`);
        }
        push(re2Literal(next));
        i++;
        break;
      }
      default:
        push(re2Literal(cp));
    }
  }
  if (stack.length !== 1) return err('bad-ere', 'unmatched "(" in the regular expression');
  const size = frameSize(top());
  if (size > MAX_ERE_SIZE) return err('bad-ere', tooLarge(size));
  return ok({ re2: join(top()), groups, size });
}
