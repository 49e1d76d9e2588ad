// Inline texts matched together: the texts of many small blocks under the same region hints are joined with a
// line feed and handed to the detector in one call, then each number is mapped back to its own text. One call
// per block cost a matcher set-up (its regular expressions, its options) and a pass of every filter per block
// (bench/page: 6,000 blocks). A line feed is a hard boundary everywhere in detection: libphonenumber's candidate
// pattern admits no line feed (VALID_PUNCTUATION has none), its context checks treat it as no character, and
// every look-around of ours (detect/filters, named-regions.ts, neighbours.ts RUN) stops at it — so a joined call
// finds exactly what a call per text finds (text-batch.test.ts). A text longer than BATCH_CHARS is matched alone,
// in pieces no number can straddle (detect/chunks.ts), so a slice stays a few milliseconds long.
import type { Mark, Marks } from './marks.ts';
import type { InlineText } from './inline-text.ts';
import { chunkBoundaries } from '../detect/chunks.ts';
import { findNumbers, type Detection, type RegionHints } from '../detect/find-numbers.ts';
import { loadMetadata } from '../detect/phone-lib.ts';
import { loadRegionNames } from '../detect/named-regions.ts';

const BATCH_CHARS = 4000;
/**
 * A scan's first batch is smaller, and each next one twice as large up to BATCH_CHARS: the first detector call of
 * a page also compiles the matcher's code and patterns (a long task of its own on a 4,000-character batch,
 * bench/page trace), so it gets little text.
 */
const FIRST_BATCH_CHARS = 250;
const SEPARATOR = '\n';
let prepared = false;

/**
 * Before a page's first match, each in slices of its own: the metadata's JSON (phone-lib.ts loadMetadata) and
 * CLDR's region names (named-regions.ts loadRegionNames). Only pages with text that may hold a number get here.
 */
function* beforeFirstMatch(hints: RegionHints): Generator<void, void, void> {
  if (prepared) return;
  prepared = true;
  loadMetadata();
  yield;
  yield* loadRegionNames(hints.languages);
}

interface Entry {
  text: InlineText;
  data: string;
  /** Numbers of the tel: links in the text: marked once, by the link. */
  links: readonly string[];
}

export class TextBatch {
  private entries: Entry[] = [];
  private chars = 0;
  private limit = FIRST_BATCH_CHARS;
  private hints: RegionHints | undefined;

  constructor(
    private readonly marks: Marks,
    private readonly marked: (marks: Mark[]) => void,
  ) {}

  /** Queue a text; matches the queued ones first when they are enough or read under other hints. */
  *add(text: InlineText, data: string, links: readonly string[], hints: RegionHints): Generator<void, void, void> {
    if (hints !== this.hints || this.chars + data.length > this.limit) yield* this.flush();
    if (data.length > BATCH_CHARS) {
      yield* this.matchAlone({ text, data, links }, hints);
      return;
    }
    this.hints = hints;
    this.entries.push({ text, data, links });
    this.chars += data.length + SEPARATOR.length;
  }

  /** Match what is queued. */
  *flush(): Generator<void, void, void> {
    const entries = this.entries;
    if (entries.length === 0) return;
    yield* beforeFirstMatch(this.hints!);
    this.entries = [];
    this.chars = 0;
    this.limit = Math.min(BATCH_CHARS, this.limit * 2);
    const starts: number[] = [];
    let at = 0;
    for (const e of entries) {
      starts.push(at);
      at += e.data.length + SEPARATOR.length;
    }
    const found = findNumbers(entries.map((e) => e.data).join(SEPARATOR), this.hints!);
    const made: Mark[] = [];
    let i = 0;
    for (const d of found) {
      while (i + 1 < entries.length && starts[i + 1]! <= d.start) i++;
      const entry = entries[i]!;
      const start = d.start - starts[i]!;
      const end = d.end - starts[i]!;
      if (end > entry.data.length) continue; // never: no number spans a line feed (above)
      this.mark(entry, { start, end, e164: d.e164 }, made);
    }
    if (made.length > 0) this.marked(made);
    yield;
  }

  private *matchAlone(entry: Entry, hints: RegionHints): Generator<void, void, void> {
    yield* beforeFirstMatch(hints);
    const cuts = chunkBoundaries(entry.data);
    const made: Mark[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const offset = cuts[i]!;
      for (const d of findNumbers(entry.data.slice(offset, cuts[i + 1]), hints))
        this.mark(entry, { start: d.start + offset, end: d.end + offset, e164: d.e164 }, made);
      if (i + 2 < cuts.length) yield;
    }
    if (made.length > 0) this.marked(made);
    yield;
  }

  private mark(entry: Entry, d: Detection, made: Mark[]): void {
    if (entry.links.includes(d.e164)) return;
    const { init, nodes } = entry.text.locate(d.start, d.end);
    made.push(this.marks.add(init, d.e164, nodes));
  }
}
