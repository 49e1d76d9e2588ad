// The NAPTR REGEXP field: a sed-like substitution expression (RFC 3402 §3.2):
//
//   subst-expr   = delim-char  ere  delim-char  repl  delim-char  *flags
//   delim-char   = "/" / "!" / <Any octet not in 'POS-DIGIT' or 'flags'>
//   repl         = *(string / backref)
//   escapeddelim = "\" delim-char          backref = "\" POS-DIGIT          flags = "i"
//
// The ERE is translated to RE2 syntax (./ere.ts) and run by re2js, which matches in linear time, so a
// hostile record such as `!^(((.*)*)*)*x$!…!` cannot stall the caller (docs/enum-test-vectors.md §4.1, V34).
// Compiling is not linear: re2js expands counted repetition with no program-size limit, so an ERE's expanded
// size is bounded (MAX_ERE_SIZE), each lookup has a compile budget, and the cache is bounded by cost
// (README "Hostile zones").
// re2js is asked for leftmost-longest matching (RE2JS.LONGEST_MATCH, the mode RE2 uses for POSIX), so
// `!(\+4|\+44)!…!` captures "+44" as POSIX requires rather than "+4" (V31). Among equally long
// matches RE2 picks submatches as a backtracking engine would, not by the POSIX subexpression rule; for
// the anchored `^…$` patterns ENUM uses (RFC 6116 §5.1) this makes no difference.
import { RE2JS } from 're2js';
import { err, ok, type Result } from '../result.ts';
import { translateEre } from './ere.ts';

/** A character-string holds at most 255 octets (RFC 1035 §3.3); UTF-16 length never exceeds it. */
export const MAX_REGEXP_LENGTH = 255;
/** The Application Unique String: an E.164 number is at most 16 characters (RFC 6116 §3.1, E.164 §6). */
export const MAX_AUS_LENGTH = 255;
/** Bounds the expansion of repeated back-references (RFC 5483 §3, §9: "MUST NOT fail"). */
export const MAX_OUTPUT_LENGTH = 2048;

/** A literal piece of the replacement, or the number of a back-reference (1–9). */
export type ReplacementPart = string | number;

export interface ParsedNaptrRegexp {
  delimiter: string;
  /** The POSIX ERE as written (escaped delimiters still escaped). */
  ere: string;
  /** The trailing `i` flag: match case-insensitively (RFC 3402 §3.2). */
  caseInsensitive: boolean;
  replacement: ReplacementPart[];
  /** Compiled, linear-time form of `ere`. */
  pattern: RE2JS;
}

/** Splits the field at its three unescaped delimiters (RFC 3402 §3.2; RFC 6116 §5.2: MUST handle any delimiter). */
function split(field: string): Result<{ delimiter: string; ere: string; repl: string; flags: string }> {
  const chars = Array.from(field);
  const delimiter = chars[0];
  if (delimiter === undefined) return err('bad-regexp', 'the regexp field is empty');
  // Grammar: not POS-DIGIT or a flag; prose: "digits MUST NOT be used as delimiters" (so "0" neither).
  // ABNF literals are case-insensitive (RFC 5234 §2.3), so "I" is a flag too.
  if (/^[0-9\\iI]$/.test(delimiter)) return err('bad-regexp', `"${delimiter}" cannot be a delimiter (RFC 3402 §3.2)`);
  const cuts: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === '\\') {
      if (i + 1 >= chars.length) return err('bad-regexp', 'the regexp field ends with a lone backslash');
      i++;
    } else if (chars[i] === delimiter) {
      cuts.push(i);
    }
  }
  // RFC 6116 §5.2: SHOULD discard a NAPTR whose regexp lacks exactly three unescaped delimiters.
  if (cuts.length !== 2) {
    return err('bad-regexp', `expected exactly 3 unescaped "${delimiter}" delimiters, found ${cuts.length + 1}`);
  }
  const [a, b] = cuts as [number, number];
  return ok({
    delimiter,
    ere: chars.slice(1, a).join(''),
    repl: chars.slice(a + 1, b).join(''),
    flags: chars.slice(b + 1).join(''),
  });
}

/** RFC 3402 §3.2 repl: `\1`–`\9` back-references, `\<delim>` the delimiter, `\\` a backslash. */
function parseReplacement(repl: string, groups: number): Result<ReplacementPart[]> {
  const parts: ReplacementPart[] = [];
  let text = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i] as string;
    if (c !== '\\') {
      text += c;
      continue;
    }
    const next = repl[++i] as string; // split() guarantees a character follows a backslash
    if (next === '0') return err('bad-regexp', '"\\0" is not a back-reference (RFC 3402 §3.2: POS-DIGIT is 1-9)');
    if (/^[1-9]$/.test(next)) {
      const n = Number(next);
      // RFC 3402 §3.2: "\5" with four groups is "error - no matching subexpression".
      if (n > groups) return err('bad-regexp', `back-reference \\${n} but the expression has ${groups} group(s)`);
      if (text) parts.push(text);
      parts.push(n);
      text = '';
    } else {
      text += next; // escaped delimiter, `\\`, or any other escaped character: taken literally
    }
  }
  if (text) parts.push(text);
  return ok(parts);
}

/**
 * What compiling costs one lookup at most, in expanded ERE positions (MAX_ERE_SIZE) plus COMPILE_OVERHEAD per
 * regexp. RE2 compiles in time and memory about linear in that size (npm run bench: "compile bomb"), so this
 * bounds the CPU one hostile answer set can take: about 60 regexps of the largest allowed size, or several
 * hundred `!^.*$!…!`. A cache hit costs nothing. Records past the budget are rejected, the rest go on.
 */
export const COMPILE_BUDGET = 16_384;
/** A compile costs this much beyond its expanded size (parsing, program set-up). */
const COMPILE_OVERHEAD = 8;

/** The compile budget of one lookup: pass the same object for every set the lookup processes. */
export interface CompileBudget {
  remaining: number;
}

export const newCompileBudget = (): CompileBudget => ({ remaining: COMPILE_BUDGET });

/** Compiled fields, most recently used last: providers reuse a handful of patterns (`!^.*$!…!`) across
 *  every number, and compiling is most of the processing cost (npm run bench). Bounded by the summed cost
 *  of its entries (a compiled program's memory grows with its size, ~1 KB per position), not by count. */
const compiled = new Map<string, { result: Result<ParsedNaptrRegexp>; cost: number }>();
/** Summed cost of the cached entries: at most two lookups' budgets (a few MB). */
export const COMPILED_CACHE_BUDGET = 2 * COMPILE_BUDGET;
let compiledCost = 0;

function remember(field: string, result: Result<ParsedNaptrRegexp>, cost: number): void {
  compiled.set(field, { result, cost });
  compiledCost += cost;
  for (const [key, entry] of compiled) {
    if (compiledCost <= COMPILED_CACHE_BUDGET) break;
    compiled.delete(key);
    compiledCost -= entry.cost;
  }
}

/** Summed cost of the cache's entries (for tests of its bound). */
export const compiledCacheCost = (): number => compiledCost;

/**
 * Parses and compiles a NAPTR REGEXP field. Never throws; every failure is a `bad-regexp` error, and a
 * compile that would exceed `budget` is a `compile-budget` error (the field itself may be fine).
 */
export function parseNaptrRegexp(field: string, budget?: CompileBudget): Result<ParsedNaptrRegexp> {
  const hit = compiled.get(field);
  if (hit) {
    compiled.delete(field);
    compiled.set(field, hit);
    return hit.result;
  }
  const prepared = prepareNaptrRegexp(field);
  if (!prepared.ok) {
    remember(field, prepared, 1);
    return prepared;
  }
  const cost = prepared.value.size + COMPILE_OVERHEAD;
  if (budget) {
    if (budget.remaining < cost) {
      return err(
        'compile-budget',
        `not compiled: this lookup's regexps already cost ${COMPILE_BUDGET - budget.remaining} of ${COMPILE_BUDGET} compile units (README "Hostile zones")`,
      );
    }
    budget.remaining -= cost;
  }
  const result = compilePrepared(prepared.value);
  remember(field, result, result.ok ? cost : 1);
  return result;
}

interface PreparedRegexp extends Omit<ParsedNaptrRegexp, 'pattern'> {
  re2: string;
  size: number;
}

/** Everything but the compile: cheap (linear in the field), so it runs before the budget is charged. */
function prepareNaptrRegexp(field: string): Result<PreparedRegexp> {
  if (field.length > MAX_REGEXP_LENGTH) {
    return err('bad-regexp', `the regexp field is longer than ${MAX_REGEXP_LENGTH} characters`);
  }
  const parts = split(field);
  if (!parts.ok) return parts;
  const { delimiter, ere, repl, flags } = parts.value;
  if (flags !== '' && flags !== 'i' && flags !== 'I') {
    return err('bad-regexp', `unknown flag(s) "${flags}" after the last delimiter (only "i" is defined)`);
  }
  if (ere === '') return err('bad-regexp', 'the regular expression is empty');
  const translated = translateEre(ere, delimiter);
  if (!translated.ok) return err('bad-regexp', translated.error.message);
  const replacement = parseReplacement(repl, translated.value.groups);
  if (!replacement.ok) return replacement;
  const caseInsensitive = flags !== '';
  const { re2, size } = translated.value;
  return ok({ delimiter, ere, caseInsensitive, replacement: replacement.value, re2, size });
}

function compilePrepared(prepared: PreparedRegexp): Result<ParsedNaptrRegexp> {
  const { re2, size: _size, ...rest } = prepared;
  let pattern: RE2JS;
  try {
    // DOTALL: a POSIX `.` matches any character, newline included (XBD §9.4.4 without REG_NEWLINE).
    const mode = RE2JS.LONGEST_MATCH | RE2JS.DOTALL | (rest.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    pattern = RE2JS.compile(re2, mode);
  } catch (e) {
    return err('bad-regexp', `regular expression rejected: ${e instanceof Error ? e.message : String(e)}`);
  }
  return ok({ ...rest, pattern });
}

/**
 * Applies the substitution to the Application Unique String — always the original AUS, never the output
 * of an earlier rule (RFC 3402 §3, RFC 3403 §4.1 "MUST NOT be used in a cumulative fashion").
 * Like sed (RFC 3402 §3.1), the first match is replaced and the rest of the string is kept; with the
 * anchored patterns ENUM uses (RFC 6116 §5.1) the result is the replacement alone.
 * An unset group expands to "" (RFC 3402 §3.2: "(possibly empty)"). `null` means "no match".
 */
export function applyNaptrRegexp(parsed: ParsedNaptrRegexp, aus: string): Result<string | null> {
  if (aus.length > MAX_AUS_LENGTH)
    return err('bad-aus', `the input string is longer than ${MAX_AUS_LENGTH} characters`);
  let out: string;
  try {
    const m = parsed.pattern.matcher(aus);
    if (!m.find()) return ok(null);
    out = aus.slice(0, m.start());
    for (const part of parsed.replacement) {
      out += typeof part === 'number' ? (m.group(part) ?? '') : part;
      if (out.length > MAX_OUTPUT_LENGTH) break;
    }
    out += aus.slice(m.end());
  } catch (e) {
    return err('bad-regexp', `matching failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (out.length > MAX_OUTPUT_LENGTH) {
    return err('bad-regexp', `the substitution result is longer than ${MAX_OUTPUT_LENGTH} characters`);
  }
  return ok(out);
}
