// ENUM NAPTR processing (RFC 6116 §5.2 over the DDDS algorithm of RFC 3402 §3.3 and RFC 3403 §4).
//
//   records ──sort by ORDER, PREFERENCE (stable)──▶ for each record, in that order:
//     flags "u"  (terminal)     → services → regexp on the AUS → URI check ──▶ uris[]
//     flags ""   (non-terminal) → fetch REPLACEMENT's NAPTRs → process that set here (recursively)
//     anything else             ──────────────────────────────────────────────▶ rejected[]
//   Any failure rejects that one record (with its text and a reason) and processing goes on.
//
// Every usable URI is reported, in processing order: a client that presents a list MAY present all
// NAPTRs and SHOULD keep the registrant's order (RFC 6116 §5.2, RFC 5483 §4.2), rather than stopping at
// the first accepted ORDER as an automatic client would (RFC 3403 §4.1).
import type { NaptrData } from '../dns/types.ts';
import type { RecordRejectionCode, RejectedRecord, UriResult } from '../enum/types.ts';
import { yieldToEventLoop } from '../async.ts';
import { printableBounded } from '../printable.ts';
import { err, ok, type CoreError, type Result } from '../result.ts';
import { formatNaptr } from './format.ts';
import { applyNaptrRegexp, newCompileBudget, parseNaptrRegexp, type CompileBudget } from './regexp.ts';
import { parseEnumServices } from './services.ts';
import { classifyUri } from './uri.ts';
import { parseName } from '../dns/name.ts';

export interface NaptrSet {
  /** As received, in answer order. */
  records: NaptrData[];
}

/** Looks up the NAPTR RRset of a name (DNS and caching are the caller's); an error skips the record. */
export type FetchNaptr = (name: string) => Promise<Result<NaptrData[]>>;

export interface ProcessOptions {
  /** Owner name of `records`, so that a non-terminal pointing back to it is seen as a loop at once. */
  domain?: string;
  /** Compile budget shared by every set of one lookup (default: a fresh one per call). */
  budget?: CompileBudget;
}

export interface ProcessedNaptrs {
  uris: UriResult[];
  /** The first MAX_REJECTED rejections, each field escaped (core/printable.ts) and cut to MAX_REJECTED_TEXT. */
  rejected: RejectedRecord[];
  /** Rejections past MAX_REJECTED, counted but not listed. */
  rejectedOmitted: number;
}

/** RFC 6116 §5.2.1: a client MAY treat a chain of more than five non-terminals as a loop (RFC 5483 §5). */
export const MAX_NON_TERMINAL_HOPS = 5;
/** Total non-terminal look-ups per query. RFC 5483 §5.2.2: "counting the number of domains queried in
 *  the current ENUM query suffices"; this also stops a fan-out of non-terminals from multiplying. */
export const MAX_NON_TERMINAL_LOOKUPS = 10;
/** Records processed per RRset, in ORDER/PREFERENCE order; the rest are rejected unread (README "Hostile
 *  zones"). Real ENUM sets hold a handful; a 64 KB answer can hold ~1,000, and with ten non-terminals eleven
 *  such sets reach one lookup. */
export const MAX_RECORDS_PER_SET = 100;
/** Rejections listed per lookup (README "Hostile zones"): a result is cached and shown, so it stays small. */
export const MAX_REJECTED = 50;
/** Characters of a rejected record's presentation form and of its reason (longer ones end in "…"). */
export const MAX_REJECTED_TEXT = 200;
/** Usable URIs listed per lookup, and their summed length: later ones are rejected as over the limit. With
 *  the caps above a result stays under ~40 KB however large the answers were. */
export const MAX_URIS = 100;
export const MAX_URI_CHARS = 16_384;
/** Compile units (regexp.ts COMPILE_BUDGET) spent between two yields to the event loop: a few milliseconds,
 *  so another page's lookup in the same worker waits at most that long behind a costly answer. */
export const COMPILE_UNITS_PER_SLICE = 1024;

/** ORDER then PREFERENCE, lowest first (RFC 3403 §4.1); ties keep answer order (RFC 6116 §5.2 SHOULD). */
export const sortNaptrs = (records: readonly NaptrData[]): NaptrData[] =>
  [...records].sort((a, b) => a.order - b.order || a.preference - b.preference);

interface Walk {
  aus: string;
  fetchNaptr: FetchNaptr;
  lookups: number;
  budget: CompileBudget;
  /** Budget left at the last yield to the event loop. */
  yieldedAt: number;
  uriChars: number;
  out: ProcessedNaptrs;
}

/** Names visited on the current chain of non-terminals (for loop detection) and how many were followed. */
interface Path {
  chain: readonly string[];
  hops: number;
}

/** Why a record is ignored: the English reason (`message`), its code and the values its words need. */
type Refusal = CoreError<RecordRejectionCode> & { params: string[] };
const refusal = (code: RecordRejectionCode, message: string, ...params: string[]): Refusal => ({
  code,
  message,
  params,
});
/** A field's own check failed: its message is the technical detail the words show. */
const fieldRefusal = (code: 'bad-services' | 'bad-regexp' | 'bad-uri', e: CoreError): Refusal =>
  refusal(code, e.message, e.message);

/** Where a record reached through a non-terminal was found; undefined for the number's own records. */
const foundIn = (path: Path): string | undefined => (path.hops === 0 ? undefined : path.chain[path.chain.length - 1]);

/** Records reached through a non-terminal say where they were found. */
const describe = (reason: string, path: Path): string => {
  const where = foundIn(path);
  return where === undefined ? reason : `${reason} (in ${where})`;
};

/** A terminal ("u") record: its output is a URI (RFC 6116 §3.4.2, RFC 3404 §4.3). */
function processTerminal(d: NaptrData, aus: string, budget: CompileBudget): Result<UriResult, Refusal> {
  const fail = (r: Refusal) => ({ ok: false as const, error: r });
  // RFC 3403 §4.1: REGEXP and REPLACEMENT are mutually exclusive; a record with both "is considered
  // to be in error and SHOULD be either ignored or an error returned".
  if (d.replacement !== '') {
    return fail(refusal('regexp-and-replacement', 'a terminal NAPTR has both a regexp and a replacement'));
  }
  if (d.regexp === '') return fail(refusal('no-regexp', 'terminal NAPTR without a regexp'));
  const enumservices = parseEnumServices(d.services);
  if (!enumservices.ok) return fail(fieldRefusal('bad-services', enumservices.error));
  const parsed = parseNaptrRegexp(d.regexp, budget);
  if (!parsed.ok) return fail(fieldRefusal('bad-regexp', parsed.error));
  const uri = applyNaptrRegexp(parsed.value, aus);
  if (!uri.ok) return fail(fieldRefusal('bad-regexp', uri.error));
  if (uri.value === null) return fail(refusal('no-match', 'regexp does not match'));
  const usable = classifyUri(uri.value, enumservices.value);
  if (!usable.ok) {
    const e = usable.error;
    return fail('reason' in e ? refusal(e.reason, e.message, ...e.params) : fieldRefusal('bad-uri', e));
  }
  return ok({ uri: uri.value, enumservices: enumservices.value, order: d.order, preference: d.preference });
}

/** A non-terminal (empty flags) record: continue at its REPLACEMENT (RFC 6116 §5.2.1). */
async function processNonTerminal(d: NaptrData, path: Path, walk: Walk): Promise<Refusal | null> {
  const { chain, hops } = path;
  // RFC 6116 §5.2.1: the Regexp of a non-terminal MUST be ignored and its Services SHOULD be.
  const next = d.replacement;
  if (next === '') return refusal('no-replacement', 'non-terminal NAPTR without a replacement');
  if (!parseName(next).ok)
    return refusal('bad-replacement', `non-terminal replacement "${next}" is not a valid domain name`, next);
  const key = next.toLowerCase();
  // RFC 6116 §5.2.1: on a detected loop SHOULD skip the NAPTR and SHOULD NOT make its query.
  if (chain.some((n) => n.toLowerCase() === key)) {
    const loop = [...chain, next].join(' → ');
    return refusal('loop', `non-terminal loop: ${loop}`, loop);
  }
  if (hops >= MAX_NON_TERMINAL_HOPS) {
    return refusal(
      'chain-too-long',
      `more than ${MAX_NON_TERMINAL_HOPS} non-terminal NAPTRs in a chain (treated as a loop)`,
      String(MAX_NON_TERMINAL_HOPS),
    );
  }
  if (walk.lookups >= MAX_NON_TERMINAL_LOOKUPS) {
    return refusal(
      'too-many-lookups',
      `more than ${MAX_NON_TERMINAL_LOOKUPS} non-terminal look-ups for one number`,
      String(MAX_NON_TERMINAL_LOOKUPS),
    );
  }
  walk.lookups++;
  let fetched: Result<NaptrData[]>;
  try {
    fetched = await walk.fetchNaptr(next);
  } catch (e) {
    fetched = err('fetch', e instanceof Error ? e.message : String(e));
  }
  // RFC 6116 §5.2.1: on a problem in the referenced domain continue with the next NAPTR here.
  if (!fetched.ok)
    return refusal(
      'lookup-failed',
      `NAPTR lookup of ${next} failed: ${fetched.error.message}`,
      next,
      fetched.error.message,
    );
  if (fetched.value.length === 0) return refusal('no-records', `${next} has no NAPTR records`, next);
  const before = walk.out.uris.length;
  await processSet(fetched.value, { chain: [...chain, next], hops: hops + 1 }, walk);
  return walk.out.uris.length > before ? null : refusal('no-usable-uri', `no usable URI at ${next}`, next);
}

/** ORDER/PREFERENCE are compared only within one RRset, never across hops (RFC 5483 §4.5). */
async function processSet(records: readonly NaptrData[], path: Path, walk: Walk): Promise<void> {
  const sorted = sortNaptrs(records);
  for (const [i, d] of sorted.entries()) {
    const reject = ({ code, message, params }: Refusal): void => {
      if (walk.out.rejected.length >= MAX_REJECTED) {
        walk.out.rejectedOmitted++;
        return;
      }
      // Reasons quote zone data (flags, services, regexps): escape controls and bidi marks, as the record is,
      // and so are the values their words are given.
      const safe = (text: string) => printableBounded(text, MAX_REJECTED_TEXT);
      const record = safe(formatNaptr(d));
      const where = foundIn(path);
      walk.out.rejected.push({
        record,
        reason: safe(describe(message, path)),
        why: { code, params: params.map(safe), ...(where === undefined ? {} : { in: safe(where) }) },
      });
    };
    // RFC 6116 §5.2: a record that cannot be used is skipped (and reported) and processing goes on.
    if (i >= MAX_RECORDS_PER_SET) {
      reject(
        refusal(
          'too-many-records',
          `not processed: only the first ${MAX_RECORDS_PER_SET} records of a set are (the set has ${sorted.length})`,
          String(MAX_RECORDS_PER_SET),
          String(sorted.length),
        ),
      );
      continue;
    }
    // Flags are case-insensitive (RFC 3403 §4.1). ENUM defines only "u" (RFC 6116 §3.4.2); a record with
    // an unknown flag MUST be ignored, whatever its ORDER (RFC 6116 §3.4.2, RFC 3761 §2.4.1).
    const flags = d.flags.toLowerCase();
    if (flags === 'u') {
      const r = processTerminal(d, walk.aus, walk.budget);
      if (walk.yieldedAt - walk.budget.remaining >= COMPILE_UNITS_PER_SLICE) {
        walk.yieldedAt = walk.budget.remaining;
        await yieldToEventLoop();
      }
      if (!r.ok) reject(r.error);
      else if (walk.out.uris.length >= MAX_URIS)
        reject(refusal('too-many-uris', `usable, but a result lists at most ${MAX_URIS} URIs`, String(MAX_URIS)));
      else if (walk.uriChars + r.value.uri.length > MAX_URI_CHARS)
        reject(
          refusal(
            'too-many-uri-chars',
            `usable, but a result lists at most ${MAX_URI_CHARS} characters of URIs`,
            String(MAX_URI_CHARS),
          ),
        );
      else {
        walk.uriChars += r.value.uri.length;
        walk.out.uris.push(r.value);
      }
    } else if (flags === '') {
      const problem = await processNonTerminal(d, path, walk);
      if (problem !== null) reject(problem);
    } else {
      reject(
        refusal(
          'unknown-flags',
          `unknown flag(s) "${d.flags}": ENUM defines only "u" (terminal) and "" (non-terminal)`,
          d.flags,
        ),
      );
    }
  }
}

/**
 * Turns an ENUM NAPTR RRset into the URIs it yields for `aus` (e.g. "+441632960083"), following
 * non-terminal records through `fetchNaptr`. Never throws for bad data: each unusable record is
 * listed in `rejected` with its presentation form and the reason.
 */
export async function processNaptrSet(
  records: NaptrData[],
  aus: string,
  fetchNaptr: FetchNaptr,
  options: ProcessOptions = {},
): Promise<ProcessedNaptrs> {
  const budget = options.budget ?? newCompileBudget();
  const walk: Walk = {
    aus,
    fetchNaptr,
    lookups: 0,
    budget,
    yieldedAt: budget.remaining,
    uriChars: 0,
    out: { uris: [], rejected: [], rejectedOmitted: 0 },
  };
  await processSet(records, { chain: options.domain === undefined ? [] : [options.domain], hops: 0 }, walk);
  return walk.out;
}
